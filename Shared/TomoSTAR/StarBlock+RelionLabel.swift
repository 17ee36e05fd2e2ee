/// Label-typed access: the same operations as the `String` API, keyed by ``RelionLabel``.
extension StarBlock {
    /// The 0-based column index of `label`, or nil.
    public func index(of label: RelionLabel) -> Int? { index(of: label.rawValue) }
    /// Whether the block has a column `label`.
    public func has(_ label: RelionLabel) -> Bool { has(label.rawValue) }
    /// The value of `label` in `row`, without quotes.
    public func string(_ label: RelionLabel, row: Int) -> String? { string(label.rawValue, row: row) }
    /// All values of `label`, without quotes.
    public func column(_ label: RelionLabel) -> [String]? { column(label.rawValue) }
    /// The values of `label` as doubles (see ``doubles(_:)-(String)``).
    public func doubles(_ label: RelionLabel) throws(StarError) -> [Double] { try doubles(label.rawValue) }
    /// The values of `label` as integers (see ``ints(_:)-(String)``).
    public func ints(_ label: RelionLabel) throws(StarError) -> [Int] { try ints(label.rawValue) }
    /// The values of `label` as booleans (see ``bools(_:)-(String)``).
    public func bools(_ label: RelionLabel) throws(StarError) -> [Bool] { try bools(label.rawValue) }
    /// The values of `label` as integer vectors.
    public func intVectors(_ label: RelionLabel) throws(StarError) -> [[Int]] { try intVectors(label.rawValue) }
    /// The values of `label` as double vectors.
    public func doubleVectors(_ label: RelionLabel) throws(StarError) -> [[Double]] { try doubleVectors(label.rawValue) }
    /// Adds or replaces column `label` with string values.
    public mutating func setColumn(_ label: RelionLabel, _ values: [String]) { setColumn(label.rawValue, values) }
    /// Adds or replaces column `label`; integer and boolean labels are written as integers.
    public mutating func setColumn(_ label: RelionLabel, doubles values: [Double]) { setColumn(label.rawValue, doubles: values) }
    /// Adds or replaces integer column `label`.
    public mutating func setColumn(_ label: RelionLabel, ints values: [Int]) { setColumn(label.rawValue, ints: values) }
    /// Adds or replaces boolean column `label` (written `0`/`1`).
    public mutating func setColumn(_ label: RelionLabel, bools values: [Bool]) {
        setColumn(label.rawValue, ints: values.map { $0 ? 1 : 0 })
    }
    /// Adds or replaces integer-vector column `label`.
    public mutating func setColumn(_ label: RelionLabel, intVectors values: [[Int]]) {
        setColumn(label.rawValue, intVectors: values)
    }
    /// Adds or replaces double-vector column `label`.
    public mutating func setColumn(_ label: RelionLabel, doubleVectors values: [[Double]]) {
        setColumn(label.rawValue, doubleVectors: values)
    }
    /// Removes column `label` if present.
    public mutating func removeColumn(_ label: RelionLabel) { removeColumn(label.rawValue) }
}
