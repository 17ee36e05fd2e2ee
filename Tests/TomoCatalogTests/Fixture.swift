import Foundation
import TomoCatalog
import TomoMRC
import TomoProject
import TomoWire

/// A project with one imported tomogram set: `series` tilt series of `tilts` tilt images each,
/// 64 × 48 float32 MRC files of seeded noise, kept in memory for the direct computation.
struct TiltSeriesProject {
    let root: String
    let tomograms = "Import/job001/tomograms.star"
    /// (project-relative path, values) in file order.
    var images: [(path: String, values: [Float])] = []
    static let nx = 64, ny = 48

    init(series: Int = 1, tilts: Int = 3, seed: UInt64 = 1) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("TomoCatalogTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Source/frames", withIntermediateDirectories: true)
        var rng = seed
        var global = """
        data_global

        loop_
        _rlnTomoName
        _rlnVoltage
        _rlnSphericalAberration
        _rlnAmplitudeContrast
        _rlnTomoHand
        _rlnTomoTiltSeriesPixelSize
        _rlnTomoTiltSeriesStarFile
        _rlnTomoSizeX
        _rlnTomoSizeY
        _rlnTomoSizeZ

        """
        for s in 0..<series {
            let name = "TS_\(s + 1)"
            global += "\(name) 300 2.7 0.1 -1 1.35 Source/\(name).star 400 400 200\n"
            var ts = """
            data_\(name)

            loop_
            _rlnMicrographName
            _rlnMicrographPreExposure
            _rlnDefocusU
            _rlnDefocusV
            _rlnDefocusAngle
            _rlnTomoXTilt
            _rlnTomoYTilt
            _rlnTomoZRot
            _rlnTomoXShiftAngst
            _rlnTomoYShiftAngst

            """
            for t in 0..<tilts {
                let rel = "Source/frames/\(name)_\(t).mrc"
                var values = [Float](repeating: 0, count: Self.nx * Self.ny)
                for i in values.indices {
                    rng = rng &* 6364136223846793005 &+ 1442695040888963407
                    values[i] = Float(Int64(bitPattern: rng >> 11) % 100_000) / 3_000 + Float(t)
                }
                try MRCWriter.write(values, nx: Self.nx, ny: Self.ny, nz: 1, voxelSize: 1.35, to: root + "/" + rel)
                images.append((rel, values))
                ts += "\(rel) \(t * 3) 20000 19000 45 0 \(t * 3) 85 0 0\n"
            }
            try ts.write(toFile: root + "/Source/\(name).star", atomically: true, encoding: .utf8)
        }
        try global.write(toFile: root + "/Source/tomograms.star", atomically: true, encoding: .utf8)
        let project = try ProjectDirectory(root: root)
        _ = try ProjectImporter(project: project).importSet(tomograms: root + "/Source/tomograms.star",
                                                           sourceProjectDirectory: root)
    }

    /// The statistics a single process computes directly from the images in memory, tile by
    /// tile in task order, reduced in that order.
    func direct(box: Int, dtype: TileDType) -> (tiles: Int, stats: TileStats) {
        var tiles: [TileStats] = []
        for (_, v) in images {
            let values = dtype == .float16 ? v.map { Binary16.float(fromBits: Binary16.bits(from: $0)) } : v
            if box == 0 { tiles.append(TileStats(values: values)); continue }
            for y0 in stride(from: 0, to: Self.ny, by: box) {
                for x0 in stride(from: 0, to: Self.nx, by: box) {
                    var sub: [Float] = []
                    for y in y0..<min(y0 + box, Self.ny) {
                        for x in x0..<min(x0 + box, Self.nx) { sub.append(values[x + Self.nx * y]) }
                    }
                    tiles.append(TileStats(values: sub))
                }
            }
        }
        return (tiles.count, TileStats.reduce(tiles))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
