import Testing
@testable import TomoMRC

@Suite("sections and sub-volumes")
struct SectionReadTests {
    static let (nx, ny, nz) = (13, 9, 7)

    /// Writes a map in `mode` with values every mode stores exactly; returns the file and values.
    static func makeFile(_ folder: TemporaryFolder, mode: MRCMode) throws -> (MRCFile, [Float]) {
        let values = exactValues(count: nx * ny * nz, mode: mode, seed: 5)
        let path = folder.file("map_\(mode).mrc")
        try MRCWriter.write(values, nx: nx, ny: ny, nz: nz, voxelSize: 2, to: path, mode: mode)
        return (try MRCFile.open(path: path), values)
    }

    @Test("readAll returns the values written (x fastest)", arguments: [MRCMode.int8, .int16, .float32, .uint16, .float16])
    func readAll(mode: MRCMode) throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let (file, values) = try Self.makeFile(folder, mode: mode)
        let all = try file.readAll()
        #expect(all == values)
        #expect(file.shape == (Self.nx, Self.ny, Self.nz))
    }

    @Test("readSection(z) equals the z-th slab of readAll", arguments: [MRCMode.int8, .float32, .float16])
    func sections(mode: MRCMode) throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let (file, _) = try Self.makeFile(folder, mode: mode)
        let all = try file.readAll()
        let n = Self.nx * Self.ny
        for z in 0 ..< Self.nz { #expect(try file.readSection(z) == Array(all[z * n ..< (z + 1) * n])) }
        for z in [-1, Self.nz] {
            #expect { _ = try file.readSection(z) } throws: { ($0 as? MRCError)?.code == .outOfRange }
        }
    }

    @Test("readSubvolume equals the same box cut from readAll", arguments: [MRCMode.int16, .float32, .float16])
    func subvolumes(mode: MRCMode) throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let (file, _) = try Self.makeFile(folder, mode: mode)
        let all = try file.readAll()
        let boxes: [(Range<Int>, Range<Int>, Range<Int>)] = [
            (0 ..< 13, 0 ..< 9, 0 ..< 7), (2 ..< 5, 3 ..< 8, 1 ..< 4), (12 ..< 13, 8 ..< 9, 6 ..< 7),
            (0 ..< 13, 4 ..< 5, 0 ..< 7), (5 ..< 6, 0 ..< 9, 3 ..< 4), (3 ..< 3, 0 ..< 9, 0 ..< 7),
        ]
        for (x, y, z) in boxes {
            var expected: [Float] = []
            for k in z { for j in y { for i in x { expected.append(all[(k * Self.ny + j) * Self.nx + i]) } } }
            #expect(try file.readSubvolume(x: x, y: y, z: z) == expected, "box \(x) \(y) \(z)")
        }
        #expect { _ = try file.readSubvolume(x: 0 ..< 14, y: 0 ..< 1, z: 0 ..< 1) } throws: {
            ($0 as? MRCError)?.code == .outOfRange && ($0 as? MRCError)?.message.contains("x range") == true
        }
        #expect { _ = try file.readSubvolume(x: 0 ..< 1, y: 0 ..< 1, z: -1 ..< 1) } throws: { ($0 as? MRCError)?.code == .outOfRange }
    }

    @Test("one MRCFile is read from many tasks at once")
    func concurrentReads() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let (file, values) = try Self.makeFile(folder, mode: .float32)
        let n = Self.nx * Self.ny
        let ok = await withTaskGroup(of: Bool.self) { group in
            for z in 0 ..< Self.nz {
                group.addTask { (try? file.readSection(z)) == Array(values[z * n ..< (z + 1) * n]) }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(ok)
    }
}
