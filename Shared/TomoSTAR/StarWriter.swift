/// Writes documents in the layout of RELION's `MetaDataTable::write` (spec §1):
///
/// ```
/// <blank>
/// # version 50001
/// <blank>
/// data_<name>
/// <blank>
/// loop_␠
/// _rlnLabel #1␠
/// <rows: each value right-aligned (numbers to 12 characters, other values to 10) plus one space>
/// ␠                                   (a line holding one space ends the loop)
/// ```
///
/// List blocks are `_rlnLabel` padded to (longest label + 12) characters, then the value (numbers
/// right-aligned to 12, other values as they are), one line per label, then the one-space line. A list block with more than one row is
/// written as a loop; one with labels but no row writes `""` values. Values that need quoting (empty,
/// containing whitespace, starting with a quote, `#`, `_`, `data_` or `loop_`) are quoted
/// (``StarFormat/string(_:)``). All output goes into one byte buffer.
enum StarWriter {
    /// The MDT version line RELION 5 writes.
    static let versionLine = "# version 50001"

    static func bytes(_ doc: StarDocument) -> [UInt8] {
        var out = ByteBuffer(capacity: estimate(doc))
        for block in doc.blocks { write(block, to: &out) }
        return out.finish()
    }

    private static func estimate(_ doc: StarDocument) -> Int {
        var n = 256
        for b in doc.blocks {
            n += 64 + b.labelNames.reduce(0) { $0 + $1.count + 16 }
            for c in b.columns {
                n += c.local.count + c.cells.count * 2
                if c.cells.count > 0 {
                    // sample a few rows for the average cell length
                    let k = min(c.cells.count, 64)
                    var sum = 0
                    for i in 0 ..< k { sum += StarColumn.length(c.cells[i * c.cells.count / k]) + 3 }
                    n += sum * c.cells.count / k + c.cells.count * 10
                }
            }
        }
        return n
    }

    private static func write(_ block: StarBlock, to out: inout ByteBuffer) {
        out.put("\n\(versionLine)\n\ndata_\(block.name)\n\n")
        let asLoop = block.isLoop || block.rows > 1
        if asLoop {
            out.put("loop_ \n")
            for (i, l) in block.labelNames.enumerated() { out.put("_\(l) #\(i + 1) \n") }
            withLocalPointers(block.columns[...]) { locals in
                writeRows(block, locals, to: &out)
            }
        } else if !block.labelNames.isEmpty {
            let width = (block.labelNames.map(\.utf8.count).max() ?? 0) + 1 + 12
            for (i, l) in block.labelNames.enumerated() {
                out.put("_\(l)")
                out.spaces(width - l.utf8.count - 1)
                if block.rows == 0 {
                    out.put("\"\"")
                } else {
                    block.columns[i].withCell(0) { writeValue($0, check: true, list: true, to: &out) }
                }
                out.put(UInt8(ascii: "\n"))
            }
        }
        out.put(" \n")
    }

    /// Calls `body` with a pointer to each column's local buffer (valid inside `body`).
    private static func withLocalPointers<R>(_ cols: ArraySlice<StarColumn>, _ acc: [UnsafePointer<UInt8>?] = [],
                                             _ body: ([UnsafePointer<UInt8>?]) -> R) -> R {
        guard let first = cols.first else { return body(acc) }
        return first.local.withUnsafeBufferPointer { b in
            withLocalPointers(cols.dropFirst(), acc + [b.baseAddress], body)
        }
    }

    private static func writeRows(_ block: StarBlock, _ locals: [UnsafePointer<UInt8>?], to out: inout ByteBuffer) {
        let ncols = block.columns.count
        let shared: [UnsafePointer<UInt8>] = block.columns.map { UnsafePointer($0.shared.base) }
        withExtendedLifetime(block.columns.map(\.shared)) {
            block.columns.withUnsafeBufferPointer { cols in
                for r in 0 ..< block.rows {
                    for c in 0 ..< ncols {
                        let cell = cols[c].cells[r]
                        let s = StarColumn.start(cell), n = StarColumn.length(cell)
                        let p = StarColumn.isLocal(cell) ? locals[c]! + s : shared[c] + s
                        let b = UnsafeBufferPointer(start: p, count: n)
                        writeValue(b, check: StarColumn.needsCheck(cell), list: false, to: &out)
                    }
                    out.put(UInt8(ascii: "\n"))
                }
            }
        }
    }

    /// Writes one value: numbers right-aligned to 12 (RELION's `%12.6f`, `%12ld`); other values to 10
    /// in rows (`setw(10)`) and unpadded in lists. In rows a space follows.
    @inline(__always)
    private static func writeValue(_ b: UnsafeBufferPointer<UInt8>, check: Bool, list: Bool, to out: inout ByteBuffer) {
        let n = b.count
        var quote: UInt8 = 0
        if n == 0 {
            quote = 34
        } else {
            let f = b[0]
            if check || f == 34 || f == 39 || f == 35 || f == 95 || f == 100 || f == 108 {
                quote = StarFormat.quoteNeeded(b)
            }
        }
        let len = quote == 0 ? n : n + 2
        let f = n > 0 ? b[0] : 0
        let numeric = quote == 0 && (f &- 48 < 10 || f == 45 || f == 43 || f == 46)
        let w = numeric ? 12 : (list ? 0 : 10)
        out.ensure(max(w, len) + 1)
        if len < w { out.spaces(w - len) }
        if quote != 0 { out.put(quote) }
        if n > 0 { out.put(b.baseAddress!, n) }
        if quote != 0 { out.put(quote) }
        if !list { out.put(UInt8(ascii: " ")) }
    }
}

/// A growable byte buffer with unchecked appends after `ensure`.
struct ByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always) mutating func ensure(_ k: Int) {
        if count + k > capacity { grow(count + k) }
    }

    private mutating func grow(_ need: Int) {
        let newCap = max(need, capacity * 2)
        let q = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
        q.update(from: base, count: count)
        base.deallocate()
        base = q
        capacity = newCap
    }

    @inline(__always) mutating func put(_ byte: UInt8) {
        ensure(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func put(_ p: UnsafePointer<UInt8>, _ n: Int) {
        ensure(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    @inline(__always) mutating func spaces(_ k: Int) {
        guard k > 0 else { return }
        ensure(k)
        (base + count).update(repeating: 32, count: k)
        count += k
    }

    mutating func put(_ s: String) {
        var s = s
        s.withUTF8 { put($0.baseAddress!, $0.count) }
    }

    /// The bytes written; the buffer is released.
    mutating func finish() -> [UInt8] {
        let out = [UInt8](UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        base = .allocate(capacity: 1)
        capacity = 1
        count = 0
        return out
    }
}
