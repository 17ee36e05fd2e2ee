/// A command-specific body frame: little-endian fixed fields and u32-length-prefixed UTF-8
/// strings, in the order docs/protocol.md §5 lists them (encoding rules: §6). Decoders read the fields they know and
/// ignore trailing bytes, which is how a newer minor version adds fields.
protocol WireBody: Hashable, Sendable {
    /// The command whose body this is.
    static var command: Command { get }
    /// Appends the fields.
    func encode(into w: inout ByteWriter)
    /// Reads the fields, ignoring any trailing bytes.
    static func decode(from r: inout ByteReader) throws(WireError) -> Self
}
