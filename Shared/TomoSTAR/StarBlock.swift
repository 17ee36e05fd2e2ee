/// One `data_<name>` block of a STAR file: either a loop table (`loop_`, many rows) or a list
/// (key–value) block, which is stored as a table with one row.
///
/// Labels are stored without the leading `_` and in file order. Cells are kept as the exact text
/// that was read (quotes removed), so a document re-written without changes holds the same values;
/// numbers are only reformatted when set through ``setColumn(_:doubles:)`` or ``setColumn(_:ints:)``.
/// Storage is column-major and byte-based (a parsed block points into the file bytes), so reading a
/// million-row particle table creates no per-cell `String`.
public struct StarBlock: Sendable, Equatable {
    /// The block name, without `data_` (may be empty: the C++ optimisation-set writer emits `data_`).
    public var name: String
    /// `true` for a `loop_` table, `false` for a list (key–value) block.
    public var isLoop: Bool

    var labelNames: [String] = []
    var labelIndex: [String: Int] = [:]
    var columns: [StarColumn] = []
    var rows: Int = 0

    /// An empty block.
    public init(name: String, isLoop: Bool = true) {
        self.name = name
        self.isLoop = isLoop
    }

    /// Labels without the leading `_`, in file order.
    public var labels: [String] { labelNames }

    /// The number of rows (1 for a non-empty list block).
    public var rowCount: Int { rows }

    /// The 0-based column index of `label` (without `_`), or nil.
    public func index(of label: String) -> Int? { labelIndex[label] }

    /// Whether the block has a column `label`.
    public func has(_ label: String) -> Bool { labelIndex[label] != nil }

    /// The value of `label` in `row`, without quotes; nil if the label is absent or the row is out
    /// of range.
    public func string(_ label: String, row: Int) -> String? {
        guard let c = labelIndex[label], row >= 0, row < rows else { return nil }
        return columns[c].string(row)
    }

    /// All values of `label`, without quotes; nil if absent.
    public func column(_ label: String) -> [String]? {
        guard let c = labelIndex[label] else { return nil }
        let col = columns[c]
        return (0 ..< rows).map { col.string($0) }
    }

    /// The values of row `row` in label order.
    ///
    /// # Panics
    /// If `row` is out of range.
    public func row(_ row: Int) -> [String] {
        precondition(row >= 0 && row < rows, "row \(row) out of range 0..<\(rows)")
        return columns.map { $0.string(row) }
    }

    /// Equal when names, forms, labels (in order) and every cell's text are equal.
    public static func == (a: StarBlock, b: StarBlock) -> Bool {
        guard a.name == b.name, a.isLoop == b.isLoop, a.labelNames == b.labelNames, a.rows == b.rows else {
            return false
        }
        for (ca, cb) in zip(a.columns, b.columns) {
            for r in 0 ..< a.rows where !ca.cellEquals(r, cb, r) { return false }
        }
        return true
    }

    /// Internal: add a column built elsewhere (parser). The caller guarantees uniqueness and count.
    mutating func appendColumn(_ label: String, _ column: StarColumn) {
        labelIndex[label] = labelNames.count
        labelNames.append(label)
        columns.append(column)
    }
}
