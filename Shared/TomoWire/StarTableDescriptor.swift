/// The descriptor frame that precedes a STAR table's data frame (docs/protocol.md §7.3): the
/// table travels as UTF-8 text (a whole STAR file, one or more data blocks), raw or as one zstd
/// frame. Python reads the fixed part with `struct.unpack_from('<BBHIQI', frame)` and the name
/// from the next `name length` bytes:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | kind = 2 (STAR table) |
/// | 1 | 1 | encoding (0 raw, 1 zstd) |
/// | 2 | 2 | reserved, zero |
/// | 4 | 4 | CRC-32 of the uncompressed UTF-8 bytes |
/// | 8 | 8 | uncompressed byte count (u64) |
/// | 16 | 4 | name length (u32) |
/// | 20 | n | name, UTF-8 (e.g. `"run_it003_data.star"`) |
public struct StarTableDescriptor: Hashable, Sendable {
    /// The kind byte that marks a STAR table descriptor.
    public static let kind: UInt8 = 2

    /// Data frame encoding (`.raw` or `.zstd`).
    public var encoding: PayloadEncoding
    /// CRC-32 (zlib) of the uncompressed UTF-8 bytes.
    public var crc32: UInt32
    /// Uncompressed UTF-8 byte count.
    public var byteCount: UInt64
    /// The table's file name, as the catalog would write it.
    public var name: String

    /// Creates a descriptor.
    public init(encoding: PayloadEncoding, crc32: UInt32, byteCount: UInt64, name: String) {
        self.encoding = encoding
        self.crc32 = crc32
        self.byteCount = byteCount
        self.name = name
    }

    /// The descriptor bytes.
    public func encode() -> [UInt8] {
        var w = ByteWriter(capacity: 20 + name.utf8.count)
        w.u8(Self.kind)
        w.u8(encoding.rawValue)
        w.u16(0)
        w.u32(crc32)
        w.u64(byteCount)
        w.string(name)
        return w.bytes
    }

    /// Decodes and validates a descriptor: encoding raw or zstd, size within
    /// `limits.maxStarBytes` (413 otherwise). Trailing bytes are ignored.
    public static func decode(_ bytes: [UInt8], frame: Int, limits: WireLimits = .protocolDefault) throws(WireError)
        -> StarTableDescriptor
    {
        var r = ByteReader(bytes, frame: frame)
        let kind = try r.u8("kind")
        guard kind == Self.kind else { throw r.fail("descriptor kind \(kind) is not a STAR table (2)") }
        let rawEncoding = try r.u8("encoding")
        guard let encoding = PayloadEncoding(rawValue: rawEncoding), encoding != .shuffleZstd else {
            throw r.fail("STAR table encoding \(rawEncoding) is not raw (0) or zstd (1)")
        }
        _ = try r.u16("reserved")
        let crc = try r.u32("crc32")
        let count = try r.u64("byte count")
        guard count <= UInt64(limits.maxStarBytes) else {
            throw .at(.tooLarge, frame: frame, offset: 8, "STAR table declares \(count) bytes, the limit is \(limits.maxStarBytes)")
        }
        return StarTableDescriptor(encoding: encoding, crc32: crc, byteCount: count, name: try r.string("name"))
    }
}
