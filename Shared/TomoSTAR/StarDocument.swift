/// A whole STAR file: its `data_` blocks in file order.
///
/// Comments (including `# version 50001`) are not kept; ``serialized()`` writes RELION's layout.
public struct StarDocument: Sendable, Equatable {
    /// The blocks, in file order.
    public var blocks: [StarBlock]

    /// A document holding `blocks`.
    public init(blocks: [StarBlock] = []) {
        self.blocks = blocks
    }

    /// The first block called `name` (without `data_`). Setting replaces that block, appends a new
    /// one if none has the name, or removes it when set to nil. The new block's `name` is set to `name`.
    public subscript(name: String) -> StarBlock? {
        get { blocks.first { $0.name == name } }
        set {
            let i = blocks.firstIndex { $0.name == name }
            switch (i, newValue) {
            case (let i?, var b?): b.name = name; blocks[i] = b
            case (nil, var b?): b.name = name; blocks.append(b)
            case (let i?, nil): blocks.remove(at: i)
            case (nil, nil): break
            }
        }
    }

    /// Parses STAR text. `source` names the text in errors.
    ///
    /// - Throws: ``StarError`` naming `source`, line and column.
    public static func parse(_ text: String, source: String = "<string>") throws(StarError) -> StarDocument {
        try StarParser.parse(bytes: StarBytes(copying: text.utf8), source: source)
    }

    /// Parses STAR bytes (UTF-8). The document keeps one copy of the bytes; cells point into it.
    ///
    /// - Throws: ``StarError`` naming `source`, line and column.
    public static func parse(bytes: [UInt8], source: String) throws(StarError) -> StarDocument {
        try StarParser.parse(bytes: StarBytes(copying: bytes), source: source)
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``StarError`` (code `.io` naming the path for file errors; a syntax error names the
    ///   path, line and column).
    public static func read(path: String) throws -> StarDocument {
        try StarParser.parse(bytes: FileIO.readAll(path: path), source: path)
    }

    /// The document in RELION's layout (see ``StarWriter``).
    public func serialized() -> String {
        let bytes = StarWriter.bytes(self)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The document in RELION's layout, as UTF-8 bytes.
    public func serializedBytes() -> [UInt8] {
        StarWriter.bytes(self)
    }

    /// Writes the document to `path` atomically: a temporary file in the same directory is written,
    /// `fsync`ed and renamed over `path`, so readers see the old file or the new one, never a part.
    ///
    /// - Throws: ``StarError`` with code `.io` naming the path and the system error.
    public func write(to path: String) throws {
        try FileIO.writeAtomically(StarWriter.bytes(self), to: path)
    }

    /// Test hook: as ``write(to:)`` but failing with EIO after `failAfterBytes` bytes.
    func write(to path: String, failAfterBytes: Int) throws {
        try FileIO.writeAtomically(StarWriter.bytes(self), to: path, failAfter: failAfterBytes)
    }
}
