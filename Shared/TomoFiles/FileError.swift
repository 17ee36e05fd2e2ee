#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed file operation: which file, what was being done, and the system's reason. Each
/// format module wraps it in its own error type (`MRCError`, `StarError`, …).
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The destination path.
    public var path: String
    /// `errno` of the failed call (0 when not a system error).
    public var code: Int32
    /// What failed, e.g. "cannot write .run.mrc.Ab12Cd: No space left on device".
    public var message: String

    /// An error for `path`.
    public init(path: String, code: Int32, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// `"<path>: <message>"`.
    public var description: String { "\(path): \(message)" }

    /// `strerror(code)`.
    public static func text(_ code: Int32) -> String { String(cString: strerror(code)) }
}
