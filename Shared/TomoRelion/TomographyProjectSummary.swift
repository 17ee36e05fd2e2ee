import Foundation
import TomoCore

/// A compact description of a tomography project (tomogram set plus optional particle set), used by
/// `sta info` and `make demo`.
public struct TomographyProjectSummary: Sendable, CustomStringConvertible {
    /// Number of tilt series (rows of `data_global`).
    public var tiltSeriesCount: Int
    /// Smallest and largest number of tilts per series, over series whose tilt table was read.
    public var tiltsPerSeries: ClosedRange<Int>?
    /// Range of `rlnTomoYTilt` (degrees) over all tilts.
    public var tiltRange: ClosedRange<Double>?
    /// Distinct tilt-series pixel sizes (Å/px), sorted.
    public var pixelSizes: [Double]
    /// Distinct tomogram sizes (tilt-series pixels), in order of first appearance.
    public var tomogramSizes: [TomogramSize]
    /// Range of cumulative pre-exposure (e/Å²) over all tilts.
    public var doseRange: ClosedRange<Double>?
    /// Range of `(rlnDefocusU + rlnDefocusV)/2` (Å) over all tilts.
    public var defocusRange: ClosedRange<Double>?
    /// Tilt-series files referenced but not found.
    public var missingTiltSeriesFiles: [String]
    /// Number of particles, if a particle set was given.
    public var particleCount: Int?
    /// Particles per tomogram name, in order of first appearance.
    public var particlesPerTomogram: [(name: String, count: Int)]
    /// Optics groups of the particle set (number and name).
    public var opticsGroups: [RelionOpticsGroup]
    /// `rlnTomoSubTomosAre2DStacks` of the particle set, if given.
    public var subTomogramsAre2DStacks: Bool?
    /// Whether the particles have images (`rlnImageName`), i.e. were extracted.
    public var particlesExtracted = false

    /// Summarises `tomograms` and, if given, `particles`.
    public init(tomograms: TomogramSet, particles: ParticleSet? = nil) {
        let ts = tomograms.tomograms
        tiltSeriesCount = ts.count
        let counts = ts.map(\.tiltSeries.frames.count).filter { $0 > 0 }
        tiltsPerSeries = counts.min().map { $0 ... counts.max()! }
        let frames = ts.flatMap(\.tiltSeries.frames)
        func range(_ v: [Double]) -> ClosedRange<Double>? { v.min().map { $0 ... v.max()! } }
        tiltRange = range(frames.map(\.yTilt))
        doseRange = range(frames.map(\.preExposure))
        defocusRange = range(frames.map { ($0.defocusU + $0.defocusV) / 2 })
        pixelSizes = Array(Set(ts.map(\.tiltSeriesPixelSize))).sorted()
        var sizes: [TomogramSize] = []
        for t in ts where !sizes.contains(t.size) { sizes.append(t.size) }
        tomogramSizes = sizes
        missingTiltSeriesFiles = tomograms.missingTiltSeriesFiles
        particleCount = particles?.particles.count
        if let particles {
            let c = particles.particleCounts
            particlesPerTomogram = particles.tomogramNames.map { ($0, c[$0] ?? 0) }
            opticsGroups = particles.opticsGroups
            subTomogramsAre2DStacks = particles.subTomogramsAre2DStacks
            particlesExtracted = particles.particles.contains { $0.imageName != nil }
        } else {
            particlesPerTomogram = []
            opticsGroups = []
            subTomogramsAre2DStacks = nil
        }
    }

    /// Reads the files and summarises them. An optimisation set, if given, supplies the particle
    /// file (and the tomogram file when `tomogramsPath` is nil); its paths are project-relative.
    public static func load(tomogramsPath: String?, particlesPath: String? = nil, optimisationSetPath: String? = nil,
                            projectDirectory: String? = nil) throws(TomoRelionError) -> TomographyProjectSummary {
        var tPath = tomogramsPath, pPath = particlesPath
        if let o = optimisationSetPath {
            let set = try OptimisationSet.read(path: o)
            let dir = projectDirectory ?? RelionPath.directory(of: o)
            if tPath == nil, let t = set.tomogramsFile { tPath = TomogramSet.resolve(t, projectDirectory: dir, starDirectory: dir) ?? RelionPath.join(dir, t) }
            if pPath == nil, let p = set.particlesFile { pPath = TomogramSet.resolve(p, projectDirectory: dir, starDirectory: dir) ?? RelionPath.join(dir, p) }
        }
        guard let tPath else {
            throw TomoRelionError(.missingFile, file: optimisationSetPath ?? "(none)", label: "rlnTomoTomogramsFile",
                                  message: "no tomogram set given")
        }
        let tomograms = try TomogramSet.read(path: tPath, projectDirectory: projectDirectory, allowMissingTiltSeries: true)
        let particles = try pPath.map { p throws(TomoRelionError) in try ParticleSet.read(path: p, tomograms: tomograms) }
        return TomographyProjectSummary(tomograms: tomograms, particles: particles)
    }

    /// A compact human-readable report, one fact per line.
    public var description: String {
        func f(_ v: Double, _ d: Int = 2) -> String { String(format: "%.\(d)f", v) }
        func r(_ v: ClosedRange<Double>?, _ d: Int, _ unit: String) -> String {
            v.map { "\(f($0.lowerBound, d)) … \(f($0.upperBound, d)) \(unit)" } ?? "n/a"
        }
        var lines = ["tilt series:      \(tiltSeriesCount)"]
        lines.append("tilts per series: " + (tiltsPerSeries.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound) … \($0.upperBound)" } ?? "n/a"))
        lines.append("tilt range:       " + r(tiltRange, 1, "°"))
        lines.append("pixel size:       " + pixelSizes.map { f($0, 3) + " Å" }.joined(separator: ", "))
        lines.append("tomogram size:    " + tomogramSizes.map(\.description).joined(separator: ", ") + " px")
        lines.append("dose:             " + r(doseRange, 1, "e/Å²"))
        lines.append("defocus:          " + r(defocusRange.map { ($0.lowerBound / 1e4) ... ($0.upperBound / 1e4) }, 2, "µm"))
        if !missingTiltSeriesFiles.isEmpty {
            lines.append("missing tilt-series files: \(missingTiltSeriesFiles.count)")
        }
        if let particleCount {
            lines.append("particles:        \(particleCount) in \(particlesPerTomogram.count) tomograms ("
                + (!particlesExtracted ? "picked, not yet extracted"
                   : subTomogramsAre2DStacks == true ? "2D stacks" : "3D pseudo-subtomograms") + ")")
            for (name, count) in particlesPerTomogram.prefix(12) { lines.append("  \(name): \(count)") }
            if particlesPerTomogram.count > 12 { lines.append("  … \(particlesPerTomogram.count - 12) more") }
            lines.append("optics groups:    \(opticsGroups.count)"
                + (opticsGroups.isEmpty ? "" : " (" + opticsGroups.prefix(6).map { $0.name ?? "\($0.number)" }.joined(separator: ", ")
                    + (opticsGroups.count > 6 ? ", …" : "") + ")"))
        }
        return lines.joined(separator: "\n")
    }
}
