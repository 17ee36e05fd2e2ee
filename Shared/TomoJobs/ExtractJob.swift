import Foundation
import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoMRC
import TomoRelion
import TomoSTAR

/// Options of `relion_tomo_subtomo` (spec §3.1), program defaults.
public struct ExtractOptions: Hashable, Sendable {
    /// `--b`.
    public var boxSize: Int
    /// `--crop` (nil: `b`).
    public var cropSize: Int?
    /// `--bin`.
    public var binning: Double = 1
    /// `--stack2d` (program default off; the GUI turns it on).
    public var stack2D = false
    /// `--float16`: MRC mode 12.
    public var float16 = false
    /// `--max_dose` (≤ 0: keep all).
    public var maxDose: Double = -1
    /// `--min_frames`.
    public var minFrames = 1
    /// `--no_ic` sets this false.
    public var invertContrast = true
    /// `--no_ctf` sets this false.
    public var premultiplyCTF = true
    /// `--no_circle_crop` sets this false.
    public var circleCrop = true
    /// `--dont_apply_offsets` sets this false.
    public var applyOffsets = true
    /// `--cutoff_fract`.
    public var doseCutoff = 0.01

    /// Options with `--b boxSize` and the program defaults.
    public init(boxSize: Int) { self.boxSize = boxSize }

    /// The algorithm settings.
    public var settings: ExtractionSettings {
        ExtractionSettings(boxSize: boxSize, cropSize: cropSize, binning: binning, invertContrast: invertContrast,
                           premultiplyCTF: premultiplyCTF, circleCrop: circleCrop, maxDose: maxDose,
                           minFrames: minFrames, doseCutoff: doseCutoff)
    }
}

/// "Extract subtomos" (`relion_tomo_subtomo`, spec §3): per particle, the 2D stack
/// `<o>/Subtomograms/<tomo>/<n>_stack2d.mrcs` or the 3D pair `<n>_data.mrc` / `<n>_weights.mrc`,
/// then `<o>/particles.star` and `<o>/optimisation_set.star`.
///
/// Paths: `projectDirectory` is where RELION runs; `outputDirectory` is relative to it (e.g.
/// `Extract/job010`), and every name written into STAR files is project-relative, as RELION's.
/// ``extract(indices:)`` handles any subset of particles (a worker's batch); ``finish(_:)``
/// writes the STAR files from the records of all batches; ``run()`` does both.
public struct ExtractJob: Sendable {
    /// The input particles (positions in centred Å).
    public let particles: ParticleSet
    /// The tomogram set.
    public let tomograms: TomogramSet
    /// The input optimisation set, if the job was started from one.
    public let optimisationSet: OptimisationSet?
    /// Project directory.
    public let projectDirectory: String
    /// Output directory, relative to the project.
    public let outputDirectory: String
    /// Options.
    public let options: ExtractOptions
    /// Tilt-image reader.
    public let source: TiltImageSource

    /// A job from a particle set and a tomogram set already read.
    public init(particles: ParticleSet, tomograms: TomogramSet, optimisationSet: OptimisationSet? = nil,
                projectDirectory: String, outputDirectory: String, options: ExtractOptions) {
        self.particles = particles; self.tomograms = tomograms; self.optimisationSet = optimisationSet
        self.projectDirectory = projectDirectory; self.outputDirectory = outputDirectory; self.options = options
        source = TiltImageSource(projectDirectory: projectDirectory)
    }

    /// A job from an optimisation set (`--i`), paths relative to `projectDirectory`.
    public init(optimisationSet path: String, projectDirectory: String, outputDirectory: String,
                options: ExtractOptions) throws {
        let full = { (p: String) in p.hasPrefix("/") ? p : projectDirectory + "/" + p }
        let set = try OptimisationSet.read(path: full(path))
        guard let pf = set.particlesFile, let tf = set.tomogramsFile else {
            throw TomoJobError("optimisation set \(path) lacks rlnTomoParticlesFile or rlnTomoTomogramsFile")
        }
        let t = try TomogramSet.read(path: full(tf), projectDirectory: projectDirectory)
        let p = try ParticleSet.read(path: full(pf), tomograms: t)
        self.init(particles: p, tomograms: t, optimisationSet: set, projectDirectory: projectDirectory,
                  outputDirectory: outputDirectory, options: options)
    }

    /// What extraction did to one particle: nil `particle` if it was dropped (`--min_frames`).
    public struct Record: Sendable {
        /// Index in the input set.
        public var index: Int
        /// The output row, or nil when dropped.
        public var particle: TomoParticle?
        /// `rlnCtfImage` (3D mode).
        public var ctfImage: String?
    }

    /// Project-relative output name of particle `p` with `suffix`: `<o>/Subtomograms/<name><suffix>`,
    /// with `<tomo>/` inserted when the particle name has no `/` (§3.4).
    public func outputName(_ p: TomoParticle, suffix: String) -> String {
        let name = p.particleName.contains("/") ? p.particleName : p.tomoName + "/" + p.particleName
        return outputDirectory + "/Subtomograms/" + name + suffix
    }

    /// Extracts the particles at `indices` and writes their images; returns one record each.
    public func extract(indices: [Int]) throws -> [Record] {
        let settings = options.settings
        var seriesCache: [String: ExtractionTiltSeries] = [:]
        let px = options.binning
        var out: [Record] = []
        for i in indices {
            var p = particles.particles[i]
            guard let tomo = tomograms[p.tomoName] else {
                throw TomoJobError("particle \(p.particleName) names tomogram \(p.tomoName), absent from the tomogram set")
            }
            let series = try seriesCache[p.tomoName] ?? ExtractionTiltSeries(tomogram: tomo, source: source)
            seriesCache[p.tomoName] = series
            var pose = p.pose
            if !options.applyOffsets { pose.originAngst = .zero }
            let frames = tomo.tiltSeries.frames
            let extracted = try SubtomogramExtraction.extract(pose, series: series, settings: settings) { f, w in
                guard let name = frames[f].micrographName else {
                    throw TomoJobError("tomogram \(tomo.name) frame \(f) has no rlnMicrographName")
                }
                return try source.read(name, window: w)
            }
            if extracted.frames.count < max(options.minFrames, 1) {
                out.append(Record(index: i, particle: nil, ctfImage: nil)); continue
            }
            let mode: MRCMode = options.float16 ? .float16 : .float32
            let pixel = px * tomo.tiltSeriesPixelSize
            var ctfImage: String?
            if options.stack2D {
                let name = outputName(p, suffix: "_stack2d.mrcs")
                try createParent(of: name)
                let c = settings.cropSize
                let writer = try MRCStackWriter(path: projectDirectory + "/" + name, nx: c, ny: c, voxelSize: pixel, mode: mode)
                for f in extracted.frames { try writer.append(SubtomogramExtraction.stackImage(f, settings: settings).data) }
                try writer.finish()
                p.imageName = name
                p.visibleFrames = extracted.visibleFrameFlags
            } else {
                let sub = PseudoSubtomogram.make(extracted, pose: pose, series: series, settings: settings)
                let dataName = outputName(p, suffix: "_data.mrc"), weightName = outputName(p, suffix: "_weights.mrc")
                try createParent(of: dataName)
                let v = sub.realSpaceData, w = sub.weightVolume
                try MRCWriter.write(v.data, nx: v.nx, ny: v.ny, nz: v.nz, voxelSize: pixel, to: projectDirectory + "/" + dataName, mode: mode)
                // RELION writes 1/px as the weights' "pixel size" (§3.5).
                try MRCWriter.write(w.data, nx: w.nx, ny: w.ny, nz: w.nz, voxelSize: 1 / pixel, to: projectDirectory + "/" + weightName, mode: mode)
                p.imageName = dataName
                p.visibleFrames = nil
                ctfImage = weightName
            }
            if options.applyOffsets {
                // Fold the origin into the coordinates: C ← (p − centre)·px_ts, origin ← 0 (§3.6).
                let pos = p.pose.position(tomogramSize: tomo.size, pixelSize: tomo.tiltSeriesPixelSize)
                p.pose.centeredPositionAngst = ParticleCoordinates.centeredAngst(decenteredPixels: pos, tomogramSize: tomo.size,
                                                                               pixelSize: tomo.tiltSeriesPixelSize)
                p.pose.originAngst = .zero
            }
            out.append(Record(index: i, particle: p, ctfImage: ctfImage))
        }
        return out
    }

    func createParent(of name: String) throws {
        let dir = (projectDirectory + "/" + name as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// The output particle set from all records (any order; each particle once): kept particles in
    /// input order, optics with the extraction labels (§3.6), `data_general` 2D flag.
    public func outputParticles(_ records: [Record]) -> ParticleSet {
        let byIndex = Dictionary(records.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        let kept = particles.particles.indices.filter { byIndex[$0]?.particle != nil }
        var set = particles.selecting(kept)
        set.particles = kept.map { byIndex[$0]!.particle! }
        set.subTomogramsAre2DStacks = options.stack2D
        set.otherColumns.removeColumn("rlnCtfImage")
        for l in ["rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ"] { set.otherColumns.removeColumn(l) }
        if !options.stack2D {
            if set.otherColumns.rowCount != kept.count || set.otherColumns.labels.isEmpty {
                set.otherColumns = StarBlock(name: "particles")
            }
            set.otherColumns.setColumn("rlnCtfImage", kept.map { byIndex[$0]!.ctfImage ?? "" })
        }
        var optics = set.optics
        let n = optics.rowCount
        let pxts = (try? optics.doubles("rlnTomoTiltSeriesPixelSize")) ?? Array(repeating: tomograms.tomograms.first?.tiltSeriesPixelSize ?? 1, count: n)
        optics.setColumn("rlnCtfDataAreCtfPremultiplied", ints: Array(repeating: (options.stack2D ? options.premultiplyCTF : true) ? 1 : 0, count: n))
        optics.setColumn("rlnImageDimensionality", ints: Array(repeating: options.stack2D ? 2 : 3, count: n))
        optics.setColumn("rlnTomoSubtomogramBinning", doubles: Array(repeating: options.binning, count: n))
        optics.setColumn("rlnImagePixelSize", doubles: pxts.map { $0 * options.binning })
        optics.setColumn("rlnImageSize", ints: Array(repeating: options.settings.cropSize, count: n))
        set.optics = optics
        return set
    }

    /// Writes `<o>/particles.star` and `<o>/optimisation_set.star` (the input set with the
    /// particles entry replaced, or particles + tomograms), and returns the particle set.
    @discardableResult
    public func finish(_ records: [Record]) throws -> ParticleSet {
        let set = outputParticles(records)
        let dir = projectDirectory + "/" + outputDirectory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try set.write(to: dir + "/particles.star")
        var opt = optimisationSet ?? OptimisationSet(particlesFile: nil, tomogramsFile: nil)
        opt.particlesFile = outputDirectory + "/particles.star"
        if opt.tomogramsFile == nil { opt.tomogramsFile = "tomograms.star" }
        try opt.write(to: dir + "/optimisation_set.star")
        return set
    }

    /// Extracts every particle and writes all outputs.
    @discardableResult
    public func run() throws -> ParticleSet {
        try finish(try extract(indices: Array(particles.particles.indices)))
    }
}
