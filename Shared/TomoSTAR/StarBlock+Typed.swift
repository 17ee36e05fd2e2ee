extension StarBlock {
    /// The values of `label` as doubles. `<NA>` and `nan` read as NaN.
    ///
    /// - Throws: ``StarError/Code/missingLabel`` if the label is absent, ``StarError/Code/notNumeric``
    ///   naming the label and the 0-based row of the first cell that is not a number.
    public func doubles(_ label: String) throws(StarError) -> [Double] {
        try convert(label, kind: "a number", NumberParsing.double)
    }

    /// The values of `label` as integers; accepts `1`, `-2` and integral decimals like `1.000000`.
    ///
    /// - Throws: as ``doubles(_:)``, for a cell that is not an integer.
    public func ints(_ label: String) throws(StarError) -> [Int] {
        try convert(label, kind: "an integer", NumberParsing.int)
    }

    /// The values of `label` as integer vectors (`[0,1,1]`).
    ///
    /// - Throws: as ``doubles(_:)``, for a cell that is not a bracketed integer list.
    public func intVectors(_ label: String) throws(StarError) -> [[Int]] {
        try convert(label, kind: "an integer vector like [0,1]") { NumberParsing.vector($0, NumberParsing.int) }
    }

    /// The values of `label` as double vectors (`[0.1,-0.9,0,1]`).
    ///
    /// - Throws: as ``doubles(_:)``, for a cell that is not a bracketed number list.
    public func doubleVectors(_ label: String) throws(StarError) -> [[Double]] {
        try convert(label, kind: "a number vector like [0.5,1]") { NumberParsing.vector($0, NumberParsing.double) }
    }

    /// The values of `label` as booleans: `1`/`0` as RELION writes them; `true`/`false`, `yes`/`no`
    /// (any case) are also accepted.
    ///
    /// - Throws: as ``doubles(_:)``, for a cell that is none of these.
    public func bools(_ label: String) throws(StarError) -> [Bool] {
        try convert(label, kind: "a boolean (0/1)") { b -> Bool? in
            if let i = NumberParsing.int(b) { return i != 0 }
            switch String(decoding: b, as: UTF8.self).lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: return nil
            }
        }
    }

    func missingLabelError(_ label: String) -> StarError {
        StarError(code: .missingLabel, file: "data_\(name)",
                  message: "data_\(name) has no label _\(label) (labels: \(labelNames.map { "_" + $0 }.joined(separator: " ")))",
                  label: label)
    }

    private func convert<T>(_ label: String, kind: String,
                            _ parse: (UnsafeBufferPointer<UInt8>) -> T?) throws(StarError) -> [T] {
        guard let c = labelIndex[label] else { throw missingLabelError(label) }
        let col = columns[c]
        var out: [T] = []
        out.reserveCapacity(rows)
        for r in 0 ..< rows {
            guard let v = col.withCell(r, parse) else {
                throw StarError(code: .notNumeric, file: "data_\(name)",
                                message: "data_\(name) _\(label) row \(r): '\(col.string(r))' is not \(kind)",
                                label: label, row: r)
            }
            out.append(v)
        }
        return out
    }
}
