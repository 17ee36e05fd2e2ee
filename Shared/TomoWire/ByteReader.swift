/// Bounds-checked little-endian reads from one frame. Every read checks the bytes left first, so
/// no input can make decoding read past the end; failures name the frame, the byte offset and
/// the field.
struct ByteReader {
    let bytes: [UInt8]
    let frame: Int
    private(set) var offset = 0

    init(_ bytes: [UInt8], frame: Int) {
        self.bytes = bytes
        self.frame = frame
    }

    var remaining: Int { bytes.count - offset }

    /// A 400 error at the current offset.
    func fail(_ why: String) -> WireError {
        .at(.malformed, frame: frame, offset: offset, why)
    }

    mutating func u8(_ field: String) throws(WireError) -> UInt8 { UInt8(try le(1, field)) }
    mutating func u16(_ field: String) throws(WireError) -> UInt16 { UInt16(try le(2, field)) }
    mutating func u32(_ field: String) throws(WireError) -> UInt32 { UInt32(try le(4, field)) }
    mutating func u64(_ field: String) throws(WireError) -> UInt64 { try le(8, field) }
    mutating func f64(_ field: String) throws(WireError) -> Double { Double(bitPattern: try le(8, field)) }

    mutating func raw(_ n: Int, _ field: String) throws(WireError) -> [UInt8] {
        guard n >= 0, n <= remaining else { throw fail("\(field) needs \(n) bytes, \(remaining) left") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    /// A u32 byte count then that many bytes of valid UTF-8.
    mutating func string(_ field: String) throws(WireError) -> String {
        let start = offset
        let n = Int(try u32("\(field) length"))
        guard n <= remaining else {
            offset = start
            throw fail("\(field) length \(n) exceeds the \(remaining - 4) bytes left")
        }
        let slice = bytes[offset..<offset + n]
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw fail("\(field) is not valid UTF-8")
        }
        offset += n
        return s
    }

    /// A u32 element count, checked against the bytes left (each element needs at least
    /// `minElementBytes`) before anything is allocated.
    mutating func count(_ field: String, minElementBytes: Int) throws(WireError) -> Int {
        let n = Int(try u32("\(field) count"))
        guard n <= remaining / max(minElementBytes, 1) else {
            throw fail("\(field) count \(n) cannot fit in the \(remaining) bytes left")
        }
        return n
    }

    private mutating func le(_ n: Int, _ field: String) throws(WireError) -> UInt64 {
        guard n <= remaining else { throw fail("\(field) needs \(n) bytes, \(remaining) left") }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += n
        return v
    }
}
