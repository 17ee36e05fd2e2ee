/// The 1,024-byte layout (byte offsets from MRC2014 / mrcfile's `HEADER_DTYPE`):
/// 0 nx ny nz mode · 16 nxstart nystart nzstart · 28 mx my mz · 40 cella(3) · 52 cellb(3) ·
/// 64 mapc mapr maps · 76 dmin dmax dmean · 88 ispg nsymbt · 96 extra1(8) · 104 exttyp(4) ·
/// 108 nversion · 112 extra2(84) · 196 origin(3) · 208 map(4) · 212 machst(4) · 216 rms ·
/// 220 nlabl · 224 labels(10 × 80).
extension MRCHeader {
    /// The result of decoding a header: the header, the byte order of the file, and what was odd
    /// about it (missing `MAP ` id, unrecognised machine stamp …).
    public struct Decoded: Sendable {
        /// The header, in native values.
        public var header: MRCHeader
        /// Byte order of the header and data.
        public var byteOrder: MRCByteOrder
        /// Non-fatal problems, one sentence each.
        public var warnings: [String]
    }

    /// Modes defined by MRC2014 (supported or not), used to recognise the byte order.
    static let knownModes: Set<Int32> = [0, 1, 2, 3, 4, 6, 12, 101]

    /// Decodes the first 1,024 bytes of `bytes`.
    ///
    /// The byte order comes from the machine stamp; when the stamp is unrecognised, or `mode` or
    /// `nx, ny, nz` make no sense in the stamped order but do in the other, the other order is used
    /// and a warning recorded. A missing `MAP ` id is a warning, not an error.
    /// - Throws: ``MRCError/Code-swift.enum/truncated`` for fewer than 1,024 bytes,
    ///   ``MRCError/Code-swift.enum/unsupportedMode`` for a mode outside 0, 1, 2, 4, 6, 12,
    ///   ``MRCError/Code-swift.enum/badHeader`` for negative sizes.
    public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws(MRCError) -> Decoded {
        guard bytes.count >= byteCount else {
            throw MRCError(code: .truncated, path: path, offset: bytes.count,
                           message: "header needs \(byteCount) bytes, file has \(bytes.count)")
        }
        var warnings: [String] = []
        let stamp = Array(bytes[212 ..< 216])
        let stamped = MRCByteOrder.fromMachineStamp(stamp)
        func plausible(_ order: MRCByteOrder) -> Bool {
            let r = ByteReader(bytes: bytes, order: order)
            let limit: Int32 = 1 << 24
            return knownModes.contains(r.int32(12)) && (0 ..< 3).allSatisfy { (0 ..< limit).contains(r.int32(4 * $0)) }
        }
        let stampText = stamp.map { "0x" + String($0, radix: 16, uppercase: false) }.joined(separator: " ")
        var order: MRCByteOrder
        if let stamped {
            order = stamped
            let other: MRCByteOrder = stamped == .little ? .big : .little
            if !plausible(stamped) && plausible(other) {
                order = other
                warnings.append("machine stamp \(stampText) says \(stamped)-endian but mode and sizes only make sense as \(other)-endian; reading as \(other)-endian")
            }
        } else {
            order = !plausible(.little) && plausible(.big) ? .big : .little
            warnings.append("unrecognised machine stamp \(stampText); reading as \(order)-endian (mode and sizes make sense that way)")
        }

        let r = ByteReader(bytes: bytes, order: order)
        let modeNumber = r.int32(12)
        guard let mode = MRCMode(rawValue: modeNumber) else {
            throw MRCError(code: .unsupportedMode, path: path, offset: 12,
                           message: "MRC mode \(modeNumber) is not supported (supported: 0 int8, 1 int16, 2 float32, 4 complex64, 6 uint16, 12 float16)")
        }
        var h = MRCHeader(nx: 0, ny: 0, nz: 0, mode: mode)
        h.nx = r.int32(0); h.ny = r.int32(4); h.nz = r.int32(8)
        h.nxstart = r.int32(16); h.nystart = r.int32(20); h.nzstart = r.int32(24)
        h.mx = r.int32(28); h.my = r.int32(32); h.mz = r.int32(36)
        h.cellA = r.cell(40); h.cellAngles = r.cell(52)
        h.mapc = r.int32(64); h.mapr = r.int32(68); h.maps = r.int32(72)
        h.dmin = r.float(76); h.dmax = r.float(80); h.dmean = r.float(84)
        h.ispg = r.int32(88); h.nsymbt = r.int32(92)
        h.extra1 = r.slice(96, 8)
        h.exttyp = r.text(104, 4, trimSpaces: false)
        h.nversion = r.int32(108)
        h.extra2 = r.slice(112, 84)
        h.origin = r.cell(196)
        h.map = r.text(208, 4, trimSpaces: false)
        h.machineStamp = stamp
        h.rms = r.float(216)
        h.nlabl = r.int32(220)
        var labels = (0 ..< 10).map { r.text(224 + 80 * $0, 80, trimSpaces: true) }
        while labels.last?.isEmpty == true { labels.removeLast() }
        h.labels = labels

        for (name, value, offset) in [("nx", h.nx, 0), ("ny", h.ny, 4), ("nz", h.nz, 8), ("nsymbt", h.nsymbt, 92)] where value < 0 {
            throw MRCError(code: .badHeader, path: path, offset: offset, message: "header field \(name) is negative (\(value))")
        }
        if !h.map.hasPrefix("MAP") {
            warnings.append("map id is \(String(reflecting: h.map)), not \"MAP \" (non-conformant MRC2014 header); read anyway")
        }
        if h.voxelSize.x == 0 || h.voxelSize.y == 0 || h.voxelSize.z == 0 {
            warnings.append("voxel size is unset (cell or sampling is 0): \(h.voxelSize)")
        }
        return Decoded(header: h, byteOrder: order, warnings: warnings)
    }

    /// The 1,024 header bytes in `byteOrder` (little-endian unless a test builds a swapped file).
    /// The machine stamp is written as stored in ``machineStamp``.
    public func encoded(byteOrder: MRCByteOrder = .little) -> [UInt8] {
        var w = ByteWriter(bytes: [UInt8](repeating: 0, count: MRCHeader.byteCount), order: byteOrder)
        w.int32(nx, at: 0); w.int32(ny, at: 4); w.int32(nz, at: 8); w.int32(mode.rawValue, at: 12)
        w.int32(nxstart, at: 16); w.int32(nystart, at: 20); w.int32(nzstart, at: 24)
        w.int32(mx, at: 28); w.int32(my, at: 32); w.int32(mz, at: 36)
        w.cell(cellA, at: 40); w.cell(cellAngles, at: 52)
        w.int32(mapc, at: 64); w.int32(mapr, at: 68); w.int32(maps, at: 72)
        w.float(dmin, at: 76); w.float(dmax, at: 80); w.float(dmean, at: 84)
        w.int32(ispg, at: 88); w.int32(nsymbt, at: 92)
        w.raw(extra1, at: 96, count: 8)
        w.text(exttyp, at: 104, count: 4)
        w.int32(nversion, at: 108)
        w.raw(extra2, at: 112, count: 84)
        w.cell(origin, at: 196)
        w.text(map, at: 208, count: 4)
        w.raw(machineStamp, at: 212, count: 4)
        w.float(rms, at: 216)
        w.int32(nlabl, at: 220)
        for (i, label) in labels.prefix(10).enumerated() { w.text(label, at: 224 + 80 * i, count: 80) }
        return w.bytes
    }
}
