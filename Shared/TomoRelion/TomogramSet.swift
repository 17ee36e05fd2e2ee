import Foundation
import TomoCore
import TomoSTAR

/// A tomogram set, `tomograms.star` (spec §2.1): block `data_global`, one row per tilt series.
///
/// Two layouts are read:
/// * RELION 5: each row names its per-tilt-series file in `rlnTomoTiltSeriesStarFile`
///   (project-relative);
/// * RELION 4 / WarpTools: no `rlnTomoTiltSeriesStarFile`; each tomogram's tilt table is a block
///   named after it in the same file.
///
/// ``write(to:projectDirectory:)`` always writes the RELION 5 layout.
public struct TomogramSet: Equatable, Sendable {
    /// The tomograms, in `data_global` row order.
    public var tomograms: [Tomogram]
    /// Per-tilt-series files that were referenced but not found (only with `allowMissingTiltSeries`).
    public var missingTiltSeriesFiles: [String]

    /// A set of tomograms.
    public init(tomograms: [Tomogram]) {
        self.tomograms = tomograms
        missingTiltSeriesFiles = []
    }

    /// The tomogram named `name`, or nil.
    public subscript(name: String) -> Tomogram? { tomograms.first { $0.name == name } }

    /// Index of the tomogram named `name`, or nil.
    public func index(of name: String) -> Int? { tomograms.firstIndex { $0.name == name } }

    /// Reads `path`.
    /// - Parameters:
    ///   - projectDirectory: where RELION ran; per-tilt-series paths are tried relative to it first,
    ///     then relative to the directory of `path` and each of its parents.
    ///   - allowMissingTiltSeries: if true, a per-tilt-series file that cannot be found leaves that
    ///     tomogram with an empty tilt series and is listed in `missingTiltSeriesFiles`; otherwise
    ///     it is an error naming the file.
    /// - Throws: ``TomoRelionError`` naming the file, block and missing label or row.
    public static func read(path: String, projectDirectory: String? = nil,
                            allowMissingTiltSeries: Bool = false) throws(TomoRelionError) -> TomogramSet {
        let doc = try StarIO.read(path)
        guard let global = doc["global"] else {
            throw TomoRelionError(.missingBlock, file: path, block: "global", message: "tomogram set has no data_global block")
        }
        let r = StarBlockReader(block: global, file: path)
        let names = try r.strings("rlnTomoName")
        let voltage = try r.doubles("rlnVoltage"), cs = try r.doubles("rlnSphericalAberration")
        let q0 = try r.doubles("rlnAmplitudeContrast"), hand = try r.doubles("rlnTomoHand")
        let px = try r.doubles("rlnTomoTiltSeriesPixelSize")
        let sx = try r.integral("rlnTomoSizeX"), sy = try r.integral("rlnTomoSizeY"), sz = try r.integral("rlnTomoSizeZ")
        let original = try r.optionalDoubles("rlnMicrographOriginalPixelSize")
        let binning = try r.optionalDoubles("rlnTomoTomogramBinning")
        let rec = r.optionalStrings("rlnTomoReconstructedTomogram")
        let optics = r.optionalStrings("rlnOpticsGroupName")
        let fracDose = try r.optionalDoubles("rlnTomoImportFractionalDose")
        let slope = try r.doubles("rlnTomoDefocusSlope", default: 1)
        let bDose = try r.doubles("rlnCtfBfactorPerElectronDose", default: 0)
        let files = r.optionalStrings("rlnTomoTiltSeriesStarFile")

        var set = TomogramSet(tomograms: [])
        let baseDir = RelionPath.directory(of: path)
        for i in 0 ..< global.rowCount {
            let series: TiltSeries
            if let rel = files?[i] {
                if let found = resolve(rel, projectDirectory: projectDirectory, starDirectory: baseDir) {
                    series = try TiltSeries.read(path: found, name: names[i])
                } else if allowMissingTiltSeries {
                    set.missingTiltSeriesFiles.append(rel)
                    series = TiltSeries(name: names[i], frames: [])
                } else {
                    throw TomoRelionError(.missingFile, file: path, block: "global", label: "rlnTomoTiltSeriesStarFile",
                                          row: i, message: "per-tilt-series file \(rel) of \(names[i]) not found "
                                              + "(tried relative to \(projectDirectory ?? "the project directory") and \(baseDir))")
                }
            } else {
                guard let block = doc[names[i]] else {
                    throw TomoRelionError(.missingBlock, file: path, block: names[i], row: i,
                                          message: "no rlnTomoTiltSeriesStarFile and no block data_\(names[i]) for tomogram \(names[i])")
                }
                series = try TiltSeries(block: block, file: path)
            }
            var t = Tomogram(name: names[i], voltage: voltage[i], sphericalAberration: cs[i], amplitudeContrast: q0[i],
                             hand: hand[i], tiltSeriesPixelSize: px[i], size: TomogramSize(x: sx[i], y: sy[i], z: sz[i]),
                             tiltSeries: series)
            t.originalPixelSize = original?[i]
            t.tomogramBinning = binning?[i]
            t.reconstructedTomogram = rec?[i]
            t.opticsGroupName = optics?[i]
            t.fractionalDose = fracDose?[i]
            t.defocusSlope = slope[i]
            t.bFactorPerElectronDose = bDose[i]
            t.tiltSeriesStarFile = files?[i]
            t.otherValues = r.rowValues(i, excluding: Tomogram.globalLabels)
            set.tomograms.append(t)
        }
        return set
    }

    /// First existing candidate for a referenced path.
    static func resolve(_ rel: String, projectDirectory: String?, starDirectory: String) -> String? {
        let fm = FileManager.default
        if rel.hasPrefix("/") { return fm.fileExists(atPath: rel) ? rel : nil }
        var candidates: [String] = []
        if let projectDirectory { candidates.append(RelionPath.join(projectDirectory, rel)) }
        var dir = starDirectory
        for _ in 0 ..< 8 {
            candidates.append(RelionPath.join(dir, rel))
            let parent = RelionPath.directory(of: dir)
            if parent == dir || dir == "." || dir == "/" { break }
            dir = parent
        }
        candidates.append(rel)
        return candidates.first { fm.fileExists(atPath: $0) }
    }

    /// Writes the RELION 5 layout, atomically: every per-tilt-series file to
    /// `<dir of path>/tilt_series/<name>.star` first, then `path` with `data_global`.
    /// `rlnTomoTiltSeriesStarFile` is written relative to `projectDirectory` when `path` lies
    /// beneath it, else relative to the directory of `path`. `rlnTomoProjX..W` are dropped.
    public func write(to path: String, projectDirectory: String? = nil) throws(TomoRelionError) {
        let dir = RelionPath.directory(of: path)
        let tsDir = RelionPath.join(dir, "tilt_series")
        do { try FileManager.default.createDirectory(atPath: tsDir, withIntermediateDirectories: true) } catch {
            throw TomoRelionError(.star, file: tsDir, message: "could not create directory: \(error)")
        }
        var refs: [String] = []
        for t in tomograms {
            let file = RelionPath.join(tsDir, t.name + ".star")
            try t.tiltSeries.write(to: file)
            let rel = projectDirectory.flatMap { RelionPath.relative(file, to: $0) }
                ?? RelionPath.relative(file, to: dir) ?? file
            refs.append(rel)
        }
        var doc = StarDocument(blocks: [])
        doc.blocks.append(globalBlock(tiltSeriesFiles: refs))
        try StarIO.write(doc, to: path)
    }

    /// `data_global` with the given per-tilt-series references.
    func globalBlock(tiltSeriesFiles refs: [String]) -> StarBlock {
        let ts = tomograms
        var b = StarBlockBuilder(name: "global")
        b.strings("rlnTomoName", ts.map(\.name))
        b.doubles("rlnVoltage", ts.map(\.voltage))
        b.doubles("rlnSphericalAberration", ts.map(\.sphericalAberration))
        b.doubles("rlnAmplitudeContrast", ts.map(\.amplitudeContrast))
        if ts.contains(where: { $0.originalPixelSize != nil }) {
            b.doubles("rlnMicrographOriginalPixelSize", ts.map { $0.originalPixelSize ?? $0.tiltSeriesPixelSize })
        }
        b.doubles("rlnTomoHand", ts.map(\.hand))
        if ts.contains(where: { $0.opticsGroupName != nil }) {
            b.strings("rlnOpticsGroupName", ts.map(\.effectiveOpticsGroupName))
        }
        b.doubles("rlnTomoTiltSeriesPixelSize", ts.map(\.tiltSeriesPixelSize))
        b.strings("rlnTomoTiltSeriesStarFile", refs)
        if ts.contains(where: { $0.tomogramBinning != nil }) {
            b.doubles("rlnTomoTomogramBinning", ts.map { $0.tomogramBinning ?? 1 })
        }
        b.ints("rlnTomoSizeX", ts.map(\.size.x))
        b.ints("rlnTomoSizeY", ts.map(\.size.y))
        b.ints("rlnTomoSizeZ", ts.map(\.size.z))
        if ts.contains(where: { $0.reconstructedTomogram != nil }) {
            b.strings("rlnTomoReconstructedTomogram", ts.map { $0.reconstructedTomogram ?? "" })
        }
        if ts.contains(where: { $0.fractionalDose != nil }) {
            b.doubles("rlnTomoImportFractionalDose", ts.map { $0.fractionalDose ?? 0 })
        }
        if ts.contains(where: { $0.defocusSlope != 1 }) { b.doubles("rlnTomoDefocusSlope", ts.map(\.defocusSlope)) }
        if ts.contains(where: { $0.bFactorPerElectronDose != 0 }) {
            b.doubles("rlnCtfBfactorPerElectronDose", ts.map(\.bFactorPerElectronDose))
        }
        b.append(ts.map(\.otherValues))
        return b.block
    }
}
