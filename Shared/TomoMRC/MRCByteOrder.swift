/// Byte order of the numbers in an MRC file, as told by the machine stamp or, when the stamp is
/// missing or wrong, by which order makes `mode` and `nx, ny, nz` sensible (RELION's rule).
public enum MRCByteOrder: Sendable, Equatable {
    /// Little-endian (stamp `44 41` or `44 44`); what this library writes.
    case little
    /// Big-endian (stamp `11 11`); swapped on read.
    case big

    /// The order a machine stamp declares, or `nil` for an unrecognised stamp (e.g. all zeros).
    public static func fromMachineStamp(_ stamp: [UInt8]) -> MRCByteOrder? {
        guard stamp.count >= 2 else { return nil }
        if stamp[0] == 0x44 && (stamp[1] == 0x44 || stamp[1] == 0x41) { return .little }
        if stamp[0] == 0x11 && stamp[1] == 0x11 { return .big }
        return nil
    }

    /// The machine stamp for this order (`44 41 00 00` or `11 11 00 00`).
    public var machineStamp: [UInt8] { self == .little ? MRCHeader.littleEndianStamp : MRCHeader.bigEndianStamp }
}

/// Reads fixed-width numbers from a byte array in a given order.
struct ByteReader {
    let bytes: [UInt8]
    let order: MRCByteOrder

    func uint32(_ offset: Int) -> UInt32 {
        let b0 = UInt32(bytes[offset]), b1 = UInt32(bytes[offset + 1])
        let b2 = UInt32(bytes[offset + 2]), b3 = UInt32(bytes[offset + 3])
        return order == .little ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b3 | b2 << 8 | b1 << 16 | b0 << 24
    }
    func int32(_ offset: Int) -> Int32 { Int32(bitPattern: uint32(offset)) }
    func float(_ offset: Int) -> Float { Float(bitPattern: uint32(offset)) }
    func cell(_ offset: Int) -> MRCCell { MRCCell(float(offset), float(offset + 4), float(offset + 8)) }
    func slice(_ offset: Int, _ count: Int) -> [UInt8] { Array(bytes[offset ..< offset + count]) }
    /// ASCII text with trailing NULs (and, if `trimSpaces`, blanks) removed.
    func text(_ offset: Int, _ count: Int, trimSpaces: Bool) -> String {
        var s = bytes[offset ..< offset + count]
        while let last = s.last, last == 0 || (trimSpaces && last == 0x20) { s = s.dropLast() }
        return String(decoding: s, as: UTF8.self)
    }
}

/// Writes fixed-width numbers into a byte array in a given order.
struct ByteWriter {
    var bytes: [UInt8]
    let order: MRCByteOrder

    mutating func uint32(_ v: UInt32, at offset: Int) {
        for i in 0 ..< 4 {
            let shift = order == .little ? 8 * i : 8 * (3 - i)
            bytes[offset + i] = UInt8(truncatingIfNeeded: v >> UInt32(shift))
        }
    }
    mutating func int32(_ v: Int32, at offset: Int) { uint32(UInt32(bitPattern: v), at: offset) }
    mutating func float(_ v: Float, at offset: Int) { uint32(v.bitPattern, at: offset) }
    mutating func cell(_ c: MRCCell, at offset: Int) {
        float(c.x, at: offset); float(c.y, at: offset + 4); float(c.z, at: offset + 8)
    }
    /// Copies at most `count` bytes, zero-padding the rest.
    mutating func raw(_ source: [UInt8], at offset: Int, count: Int) {
        for i in 0 ..< count { bytes[offset + i] = i < source.count ? source[i] : 0 }
    }
    mutating func text(_ s: String, at offset: Int, count: Int) { raw(Array(s.utf8.prefix(count)), at: offset, count: count) }
}
