/// An error found while reading, converting or writing a STAR file.
///
/// Syntax errors name the file (`source`), the 1-based line and the 1-based byte column where
/// the problem starts. Conversion errors (``StarBlock/doubles(_:)`` and friends) carry the block,
/// label and 0-based row instead, with `line` and `column` set to 0.
/// File-system errors carry the path in `file` and the `errno` text in `message`.
public struct StarError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, independent of where.
    public enum Code: Sendable, Equatable, Hashable {
        /// A loop row has fewer or more values than the loop has labels.
        case wrongFieldCount
        /// A label or `loop_` appears before the first `data_` line.
        case labelOutsideBlock
        /// A value appears where no label names it (before the first label of a loop,
        /// in a list block without a label, or before any block).
        case valueBeforeLabel
        /// A quoted value has no closing quote on its line.
        case unterminatedQuote
        /// The same label appears twice in one block.
        case duplicateLabel
        /// A list-block label has no value on its line.
        case missingValue
        /// A label or `loop_` follows the rows of a loop, or a list item follows a loop,
        /// in the same block.
        case unexpectedLabel
        /// A cell does not convert to the requested type.
        case notNumeric
        /// A requested label is not in the block.
        case missingLabel
        /// A requested block is not in the document.
        case missingBlock
        /// A single cell is longer than the storage allows (4 MiB).
        case cellTooLong
        /// Opening, reading, writing, syncing or renaming a file failed.
        case io
    }

    /// What went wrong.
    public var code: Code
    /// The file (or `<string>`, or `data_<block>` for conversion errors).
    public var file: String
    /// 1-based line, or 0 where no line applies.
    public var line: Int
    /// 1-based byte column within the line, or 0 where no column applies.
    public var column: Int
    /// A sentence that says what was found and what was expected.
    public var message: String
    /// The label concerned, for conversion errors.
    public var label: String?
    /// The 0-based row concerned, for conversion errors.
    public var row: Int?

    /// Creates an error.
    public init(code: Code, file: String, line: Int = 0, column: Int = 0, message: String,
                label: String? = nil, row: Int? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.label = label
        self.row = row
    }

    /// `file:line:column: message` (or `file: message` where no line applies).
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
