import Testing
@testable import TomoMRC

/// Big-endian files built by hand: a little-endian header has each 4-byte numeric word reversed
/// (text fields left alone), and the data are written big-endian by the test's own encoder.
@Suite("byte-swapped (big-endian) files")
struct ByteSwapTests {
    /// Reverses the numeric words of a little-endian header: words 0–23, 27 (nversion), 49–51
    /// (origin), 54–55 (rms, nlabl). Words 24–26 (extra1, exttyp), 28–48 (extra2), 52 (map), 53 (stamp) and labels are text.
    static func swapHeader(_ le: [UInt8], stamp: [UInt8]) -> [UInt8] {
        var b = le
        let words = Array(0 ... 23) + [27] + [49, 50, 51, 54, 55]
        for w in words { b[4 * w ..< 4 * w + 4].reverse() }
        b[212 ..< 216] = stamp[...]
        return b
    }

    @Test("a big-endian file reads the same values, every real mode",
          arguments: [MRCMode.int8, .int16, .float32, .uint16, .float16])
    func bigEndian(mode: MRCMode) throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let (nx, ny, nz) = (6, 5, 4)
        let values = exactValues(count: nx * ny * nz, mode: mode, seed: 3).map { mode == .float16 || mode == .float32 ? $0 / 8 : $0 }
        var h = MRCHeader(nx: nx, ny: ny, nz: nz, mode: mode, voxelSize: 2.5)
        h.origin = MRCCell(1, 2, 3); h.labels = ["swapped"]; h.nlabl = 1
        let path = folder.file("be.mrc")
        writeRaw(path, Self.swapHeader(h.encoded(), stamp: MRCHeader.bigEndianStamp) + rawBytes(values, mode: mode, bigEndian: true))
        let file = try MRCFile.open(path: path)
        #expect(file.byteOrder == .big)
        #expect(file.warnings.isEmpty)
        var expected = h; expected.machineStamp = MRCHeader.bigEndianStamp
        #expect(file.header == expected)
        #expect(try file.readAll() == values)
        #expect(try file.readSection(2) == Array(values[2 * nx * ny ..< 3 * nx * ny]))
    }

    @Test("a big-endian file with a zero machine stamp is recognised by its absurd mode")
    func zeroStamp() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let values: [Float] = (0 ..< 24).map { Float($0) - 3.5 }
        let h = MRCHeader(nx: 4, ny: 3, nz: 2, mode: .float32, voxelSize: 1)
        let path = folder.file("be0.mrc")
        writeRaw(path, Self.swapHeader(h.encoded(), stamp: [0, 0, 0, 0]) + rawBytes(values, mode: .float32, bigEndian: true))
        let file = try MRCFile.open(path: path)
        #expect(file.byteOrder == .big)
        #expect(file.header.nx == 4 && file.header.mode == .float32)
        #expect(file.warnings.count == 1 && file.warnings[0].contains("machine stamp"))
        #expect(try file.readAll() == values)
    }

    @Test("a stamp that lies (says little, data big) is overridden with a warning")
    func lyingStamp() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let values: [Float] = (0 ..< 8).map { Float($0) * 100 }
        let h = MRCHeader(nx: 2, ny: 2, nz: 2, mode: .int16)
        let path = folder.file("lie.mrc")
        writeRaw(path, Self.swapHeader(h.encoded(), stamp: MRCHeader.littleEndianStamp) + rawBytes(values, mode: .int16, bigEndian: true))
        let file = try MRCFile.open(path: path)
        #expect(file.byteOrder == .big)
        #expect(file.warnings.contains { $0.contains("big-endian") })
        #expect(try file.readAll() == values)
    }
}
