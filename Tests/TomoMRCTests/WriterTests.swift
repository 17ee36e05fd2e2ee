import Foundation
import Testing
@testable import TomoMRC

@Suite("writing")
struct WriterTests {
    @Test("float32 volume: values exact, header as RELION, statistics of the data")
    func float32Volume() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        var r = TestRandom(seed: 8)
        let values = (0 ..< 6 * 5 * 4).map { _ in r.uniform(-2, 3) }
        let path = folder.file("v.mrc")
        try MRCWriter.write(values, nx: 6, ny: 5, nz: 4, voxelSize: 1.35, to: path, origin: (1, -2, 3.5), label: "hello")
        let file = try MRCFile.open(path: path)
        #expect(try file.readAll() == values)
        #expect(file.warnings.isEmpty)
        let h = file.header
        #expect(h.mode == .float32 && h.ispg == 1 && h.nlabl == 1 && h.labels == ["hello"])
        #expect(h.cellA == MRCCell(Float(6 * 1.35), Float(5 * 1.35), Float(4 * 1.35)))
        #expect(h.origin == MRCCell(1, -2, 3.5))
        #expect(abs(file.voxelSize.x - 1.35) < 1e-6 && file.voxelSize.isCubic())
        #expect(h.dmin == values.min()! && h.dmax == values.max()!)
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let sd = (values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)).squareRoot()
        #expect(abs(Double(h.dmean) - mean) < 1e-6 && abs(Double(h.rms) - sd) < 1e-6)
        #expect(file.fileSize == 1024 + 6 * 5 * 4 * 4)
    }

    @Test("float16 stores the nearest half; statistics describe the stored values")
    func float16() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let values: [Float] = [0.1, -0.1, 1e-7, 70000, -70000, 3.14159, 65504, 2049]
        let path = folder.file("h.mrcs")
        try MRCWriter.write(values, nx: 2, ny: 2, nz: 2, voxelSize: 2, to: path, mode: .float16, isStack: true)
        let file = try MRCFile.open(path: path)
        let back = try file.readAll()
        #expect(back == values.map { Half.float(fromHalf: Half.half(from: $0)) })
        #expect(back[3] == .infinity && back[7] == 2048 && back[2] == 0x1p-23)
        #expect(file.header.ispg == 0 && file.header.dmax == .infinity && file.header.dmin == -.infinity)
        #expect(file.fileSize == 1024 + 8 * 2)
    }

    @Test("integer modes round to nearest and clamp to the type's range")
    func integerClamping() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let values: [Float] = [-1e6, -128.6, -1.5, -0.4, 0.5, 2.49, 127.4, 1e6, .nan, 40000, -32768.4, 65535.6]
        let expected: [MRCMode: [Float]] = [
            .int8: [-128, -128, -2, 0, 1, 2, 127, 127, 0, 127, -128, 127],
            .int16: [-32768, -129, -2, 0, 1, 2, 127, 32767, 0, 32767, -32768, 32767],
            .uint16: [0, 0, 0, 0, 1, 2, 127, 65535, 0, 40000, 0, 65535],
        ]
        for (mode, want) in expected {
            let path = folder.file("i\(mode.rawValue).mrc")
            try MRCWriter.write(values, nx: 12, ny: 1, nz: 1, voxelSize: 1, to: path, mode: mode)
            let file = try MRCFile.open(path: path)
            #expect(try file.readAll() == want, "mode \(mode)")
            #expect(file.header.dmin == want.min()! && file.header.dmax == want.max()!)
        }
    }

    @Test("MRCStackWriter writes the same bytes as MRCWriter with isStack")
    func stackWriterMatches() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        var r = TestRandom(seed: 77)
        let (nx, ny, n) = (8, 6, 5)
        let values = (0 ..< nx * ny * n).map { _ in r.uniform(-10, 10) }
        for mode in [MRCMode.float32, .float16] {
            let a = folder.file("a\(mode.rawValue).mrcs"), b = folder.file("b\(mode.rawValue).mrcs")
            try MRCWriter.write(values, nx: nx, ny: ny, nz: n, voxelSize: 1.7, to: a, mode: mode, isStack: true)
            let writer = try MRCStackWriter(path: b, nx: nx, ny: ny, voxelSize: 1.7, mode: mode)
            for k in 0 ..< n { try writer.append(Array(values[k * nx * ny ..< (k + 1) * nx * ny])) }
            #expect(writer.sectionCount == n)
            try writer.finish()
            let bytesA = try Data(contentsOf: URL(fileURLWithPath: a)), bytesB = try Data(contentsOf: URL(fileURLWithPath: b))
            // statistics merged section by section may differ from the one-pass value in the last bit
            #expect(bytesA.count == bytesB.count)
            #expect(bytesA.prefix(76) == bytesB.prefix(76) && bytesA.dropFirst(88).prefix(128) == bytesB.dropFirst(88).prefix(128))
            #expect(bytesA.dropFirst(220) == bytesB.dropFirst(220))
            let hb = try MRCFile.open(path: b).header, ha = try MRCFile.open(path: a).header
            #expect(hb.nz == Int32(n) && abs(hb.cellA.z - Float(n) * 1.7) < 1e-5)
            #expect(hb.dmin == ha.dmin && hb.dmax == ha.dmax)
            #expect(abs(hb.dmean - ha.dmean) <= 1e-6 * abs(ha.dmean) + 1e-7 && abs(hb.rms - ha.rms) <= 1e-6 * ha.rms)
        }
        #expect(folder.contents().allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("writing mode 4 is refused")
    func complexRefused() {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        #expect { try MRCWriter.write([1, 2], nx: 2, ny: 1, nz: 1, voxelSize: 1, to: folder.file("c.mrc"), mode: .complex64) } throws: {
            ($0 as? MRCError)?.code == .unsupportedMode
        }
        #expect(folder.contents().isEmpty)
    }
}
