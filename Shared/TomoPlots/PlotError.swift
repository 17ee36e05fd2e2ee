/// An error rendering or writing a figure: what went wrong (``code``), for which file (``path``)
/// and why (``message``).
public struct PlotError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// libpng refused to encode the pixels (the message carries libpng's reason).
        case encodingFailed
        /// A system call failed (create, write, flush, rename); the message carries `strerror`.
        case ioError
    }

    /// The kind of failure.
    public var code: Code
    /// The destination file concerned (empty when encoding to memory).
    public var path: String
    /// A sentence saying what went wrong and why.
    public var message: String

    /// Creates an error.
    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
