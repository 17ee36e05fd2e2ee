import TomoWire

/// A REQUEST the catalog refuses: the STAW error code to answer with and what was wrong.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    /// Why, as a category.
    public enum Kind: Sendable {
        /// Bad arguments (400).
        case badRequest
        /// No such job, file, section or method (404).
        case notFound
        /// The request conflicts with the job's state (409).
        case conflict
        /// The catalog failed (500).
        case internalError
    }
    /// The category.
    public var kind: Kind
    /// What and where.
    public var message: String
    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    /// The wire code (docs/protocol.md §11).
    public var code: WireErrorCode {
        switch kind {
        case .badRequest: .malformed
        case .notFound: .notFound
        case .conflict: .duplicate
        case .internalError: .internalError
        }
    }
    /// `message`.
    public var description: String { message }
}
