import TomoCore

/// Little-endian writer for the compact encodings of the E-step exchange (``IterationState``,
/// ``ParticleBatchImages``, ``ParticleBatchPoses``, ``BatchSums``). Floating-point values are
/// written as their IEEE bit patterns, so a decoded value is bit-identical to the encoded one.
struct RefineByteWriter {
    var bytes: [UInt8] = []

    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func double(_ v: Double) { u64(v.bitPattern) }
    mutating func vector(_ v: Vector3) { double(v.x); double(v.y); double(v.z) }
    mutating func angles(_ a: EulerAngles) { double(a.rot); double(a.tilt); double(a.psi) }
    mutating func matrix(_ m: Matrix3) { for x in m.e { double(x) } }
    mutating func string(_ s: String) { let u = Array(s.utf8); int(u.count); bytes.append(contentsOf: u) }
    mutating func doubles(_ v: [Double]) { int(v.count); for x in v { double(x) } }
    mutating func doubleRows(_ v: [[Double]]) { int(v.count); for r in v { doubles(r) } }
    mutating func floats(_ v: [Float]) {
        int(v.count)
        for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    }
    mutating func complex(_ v: [ComplexF]) {
        int(v.count)
        for x in v {
            withUnsafeBytes(of: x.re.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: x.im.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
}

/// Reader for ``RefineByteWriter``'s encodings; every read checks the remaining length and throws
/// a ``RefinementError`` naming what was being read.
struct RefineByteReader {
    let bytes: [UInt8]
    var position = 0
    let what: String

    init(_ bytes: [UInt8], what: String) { self.bytes = bytes; self.what = what }

    var isAtEnd: Bool { position == bytes.count }

    mutating func need(_ n: Int, _ field: String) throws(RefinementError) {
        guard n >= 0, bytes.count - position >= n else {
            throw RefinementError("\(what): truncated at byte \(position) of \(bytes.count) reading \(field) (\(n) bytes needed)")
        }
    }
    mutating func u64(_ field: String = "value") throws(RefinementError) -> UInt64 {
        try need(8, field)
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }
    mutating func u32(_ field: String) throws(RefinementError) -> UInt32 {
        try need(4, field)
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
        position += 4
        return v
    }
    mutating func int(_ field: String = "integer") throws(RefinementError) -> Int { Int(Int64(bitPattern: try u64(field))) }
    mutating func count(_ field: String, elementBytes: Int) throws(RefinementError) -> Int {
        let n = try int(field)
        guard n >= 0, n <= (bytes.count - position) / max(1, elementBytes) else {
            throw RefinementError("\(what): \(field) count \(n) exceeds the \(bytes.count - position) bytes left at byte \(position)")
        }
        return n
    }
    mutating func bool(_ field: String) throws(RefinementError) -> Bool {
        try need(1, field)
        defer { position += 1 }
        return bytes[position] != 0
    }
    mutating func double(_ field: String = "double") throws(RefinementError) -> Double { Double(bitPattern: try u64(field)) }
    mutating func vector(_ field: String) throws(RefinementError) -> Vector3 {
        Vector3(try double(field), try double(field), try double(field))
    }
    mutating func angles(_ field: String) throws(RefinementError) -> EulerAngles {
        EulerAngles(rot: try double(field), tilt: try double(field), psi: try double(field))
    }
    mutating func matrix(_ field: String) throws(RefinementError) -> Matrix3 {
        var e: [Double] = []
        for _ in 0..<9 { e.append(try double(field)) }
        return Matrix3(e)
    }
    mutating func string(_ field: String) throws(RefinementError) -> String {
        let n = try count(field, elementBytes: 1)
        defer { position += n }
        return String(decoding: bytes[position..<(position + n)], as: UTF8.self)
    }
    mutating func doubles(_ field: String) throws(RefinementError) -> [Double] {
        let n = try count(field, elementBytes: 8)
        var out = [Double](); out.reserveCapacity(n)
        for _ in 0..<n { out.append(try double(field)) }
        return out
    }
    mutating func doubleRows(_ field: String) throws(RefinementError) -> [[Double]] {
        let n = try count(field, elementBytes: 8)
        var out = [[Double]]()
        for _ in 0..<n { out.append(try doubles(field)) }
        return out
    }
    mutating func floats(_ field: String) throws(RefinementError) -> [Float] {
        let n = try count(field, elementBytes: 4)
        var out = [Float](); out.reserveCapacity(n)
        for _ in 0..<n { out.append(Float(bitPattern: try u32(field))) }
        return out
    }
    mutating func complex(_ field: String) throws(RefinementError) -> [ComplexF] {
        let n = try count(field, elementBytes: 8)
        var out = [ComplexF](); out.reserveCapacity(n)
        for _ in 0..<n { out.append(ComplexF(Float(bitPattern: try u32(field)), Float(bitPattern: try u32(field)))) }
        return out
    }
    func finish() throws(RefinementError) {
        guard isAtEnd else { throw RefinementError("\(what): \(bytes.count - position) unexpected trailing bytes at byte \(position)") }
    }
    mutating func magic(_ expected: String) throws(RefinementError) {
        let tag = try string("magic")
        guard tag == expected else { throw RefinementError("\(what): starts with '\(tag)', expected '\(expected)'") }
    }
}
