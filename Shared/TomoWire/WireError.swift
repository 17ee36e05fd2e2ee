/// The error codes of docs/protocol.md §11, shared by ERROR messages and `WireError`.
///
/// Codes are HTTP-like so a reader recognises them; the set is open (`init(rawValue:)` accepts
/// any value) so a newer peer's code still round-trips.
public struct WireErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code as carried on the wire (u16).
    public var rawValue: UInt16
    /// Wraps a numeric code.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 400: the message could not be parsed (bad frame count, bad length, unknown command …).
    public static let malformed = WireErrorCode(rawValue: 400)
    /// 401: the peer is unknown (no READY yet) or not authorised.
    public static let unauthorised = WireErrorCode(rawValue: 401)
    /// 404: the job, task, table or tile named does not exist.
    public static let notFound = WireErrorCode(rawValue: 404)
    /// 408: a RESULT for a task the job no longer wants (job cancelled, iteration closed).
    public static let stale = WireErrorCode(rawValue: 408)
    /// 409: a RESULT or REQUEST duplicates one already accepted (acknowledged, ignored).
    public static let duplicate = WireErrorCode(rawValue: 409)
    /// 413: a declared or actual size exceeds a protocol limit.
    public static let tooLarge = WireErrorCode(rawValue: 413)
    /// 426: the signature's major version differs from the receiver's.
    public static let versionMismatch = WireErrorCode(rawValue: 426)
    /// 500: the receiver failed while handling a valid message.
    public static let internalError = WireErrorCode(rawValue: 500)
    /// 503: the receiver is overloaded or shutting down; retry later.
    public static let overloaded = WireErrorCode(rawValue: 503)

    /// `"400 malformed"`, or the bare number for a code this version does not name.
    public var description: String {
        switch rawValue {
        case 400: "400 malformed"
        case 401: "401 unauthorised"
        case 404: "404 not found"
        case 408: "408 stale"
        case 409: "409 duplicate"
        case 413: "413 too large"
        case 426: "426 version mismatch"
        case 500: "500 internal error"
        case 503: "503 overloaded"
        default: "\(rawValue)"
        }
    }
}

/// A message that could not be encoded or decoded: the code from the error table and a message
/// that names the frame and byte offset where decoding stopped, and why.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code a receiver sends back in an ERROR message.
    public var code: WireErrorCode
    /// What went wrong and where, e.g. `"frame 1 byte 8: string length 900 exceeds the 12 bytes left"`.
    public var message: String

    /// Creates an error.
    public init(code: WireErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    /// An error located at `offset` in frame `frame`.
    static func at(_ code: WireErrorCode, frame: Int, offset: Int, _ why: String) -> WireError {
        WireError(code: code, message: "frame \(frame) byte \(offset): \(why)")
    }

    /// `"400 malformed: frame 1 byte 8: …"`.
    public var description: String { "\(code): \(message)" }
}
