/// An error met while reading or writing `relion_refine` output files or selecting a subset.
///
/// `file` names the file concerned, `block` the data block (without `data_`) and `label` the STAR
/// label, where they apply; `message` says what was found and what was expected.
public struct RefineFilesError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file concerned.
    public var file: String
    /// The data block, without `data_`, if any.
    public var block: String?
    /// The STAR label, without `_`, if any.
    public var label: String?
    /// A sentence saying what was found and what was expected.
    public var message: String

    /// Creates an error.
    public init(file: String, block: String? = nil, label: String? = nil, message: String) {
        self.file = file
        self.block = block
        self.label = label
        self.message = message
    }

    /// `file: data_block _label: message`.
    public var description: String {
        var s = file
        if let block { s += ": data_\(block)" }
        if let label { s += " _\(label)" }
        return s + ": " + message
    }
}
