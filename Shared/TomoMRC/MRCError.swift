/// An error reading or writing an MRC file: what went wrong (``code``), in which file (``path``),
/// at which byte (``offset``, when one applies) and why (``message``).
public struct MRCError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// The file is shorter than its header says (header, extended header or data cut short).
        case truncated
        /// The header is not a usable MRC header (negative sizes, absurd values).
        case badHeader
        /// The mode is not one this library reads (3, 101, unknown), or is not an image
        /// (mode 4 through an image reader), or cannot be written.
        case unsupportedMode
        /// The file is compressed (gzip, bzip2); decompress it first.
        case unsupportedCompression
        /// A system call failed (open, read, write, rename …); the message carries `strerror`.
        case ioError
        /// A requested section or sub-volume lies outside the map.
        case outOfRange
    }

    /// The kind of failure.
    public var code: Code
    /// The file concerned.
    public var path: String
    /// Byte offset in the file where the problem was found, if any.
    public var offset: Int?
    /// A sentence saying what went wrong and why.
    public var message: String

    /// Creates an error.
    public init(code: Code, path: String, offset: Int? = nil, message: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.message = message
    }

    /// `path[@offset]: message`.
    public var description: String {
        if let offset { return "\(path) @ byte \(offset): \(message)" }
        return "\(path): \(message)"
    }
}
