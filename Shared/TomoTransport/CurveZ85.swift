/// Z85 (ZeroMQ RFC 32): 4 bytes → 5 printable characters, big-endian base 85. The text form
/// of CURVE keys (32 bytes ↔ 40 characters). Pure: no libzmq, so key files parse without sockets.
public enum CurveZ85 {
    /// The 85 characters in digit order.
    static let alphabet: [UInt8] = Array(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
    /// Character → digit (255: not in the alphabet).
    static let digits: [UInt8] = {
        var d = [UInt8](repeating: 255, count: 256)
        for (i, c) in alphabet.enumerated() { d[Int(c)] = UInt8(i) }
        return d
    }()

    /// Encodes `bytes` (a multiple of 4 long) as Z85 text.
    /// - Precondition: `bytes.count % 4 == 0`.
    public static func encode(_ bytes: [UInt8]) -> String {
        precondition(bytes.count % 4 == 0, "Z85 encodes multiples of 4 bytes, got \(bytes.count)")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 5)
        var i = 0
        while i < bytes.count {
            var value = UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
            var chunk = [UInt8](repeating: 0, count: 5)
            for k in stride(from: 4, through: 0, by: -1) {
                chunk[k] = alphabet[Int(value % 85)]
                value /= 85
            }
            out += chunk
            i += 4
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes Z85 text (a multiple of 5 characters long).
    /// - Throws: `CurveKeyError.badZ85` naming the first bad character or the bad length.
    public static func decode(_ text: String) throws(CurveKeyError) -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 5 == 0 else {
            throw .badZ85("length \(chars.count) is not a multiple of 5")
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 5 * 4)
        var i = 0
        while i < chars.count {
            var value: UInt64 = 0
            for k in 0..<5 {
                let d = digits[Int(chars[i + k])]
                guard d != 255 else {
                    throw .badZ85("character \(i + k + 1) (byte 0x\(String(chars[i + k], radix: 16))) is not in the Z85 alphabet")
                }
                value = value * 85 + UInt64(d)
            }
            guard value <= UInt64(UInt32.max) else {
                throw .badZ85("characters \(i + 1)…\(i + 5) encode a value above 2³²−1")
            }
            out += [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
            i += 5
        }
        return out
    }
}
