import Testing
@testable import TomoMRC

@Suite("extended header")
struct ExtendedHeaderTests {
    @Test("data start at 1024 + nsymbt; the extended header's bytes are skipped", arguments: [4, 160, 1024, 131_072])
    func skipped(nsymbt: Int) throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let values: [Float] = (0 ..< 60).map { Float($0) * 0.25 - 3 }
        var h = MRCHeader(nx: 5, ny: 4, nz: 3, mode: .float32, voxelSize: 3)
        h.nsymbt = Int32(nsymbt); h.exttyp = "CCP4"
        let garbage = (0 ..< nsymbt).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let path = folder.file("ext.mrc")
        writeRaw(path, h.encoded() + garbage + rawBytes(values, mode: .float32))
        let file = try MRCFile.open(path: path)
        #expect(file.header.dataOffset == 1024 + nsymbt)
        #expect(file.header.exttyp == "CCP4")
        #expect(try file.readAll() == values)
        #expect(try file.readSubvolume(x: 1 ..< 4, y: 2 ..< 4, z: 1 ..< 3) ==
                [Int](1 ..< 3).flatMap { z in [Int](2 ..< 4).flatMap { y in (1 ..< 4).map { x in values[(z * 4 + y) * 5 + x] } } })
    }
}
