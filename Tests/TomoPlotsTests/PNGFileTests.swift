import Foundation
import Testing
import TomoCore
import TomoTesting
@testable import TomoPlots

/// PNG bytes from libpng, read back independently, and the atomic file write.
@Suite struct PNGFileTests {
    /// A 37×23 canvas of seeded random colours with a few shapes drawn on it, so libpng's
    /// per-row filters (none, sub, up, average, Paeth) all get exercised.
    static func testCanvas() -> Canvas {
        var rng = SplitMix64(seed: 2024)
        var c = Canvas(width: 37, height: 23)
        for y in 0..<23 { for x in 0..<37 where (x + y) % 3 != 0 {
            c[x, y] = RGB(UInt8(rng.next() & 255), UInt8(rng.next() & 255), UInt8(rng.next() & 255))
        } }
        c.fillRectangle(x: 4, y: 5, width: 6, height: 4, color: RGB(10, 200, 30))
        c.drawLine(from: (0, 22), to: (36, 0), color: RGB(250, 0, 128))
        c[0, 0] = RGB(1, 2, 3)
        c[36, 22] = RGB(254, 253, 252)
        return c
    }

    /// Reads a PNG with `struct` + `zlib` only (no PIL): checks the signature and every chunk CRC,
    /// prints IHDR's width, height, bit depth, colour type and interlace, undoes the row filters
    /// and writes the raw pixel bytes to `argv[2]`.
    static let decoder = #"""
    import sys, zlib, struct
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'bad signature'
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]; body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(kind + body) & 0xffffffff == crc, 'bad CRC in ' + kind.decode()
        if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT': idat += body
        elif kind == b'IEND': break
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    bpp = {2: 3, 0: 1}[ctype]
    raw, stride = zlib.decompress(idat), w * bpp
    out, prev, i = bytearray(), bytearray(stride), 0
    for y in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line; prev = line
    open(sys.argv[2], 'wb').write(out)
    print(w, h, depth, ctype, interlace)
    """#

    @Test func headerNamesTheSizeAndRGBColourType() throws {
        let bytes = try Self.testCanvas().pngData()
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[8..<16]) == [0, 0, 0, 13] + Array("IHDR".utf8))
        let be = { (i: Int) in bytes[i...i + 3].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be(16) == 37 && be(20) == 23)
        #expect(bytes[24] == 8 && bytes[25] == 2)   // 8 bits, colour type 2 (RGB)
        #expect(Array(bytes.suffix(8)[...(bytes.count - 5)]) == Array("IEND".utf8))
    }

    @Test(.requiresInteropPython) func pythonDecodesTheSamePixels() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let canvas = Self.testCanvas()
        let png = folder + "/figure.png", raw = folder + "/pixels.raw"
        try canvas.writePNG(to: png)
        let header = try InteropPython.run(Self.decoder, arguments: [png, raw])
        #expect(header.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } == [37, 23, 8, 2, 0])
        let decoded = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        #expect(decoded == canvas.pixels)
        let pixel = { (x: Int, y: Int) in RGB(decoded[3 * (x + 37 * y)], decoded[3 * (x + 37 * y) + 1], decoded[3 * (x + 37 * y) + 2]) }
        #expect(pixel(0, 0) == RGB(1, 2, 3))
        #expect(pixel(36, 22) == RGB(254, 253, 252))
        #expect(pixel(6, 7) == RGB(10, 200, 30))
        #expect(pixel(18, 11) == RGB(250, 0, 128))
    }

    @Test func writeReplacesTheFileAndLeavesNoTemporary() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/plot.png"
        try Canvas(width: 5, height: 5, background: .black).writePNG(to: path)
        let second = Self.testCanvas()
        try second.writePNG(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plot.png"])
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == (try second.pngData()))
    }

    @Test func missingFolderErrorNamesThePath() throws {
        let path = "/nonexistent-\(UUID().uuidString)/figures/it012.png"
        let error = try #require(throws: PlotError.self) { try Canvas(width: 4, height: 4).writePNG(to: path) }
        #expect(error.code == .ioError)
        #expect(error.path == path)
        #expect(error.description.contains(path))
        #expect(error.description.contains("No such file or directory"))
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/taken", withIntermediateDirectories: false)
        try "x".write(toFile: folder + "/taken/keep", atomically: false, encoding: .utf8)
        let error = try #require(throws: PlotError.self) { try Canvas(width: 4, height: 4).writePNG(to: folder + "/taken") }
        #expect(error.path == folder + "/taken")
        #expect(error.description.contains("rename"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["taken"])
    }
}
