extension StarBlock {
    /// Adds column `label` (without `_`) at the end, or replaces its values if it exists.
    ///
    /// # Panics
    /// If the block already has columns and `values.count != rowCount`.
    public mutating func setColumn(_ label: String, _ values: [String]) {
        setColumn(label, StarColumn(strings: values), count: values.count)
    }

    /// Sets a numeric column. Values are formatted as RELION does (``StarFormat/double(_:)``), except
    /// that a known integer or boolean ``RelionLabel`` (e.g. `rlnClassNumber`) is written as an integer.
    ///
    /// # Panics
    /// As ``setColumn(_:_:)-(String,[String])``; and for an integer label, if a value is not finite.
    public mutating func setColumn(_ label: String, doubles values: [Double]) {
        let type = RelionLabel(rawValue: label)?.valueType
        var col = StarColumn(strings: [String]())
        col.cells.reserveCapacity(values.count)
        col.local.reserveCapacity(values.count * 12)
        var scratch = [UInt8](repeating: 0, count: 64)
        for v in values {
            let n: Int
            if type == .int || type == .bool {
                precondition(v.isFinite, "\(label) is an integer label; \(v) is not finite")
                n = StarFormat.writeInt(Int(v.rounded()), into: &scratch)
            } else {
                n = StarFormat.writeDouble(v, into: &scratch)
            }
            scratch.withUnsafeBufferPointer { col.appendBytes(UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        }
        setColumn(label, col, count: values.count)
    }

    /// Sets an integer column (formatted with no padding; the writer right-aligns).
    ///
    /// # Panics
    /// As ``setColumn(_:_:)-(String,[String])``.
    public mutating func setColumn(_ label: String, ints values: [Int]) {
        var col = StarColumn(strings: [String]())
        col.cells.reserveCapacity(values.count)
        var scratch = [UInt8](repeating: 0, count: 32)
        for v in values {
            let n = StarFormat.writeInt(v, into: &scratch)
            scratch.withUnsafeBufferPointer { col.appendBytes(UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        }
        setColumn(label, col, count: values.count)
    }

    /// Sets an integer-vector column, e.g. `rlnTomoVisibleFrames` (`[0,1,1]`).
    public mutating func setColumn(_ label: String, intVectors values: [[Int]]) {
        setColumn(label, values.map(StarFormat.intVector))
    }

    /// Sets a double-vector column, e.g. `rlnTomoProjX` (`[a,b,c,d]`, 12 significant digits).
    public mutating func setColumn(_ label: String, doubleVectors values: [[Double]]) {
        setColumn(label, values.map(StarFormat.doubleVector))
    }

    /// Removes column `label`; does nothing if it is absent. Other columns keep their order.
    public mutating func removeColumn(_ label: String) {
        guard let i = labelIndex[label] else { return }
        labelNames.remove(at: i)
        columns.remove(at: i)
        labelIndex = Dictionary(uniqueKeysWithValues: labelNames.enumerated().map { ($1, $0) })
        if columns.isEmpty { rows = 0 }
    }

    /// Appends one row, values in label order.
    ///
    /// # Panics
    /// If `values.count != labels.count`.
    public mutating func appendRow(_ values: [String]) {
        precondition(values.count == columns.count,
                     "row has \(values.count) values; block data_\(name) has \(columns.count) labels")
        for i in columns.indices { columns[i].append(values[i]) }
        rows += 1
    }

    /// A block with the rows at `indices`, in that order (indices may repeat).
    ///
    /// # Panics
    /// If an index is out of range.
    public func selectingRows(_ indices: [Int]) -> StarBlock {
        for i in indices { precondition(i >= 0 && i < rows, "row \(i) out of range 0..<\(rows)") }
        var out = self
        out.columns = columns.map { $0.selecting(indices) }
        out.rows = indices.count
        return out
    }

    mutating func setColumn(_ label: String, _ col: StarColumn, count: Int) {
        if let i = labelIndex[label] {
            precondition(count == rows, "column \(label) has \(count) values; block data_\(name) has \(rows) rows")
            columns[i] = col
        } else {
            precondition(columns.isEmpty || count == rows,
                         "column \(label) has \(count) values; block data_\(name) has \(rows) rows")
            appendColumn(label, col)
            rows = count
        }
    }
}
