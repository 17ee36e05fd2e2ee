import Testing
@testable import TomoMRC

@Suite("MRC header codec")
struct HeaderCodecTests {
    /// A header with every field set to something distinctive.
    static func distinctiveHeader(mode: MRCMode) -> MRCHeader {
        var h = MRCHeader(nx: 7, ny: 5, nz: 3, mode: mode, voxelSize: 1.35)
        h.nxstart = -3; h.nystart = 2; h.nzstart = -1
        h.mx = 14; h.my = 10; h.mz = 6
        h.cellA = MRCCell(18.9, 13.5, 8.1); h.cellAngles = MRCCell(90, 91.5, 120)
        h.mapc = 2; h.mapr = 1; h.maps = 3
        h.dmin = -1.5; h.dmax = 2.25; h.dmean = 0.125
        h.ispg = 401; h.nsymbt = 160
        h.extra1 = [1, 2, 3, 4, 5, 6, 7, 8]
        h.exttyp = "CCP4"; h.nversion = 20140
        h.extra2 = (0 ..< 84).map { UInt8($0 + 10) }
        h.origin = MRCCell(-10.5, 0, 42)
        h.map = "MAP "; h.machineStamp = [0x44, 0x44, 0, 0]
        h.rms = 0.75; h.nlabl = 3
        h.labels = ["first label", "", String(repeating: "x", count: 80)]
        return h
    }

    @Test("decode(encode(h)) == h for every mode", arguments: MRCMode.allCases)
    func roundTrip(mode: MRCMode) throws {
        let h = Self.distinctiveHeader(mode: mode)
        let bytes = h.encoded()
        #expect(bytes.count == 1024)
        let decoded = try MRCHeader.decode(bytes)
        #expect(decoded.header == h)
        #expect(decoded.byteOrder == .little)
        #expect(decoded.warnings.isEmpty)
    }

    @Test("fields sit at the MRC2014 byte offsets")
    func layout() {
        let b = Self.distinctiveHeader(mode: .float16).encoded()
        func i32(_ o: Int) -> Int32 { Int32(bitPattern: UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24) }
        func f32(_ o: Int) -> Float { Float(bitPattern: UInt32(bitPattern: i32(o))) }
        #expect([i32(0), i32(4), i32(8), i32(12)] == [7, 5, 3, 12])
        #expect([i32(16), i32(20), i32(24), i32(28), i32(32), i32(36)] == [-3, 2, -1, 14, 10, 6])
        #expect([f32(40), f32(52), f32(56), f32(60)] == [18.9, 90, 91.5, 120])
        #expect([i32(64), i32(68), i32(72)] == [2, 1, 3])
        #expect([f32(76), f32(80), f32(84)] == [-1.5, 2.25, 0.125])
        #expect([i32(88), i32(92), i32(108)] == [401, 160, 20140])
        #expect(Array(b[104 ..< 108]) == Array("CCP4".utf8))
        #expect([f32(196), f32(200), f32(204)] == [-10.5, 0, 42])
        #expect(Array(b[208 ..< 212]) == Array("MAP ".utf8))
        #expect(Array(b[212 ..< 216]) == [0x44, 0x44, 0, 0])
        #expect(f32(216) == 0.75 && i32(220) == 3)
        #expect(Array(b[224 ..< 235]) == Array("first label".utf8))
        #expect(b[304] == 0)                                   // empty second label
        #expect(b[384] == UInt8(ascii: "x") && b[463] == UInt8(ascii: "x"))
    }

    @Test("voxel size is cell / sampling per axis, 0 where sampling is 0")
    func voxelSize() {
        var h = MRCHeader(nx: 73, ny: 43, nz: 25)
        h.mx = 40; h.my = 12; h.mz = 0
        h.cellA = MRCCell(17.93, 4.71, 33.03)
        #expect(abs(h.voxelSize.x - 0.44825) < 1e-6)
        #expect(abs(h.voxelSize.y - 0.3925) < 1e-6)
        #expect(h.voxelSize.z == 0)
        #expect(h.dataOffset == 1024)
        h.nsymbt = 160
        #expect(h.dataOffset == 1184)
    }

    @Test("RELION header: cell = n·px, angles 90, axes 1 2 3, MAP, stamp 44 41, nversion 20141, one label")
    func relionHeader() {
        let h = MRCWriter.relionHeader(nx: 64, ny: 64, nz: 40, voxelSize: 1.35, mode: .float16, isStack: true, label: "Relion test")
        #expect(h.mx == 64 && h.my == 64 && h.mz == 40)
        #expect(h.cellA == MRCCell(Float(64 * 1.35), Float(64 * 1.35), Float(40 * 1.35)))
        #expect(h.cellAngles == MRCCell(90, 90, 90))
        #expect([h.mapc, h.mapr, h.maps] == [1, 2, 3])
        #expect([h.nxstart, h.nystart, h.nzstart] == [0, 0, 0])
        #expect(h.ispg == 0 && h.nsymbt == 0 && h.dataOffset == 1024)
        #expect(h.map == "MAP " && h.machineStamp == [0x44, 0x41, 0, 0] && h.nversion == 20141)
        #expect(h.nlabl == 1 && h.labels == ["Relion test"])
        #expect(abs(h.voxelSize.z - 1.35) < 1e-6)
        #expect(MRCWriter.relionHeader(nx: 8, ny: 8, nz: 8, voxelSize: 1).ispg == 1)
    }

    @Test("mode 3 and 101 are refused with unsupportedMode naming the mode")
    func unsupportedModes() {
        for mode: Int32 in [3, 101] {
            var b = MRCHeader(nx: 4, ny: 4, nz: 1).encoded()
            b[12] = UInt8(mode)
            #expect {
                _ = try MRCHeader.decode(b, path: "x.mrc")
            } throws: { error in
                guard let e = error as? MRCError else { return false }
                return e.code == .unsupportedMode && e.message.contains("mode \(mode)")
            }
        }
    }

    @Test("missing MAP id and zero stamp are warnings, not errors")
    func nonConformantHeader() throws {
        var h = MRCHeader(nx: 4, ny: 4, nz: 2)
        h.map = ""; h.machineStamp = [0, 0, 0, 0]
        let d = try MRCHeader.decode(h.encoded())
        #expect(d.byteOrder == .little)
        #expect(d.header.nx == 4 && d.header.nz == 2)
        #expect(d.warnings.count == 2)
        #expect(d.warnings.contains { $0.contains("map id") })
        #expect(d.warnings.contains { $0.contains("machine stamp") })
    }

    @Test("negative nx is a badHeader error")
    func negativeSize() {
        var h = MRCHeader(nx: 4, ny: 4, nz: 2)
        h.ny = -4
        #expect(throws: MRCError.self) { try MRCHeader.decode(h.encoded()) }
        do { _ = try MRCHeader.decode(h.encoded(), path: "neg.mrc") } catch {
            #expect(error.code == .badHeader && error.offset == 4 && error.message.contains("ny"))
        }
    }
}
