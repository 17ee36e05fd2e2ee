import TomoWire

/// A classifier or aligner failure: a wire code (for an ERROR reply) and what went wrong,
/// where and why.
public struct ClassifierError: Error, Sendable, CustomStringConvertible {
    /// The code an ERROR reply carries (400 bad arguments, 404 unknown job or run, 500 internal).
    public var code: WireErrorCode
    /// What went wrong.
    public var message: String
    /// An error.
    public init(_ code: WireErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
    /// `"400 malformed: …"`.
    public var description: String { "\(code): \(message)" }
}
