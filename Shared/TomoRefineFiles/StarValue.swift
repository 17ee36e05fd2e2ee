import TomoSTAR

/// One typed cell of a STAR list block, formatted as RELION's `MetaDataTable::write` does
/// (``StarFormat``): doubles `%.6f`/`%.5f`/`%.6e`, integers and booleans as integers (`0`/`1`),
/// strings verbatim (quoted by the writer when needed).
public enum StarValue: Sendable, Hashable {
    /// A double (`%12.6f` in RELION).
    case double(Double)
    /// An integer.
    case int(Int)
    /// A boolean, written `0`/`1`.
    case bool(Bool)
    /// A string (file names, `None`, symmetry groups).
    case string(String)

    /// The cell text as RELION writes it (without padding).
    public var text: String {
        switch self {
        case .double(let v): return StarFormat.double(v)
        case .int(let v): return StarFormat.int(v)
        case .bool(let v): return v ? "1" : "0"
        case .string(let s): return s
        }
    }

    /// The same kind of value parsed from `text`, or nil when `text` does not parse as that kind.
    func reparsed(_ text: String) -> StarValue? {
        switch self {
        case .double: return Double(text).map(StarValue.double)
        case .int: return Int(text).map(StarValue.int) ?? Double(text).flatMap { $0 == $0.rounded() ? .int(Int($0)) : nil }
        case .bool: return Int(text).map { .bool($0 != 0) }
        case .string: return .string(text)
        }
    }
}

/// Building and reading one-row list blocks (`data_model_general`, `data_optimiser_general`, …).
enum ListBlock {
    /// A list block `data_<name>` holding `entries` in order.
    static func make(_ name: String, _ entries: [(String, StarValue)]) -> StarBlock {
        var b = StarBlock(name: name, isLoop: false)
        for (label, value) in entries { b.setColumn(label, [value.text]) }
        return b
    }
}

/// Typed access to one row of a block, with errors naming the file, block and label.
struct RowReader {
    let block: StarBlock
    let file: String
    let row: Int

    init(_ block: StarBlock, file: String, row: Int = 0) {
        self.block = block
        self.file = file
        self.row = row
    }

    func error(_ label: String, _ message: String) -> RefineFilesError {
        RefineFilesError(file: file, block: block.name, label: label, message: message)
    }

    func has(_ label: String) -> Bool { block.has(label) }

    func string(_ label: String) throws(RefineFilesError) -> String {
        guard let s = block.string(label, row: row) else { throw error(label, "label is missing") }
        return s
    }

    func optionalString(_ label: String) -> String? { block.string(label, row: row) }

    func double(_ label: String) throws(RefineFilesError) -> Double {
        let s = try string(label)
        guard let v = Double(s) else { throw error(label, "'\(s)' is not a number") }
        return v
    }

    func int(_ label: String) throws(RefineFilesError) -> Int {
        let s = try string(label)
        if let v = Int(s) { return v }
        if let d = Double(s), d == d.rounded(), abs(d) < 9e15 { return Int(d) }
        throw error(label, "'\(s)' is not an integer")
    }

    func bool(_ label: String) throws(RefineFilesError) -> Bool {
        let s = try string(label)
        if let v = Int(s) { return v != 0 }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(label, "'\(s)' is not a boolean (0/1)")
        }
    }

    func optionalDouble(_ label: String) throws(RefineFilesError) -> Double? { has(label) ? try double(label) : nil }
    func optionalInt(_ label: String) throws(RefineFilesError) -> Int? { has(label) ? try int(label) : nil }
    func optionalBool(_ label: String) throws(RefineFilesError) -> Bool? { has(label) ? try bool(label) : nil }
}

/// Typed columns of a loop block, with errors naming the file, block and label.
struct ColumnReader {
    let block: StarBlock
    let file: String

    init(_ block: StarBlock, file: String) {
        self.block = block
        self.file = file
    }

    func doubles(_ label: String) throws(RefineFilesError) -> [Double] {
        do { return try block.doubles(label) } catch {
            throw RefineFilesError(file: file, block: block.name, label: label, message: error.message)
        }
    }

    func optionalDoubles(_ label: String) throws(RefineFilesError) -> [Double]? {
        block.has(label) ? try doubles(label) : nil
    }

    func ints(_ label: String) throws(RefineFilesError) -> [Int] {
        do { return try block.ints(label) } catch {
            throw RefineFilesError(file: file, block: block.name, label: label, message: error.message)
        }
    }

    func strings(_ label: String) throws(RefineFilesError) -> [String] {
        guard let c = block.column(label) else {
            throw RefineFilesError(file: file, block: block.name, label: label, message: "label is missing")
        }
        return c
    }
}

/// Reads a STAR file, turning ``StarError`` into ``RefineFilesError``.
enum RefineStarIO {
    static func read(_ path: String) throws(RefineFilesError) -> StarDocument {
        do { return try StarDocument.read(path: path) } catch {
            throw RefineFilesError(file: path, message: "cannot read STAR file: \(error)")
        }
    }

    /// Writes `doc` atomically, preceded by `headerLines` (each written as `# line`).
    static func write(_ doc: StarDocument, to path: String, headerLines: [String] = []) throws(RefineFilesError) {
        do {
            if headerLines.isEmpty {
                try doc.write(to: path)
            } else {
                try writeBytes(header(headerLines) + doc.serializedBytes(), to: path)
            }
        } catch let e as RefineFilesError {
            throw e
        } catch {
            throw RefineFilesError(file: path, message: "cannot write: \(error)")
        }
    }

    static func header(_ lines: [String]) -> [UInt8] {
        Array(lines.map { "# " + $0 + "\n" }.joined().utf8)
    }

    /// Writes bytes atomically: temporary file in the same directory, then rename.
    static func writeBytes(_ bytes: [UInt8], to path: String) throws(RefineFilesError) {
        do { try AtomicBytes.write(bytes, to: path) } catch {
            throw RefineFilesError(file: path, message: "cannot write: \(error)")
        }
    }
}
