import Testing
import TomoTesting
@testable import TomoMRC

/// Every MRC file under `../shared/data/real` opens and reads; voxel sizes and shapes are those
/// `mrcfile` 1.5.4 reports (recorded here; `MRCInteropTests` compares live).
@Suite("real MRC files", .requiresRealData)
struct RealDataTests {
    struct Expected: Sendable {
        let shape: (Int, Int, Int)
        let voxel: (Double, Double, Double)
        let warnings: [String]   // substrings, one per expected warning
    }

    static let expected: [String: Expected] = [
        "cryocat/tilt_stack.mrc": Expected(shape: (232, 240, 4), voxel: (0, 0, 0), warnings: ["voxel size is unset"]),
        "cryodrgn/ay19102021_L3_position6_ribo_it09_bin8_1.82A.mrcs":
            Expected(shape: (64, 64, 220), voxel: (1, 1, 1), warnings: ["machine stamp", "map id"]),
        "mrcfile/EMD-3001.map": Expected(shape: (73, 43, 25), voxel: (0.44825, 0.3925, 0.45874998), warnings: []),
        "mrcfile/EMD-3197.map": Expected(shape: (20, 20, 20), voxel: (11.4, 11.4, 11.4), warnings: []),
        "polnet/mrcs_10A/3j9i.mrc": Expected(shape: (58, 58, 58), voxel: (10, 10, 10), warnings: []),
        "polnet/mrcs_10A/4v4r.mrc": Expected(shape: (66, 66, 66), voxel: (10, 10, 10), warnings: []),
        "polnet/mrcs_10A/4v4r_30S.mrc": Expected(shape: (60, 60, 60), voxel: (10, 10, 10), warnings: []),
        "polnet/mrcs_10A/4v4r_50S.mrc": Expected(shape: (62, 62, 62), voxel: (10, 10, 10), warnings: []),
        "polnet/mrcs_10A/6qzp.mrc": Expected(shape: (50, 50, 50), voxel: (10, 10, 10), warnings: []),
        "polnet/mrcs_5A/4v4r.mrc": Expected(shape: (92, 92, 92), voxel: (5, 5, 5), warnings: []),
        "pytom-match-pick/human_ribo_mask_32_8_5.mrc": Expected(shape: (32, 32, 32), voxel: (1, 1, 1), warnings: ["map id"]),
    ]

    static var files: [String] { RealData.files(withExtensions: [".mrc", ".mrcs", ".map"]) }

    @Test("every .mrc/.mrcs/.map opens, readAll returns nx·ny·nz finite values, voxel size as mrcfile reports")
    func allOpen() throws {
        let files = Self.files
        #expect(files.count >= 11)
        var checked = 0
        for path in files {
            let file = try MRCFile.open(path: path)
            let data = try file.readAll()
            #expect(data.count == file.header.voxelCount && data.allSatisfy(\.isFinite), "\(path)")
            let relative = String(path.dropFirst(RealData.directory.path.count + 1))
            guard let e = Self.expected[relative] else { continue }   // a file added later: opening is the check
            checked += 1
            #expect(file.shape == e.shape, "\(relative)")
            let v = file.voxelSize
            #expect(abs(v.x - e.voxel.0) <= 1e-6 * max(1, e.voxel.0) && abs(v.y - e.voxel.1) <= 1e-6 * max(1, e.voxel.1)
                    && abs(v.z - e.voxel.2) <= 1e-6 * max(1, e.voxel.2), "\(relative): \(v)")
            #expect(file.warnings.count == e.warnings.count, "\(relative): \(file.warnings)")
            for w in e.warnings { #expect(file.warnings.contains { $0.contains(w) }, "\(relative) lacks warning \(w)") }
        }
        #expect(checked == Self.expected.count)
    }

    @Test("EMD-3001: 160-byte symmetry extended header skipped, space group 4, nonzero starts")
    func emd3001() throws {
        let file = try MRCFile.open(path: RealData.path("mrcfile/EMD-3001.map"))
        #expect(file.header.nsymbt == 160 && file.header.dataOffset == 1184 && file.header.ispg == 4)
        #expect(!file.voxelSize.isCubic())
        let data = try file.readAll()
        // the header's statistics were written by the depositor's software from the same data
        #expect(data.min() == file.header.dmin && data.max() == file.header.dmax)
    }

    @Test("the real stack reads per image as readAll does")
    func stackSections() throws {
        let file = try MRCFile.open(path: RealData.path("cryodrgn/ay19102021_L3_position6_ribo_it09_bin8_1.82A.mrcs"))
        let all = try file.readAll()
        for z in [0, 1, 109, 219] { #expect(try file.readSection(z) == Array(all[z * 4096 ..< (z + 1) * 4096])) }
        let box = try file.readSubvolume(x: 10 ..< 20, y: 30 ..< 33, z: 200 ..< 202)
        #expect(box.count == 60 && box[0] == all[(200 * 64 + 30) * 64 + 10] && box[59] == all[(201 * 64 + 32) * 64 + 19])
    }

    @Test("compressed maps are refused with .unsupportedCompression", arguments: ["mrcfile/EMD-3197.map.bz2", "mrcfile/emd_3197.map.gz"])
    func compressed(name: String) {
        let path = RealData.path(name)
        do { _ = try MRCFile.open(path: path); Issue.record("opened \(name)") } catch {
            #expect(error.code == .unsupportedCompression && error.path == path)
        }
    }
}
