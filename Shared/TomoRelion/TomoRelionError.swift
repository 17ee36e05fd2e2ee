/// An error met while reading or writing RELION tomography metadata.
///
/// `file` names the STAR file (or the referenced file that is missing), `block` the data block
/// (without `data_`), `label` the STAR label concerned and `row` the 0-based row, where they apply.
public struct TomoRelionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: Sendable, Equatable, Hashable {
        /// A compulsory label is absent from a block.
        case missingLabel
        /// A block the format requires is absent.
        case missingBlock
        /// A cell does not convert to the required type (number, vector, …).
        case badValue
        /// A file referenced from another file (e.g. a per-tilt-series STAR file) was not found.
        case missingFile
        /// A particle refers to a tomogram (or optics group) that the set does not have.
        case unknownReference
        /// The underlying STAR reader or writer failed (syntax or file system).
        case star
    }

    /// What went wrong.
    public var code: Code
    /// The file concerned.
    public var file: String
    /// The data block, without `data_`, if any.
    public var block: String?
    /// The STAR label, without `_`, if any.
    public var label: String?
    /// The 0-based row, if any.
    public var row: Int?
    /// A sentence saying what was found and what was expected.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, file: String, block: String? = nil, label: String? = nil, row: Int? = nil,
                message: String) {
        self.code = code
        self.file = file
        self.block = block
        self.label = label
        self.row = row
        self.message = message
    }

    /// `file: data_block: message`.
    public var description: String {
        var s = file
        if let block { s += ": data_\(block)" }
        if let row { s += " row \(row)" }
        return s + ": " + message
    }
}
