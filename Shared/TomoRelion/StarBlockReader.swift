import TomoCore
import TomoSTAR

/// Typed column access to one block, turning absent labels and unreadable cells into
/// ``TomoRelionError``s that name the file, block and label.
struct StarBlockReader {
    let block: StarBlock
    let file: String

    var rowCount: Int { block.rowCount }
    func has(_ label: String) -> Bool { block.has(label) }

    func missing(_ label: String, _ why: String = "") -> TomoRelionError {
        TomoRelionError(.missingLabel, file: file, block: block.name, label: label,
                        message: "compulsory label _\(label) is missing\(why)")
    }

    func wrap(_ e: StarError, _ label: String) -> TomoRelionError {
        TomoRelionError(.badValue, file: file, block: block.name, label: label, row: e.row, message: e.message)
    }

    func doubles(_ label: String) throws(TomoRelionError) -> [Double] {
        guard block.has(label) else { throw missing(label) }
        do { return try block.doubles(label) } catch { throw wrap(error, label) }
    }

    func doubles(_ label: String, default value: Double) throws(TomoRelionError) -> [Double] {
        block.has(label) ? try doubles(label) : [Double](repeating: value, count: block.rowCount)
    }

    func optionalDoubles(_ label: String) throws(TomoRelionError) -> [Double]? {
        block.has(label) ? try doubles(label) : nil
    }

    func ints(_ label: String) throws(TomoRelionError) -> [Int] {
        guard block.has(label) else { throw missing(label) }
        do { return try block.ints(label) } catch { throw wrap(error, label) }
    }

    /// Integers written either as integers or as integral doubles (`1` or `1.000000`).
    func integral(_ label: String) throws(TomoRelionError) -> [Int] {
        guard block.has(label) else { throw missing(label) }
        if let v = try? block.ints(label) { return v }
        let d = try doubles(label)
        return d.map { Int($0.rounded()) }
    }

    func optionalIntegral(_ label: String) throws(TomoRelionError) -> [Int]? {
        block.has(label) ? try integral(label) : nil
    }

    func strings(_ label: String) throws(TomoRelionError) -> [String] {
        guard let c = block.column(label) else { throw missing(label) }
        return c
    }

    func optionalStrings(_ label: String) -> [String]? { block.column(label) }

    func doubleVectors(_ label: String) throws(TomoRelionError) -> [[Double]] {
        guard block.has(label) else { throw missing(label) }
        do { return try block.doubleVectors(label) } catch { throw wrap(error, label) }
    }

    func intVectors(_ label: String) throws(TomoRelionError) -> [[Int]] {
        guard block.has(label) else { throw missing(label) }
        do { return try block.intVectors(label) } catch { throw wrap(error, label) }
    }

    /// Three columns as vectors.
    func vectors(_ x: String, _ y: String, _ z: String) throws(TomoRelionError) -> [Vector3] {
        let a = try doubles(x), b = try doubles(y), c = try doubles(z)
        return (0 ..< a.count).map { Vector3(a[$0], b[$0], c[$0]) }
    }

    func vectors(_ x: String, _ y: String, _ z: String, default value: Double) throws(TomoRelionError) -> [Vector3] {
        let a = try doubles(x, default: value), b = try doubles(y, default: value), c = try doubles(z, default: value)
        return (0 ..< a.count).map { Vector3(a[$0], b[$0], c[$0]) }
    }

    func angles(_ rot: String, _ tilt: String, _ psi: String) throws(TomoRelionError) -> [EulerAngles] {
        try vectors(rot, tilt, psi, default: 0).map { EulerAngles(rot: $0.x, tilt: $0.y, psi: $0.z) }
    }

    /// The block without `known` labels (the verbatim remainder).
    func remainder(excluding known: Set<String>) -> StarBlock {
        var b = block
        for l in block.labels where known.contains(l) { b.removeColumn(l) }
        return b
    }

    /// Row `r` of the remainder as ``StarRowValues``.
    func rowValues(_ r: Int, excluding known: Set<String>) -> StarRowValues {
        var v = StarRowValues()
        for l in block.labels where !known.contains(l) { v[l] = block.string(l, row: r) ?? "" }
        return v
    }
}

/// Builds an output block column by column.
struct StarBlockBuilder {
    var block: StarBlock

    init(name: String, isLoop: Bool = true) { block = StarBlock(name: name, isLoop: isLoop) }

    mutating func doubles(_ label: String, _ v: [Double]) { block.setColumn(label, doubles: v) }
    mutating func ints(_ label: String, _ v: [Int]) { block.setColumn(label, ints: v) }
    mutating func strings(_ label: String, _ v: [String]) { block.setColumn(label, v) }
    mutating func vectors(_ x: String, _ y: String, _ z: String, _ v: [Vector3]) {
        doubles(x, v.map(\.x)); doubles(y, v.map(\.y)); doubles(z, v.map(\.z))
    }
    mutating func angles(_ rot: String, _ tilt: String, _ psi: String, _ v: [EulerAngles]) {
        doubles(rot, v.map(\.rot)); doubles(tilt, v.map(\.tilt)); doubles(psi, v.map(\.psi))
    }

    /// Appends the columns of `extra` that the block does not have yet.
    mutating func append(_ extra: StarBlock) {
        for l in extra.labels where !block.has(l) { block.setColumn(l, extra.column(l) ?? []) }
    }

    /// Appends verbatim per-row values (rows may have different labels; missing cells become `""`).
    mutating func append(_ rows: [StarRowValues]) {
        var labels: [String] = []
        for r in rows { for l in r.labels where !labels.contains(l) && !block.has(l) { labels.append(l) } }
        for l in labels { block.setColumn(l, rows.map { $0[l] ?? "" }) }
    }
}

/// Path helpers (no Foundation URL gymnastics in callers).
enum RelionPath {
    static func directory(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        return i == path.startIndex ? "/" : String(path[..<i])
    }

    static func join(_ dir: String, _ rel: String) -> String {
        if rel.hasPrefix("/") || dir.isEmpty || dir == "." { return rel }
        return dir.hasSuffix("/") ? dir + rel : dir + "/" + rel
    }

    /// `path` relative to `base` when it lies beneath it, else nil.
    static func relative(_ path: String, to base: String) -> String? {
        let b = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(b) ? String(path.dropFirst(b.count)) : nil
    }
}
