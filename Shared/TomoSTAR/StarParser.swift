#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The STAR scanner: one pass over the file bytes, line by line outside loops and with a tight
/// two-pass row scanner inside them (pass 1 counts row lines with `memchr`, pass 2 tokenises into
/// pre-sized column buffers). Cells are recorded as byte ranges into the shared file bytes.
///
/// Grammar accepted (RELION 3.1–5, WarpTools, pytom, cryoCAT, starfile):
/// - `data_<name>` starts a block (name may be empty); text after the name is ignored.
/// - `loop_` starts a table; `_label` lines follow (anything after the label, e.g. `#5`, is ignored);
///   the first other line starts the rows, one row per line; the rows end at a blank or
///   whitespace-only line, a line starting with `data_`, or the end of the file. `#` lines are skipped.
/// - otherwise `_label value` lines make a list block.
/// - Values are separated by spaces, tabs or CR; `"…"` and `'…'` quote values with spaces (the closing
///   quote must be followed by whitespace or the end of the line); `[…]` vectors are one value even
///   with spaces after the commas.
struct StarParser {
    let source: String
    let shared: StarBytes

    private enum Mode { case none, blockStart, list, loopHeader, loopDone }

    static func parse(bytes: StarBytes, source: String) throws(StarError) -> StarDocument {
        let parser = StarParser(source: source, shared: bytes)
        return try withExtendedLifetime(bytes) { () throws(StarError) -> StarDocument in try parser.run(bytes.buffer) }
    }

    private func error(_ code: StarError.Code, line: Int, column: Int, _ message: String) -> StarError {
        StarError(code: code, file: source, line: line, column: column, message: message)
    }

    @inline(__always) private static func isBlank(_ c: UInt8) -> Bool { c <= 32 && c != 10 }

    @inline(__always) private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ word: StaticString) -> Bool {
        let w = word.utf8Start
        let k = word.utf8CodeUnitCount
        if p + k > b.count { return false }
        for i in 0 ..< k where b[p + i] != w[i] { return false }
        return true
    }

    /// `loop_` or `data_` keyword at `p` (keyword must be followed by whitespace for `loop_`).
    @inline(__always) private static func isKeyword(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> Bool {
        let c = b[p]
        if c == UInt8(ascii: "d") { return hasPrefix(b, p, "data_") }
        if c == UInt8(ascii: "l") { return hasPrefix(b, p, "loop_") && (p + 5 == b.count || b[p + 5] <= 32) }
        return false
    }

    private func run(_ b: UnsafeBufferPointer<UInt8>) throws(StarError) -> StarDocument {
        let n = b.count
        var blocks: [StarBlock] = []
        var block = StarBlock(name: "", isLoop: false)
        var mode = Mode.none
        var listCells: [UInt64] = []
        var pos = 0
        var line = 1
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { pos = 3 }   // UTF-8 BOM

        func finishBlock() {
            if mode == .none { return }
            if !block.isLoop {
                for (i, cell) in listCells.enumerated() {
                    block.columns[i] = StarColumn(shared: shared, cells: [cell])
                }
                block.rows = listCells.isEmpty ? 0 : 1
            }
            blocks.append(block)
            listCells = []
        }

        while pos < n {
            let lineStart = pos
            var p = pos
            while p < n && StarParser.isBlank(b[p]) { p += 1 }
            let col = { (q: Int) in q - lineStart + 1 }
            if p == n || b[p] == 10 || b[p] == UInt8(ascii: "#") {
                // blank or comment line
            } else if b[p] == UInt8(ascii: "d") && StarParser.hasPrefix(b, p, "data_") {
                finishBlock()
                var e = p + 5
                while e < n && b[e] > 32 { e += 1 }
                block = StarBlock(name: String(decoding: UnsafeBufferPointer(rebasing: b[(p + 5) ..< e]), as: UTF8.self),
                                  isLoop: false)
                mode = .blockStart
            } else if StarParser.isKeyword(b, p) {   // loop_
                switch mode {
                case .none:
                    throw error(.labelOutsideBlock, line: line, column: col(p), "loop_ before any data_ block")
                case .blockStart:
                    block.isLoop = true
                    mode = .loopHeader
                default:
                    throw error(.unexpectedLabel, line: line, column: col(p),
                                "second loop_ in data_\(block.name); a block holds one table")
                }
            } else if b[p] == UInt8(ascii: "_") {
                var e = p + 1
                while e < n && b[e] > 32 { e += 1 }
                let label = String(decoding: UnsafeBufferPointer(rebasing: b[(p + 1) ..< e]), as: UTF8.self)
                switch mode {
                case .none:
                    throw error(.labelOutsideBlock, line: line, column: col(p), "label _\(label) before any data_ block")
                case .loopDone:
                    throw error(.unexpectedLabel, line: line, column: col(p),
                                "label _\(label) after the rows of the loop in data_\(block.name)")
                case .blockStart, .list, .loopHeader:
                    if block.labelIndex[label] != nil {
                        throw error(.duplicateLabel, line: line, column: col(p), "label _\(label) appears twice in data_\(block.name)")
                    }
                    block.appendColumn(label, StarColumn(shared: shared, cells: []))
                    if mode == .loopHeader { break }
                    mode = .list
                    var q = e
                    while q < n && StarParser.isBlank(b[q]) { q += 1 }
                    if q == n || b[q] == 10 {
                        throw error(.missingValue, line: line, column: col(q), "label _\(label) in list block data_\(block.name) has no value")
                    }
                    let (cell, end) = try token(b, q, line: line, lineStart: lineStart)
                    listCells.append(cell)
                    var r = end
                    while r < n && StarParser.isBlank(b[r]) { r += 1 }
                    if r < n && b[r] != 10 && b[r] != UInt8(ascii: "#") {
                        throw error(.wrongFieldCount, line: line, column: col(r),
                                    "list item _\(label) has more than one value; quote values that contain spaces")
                    }
                }
            } else {
                switch mode {
                case .loopHeader where !block.labelNames.isEmpty:
                    let (cols, rows, end, endLine) = try scanRows(b, from: lineStart, line: line, labels: block.labelNames.count,
                                                                  block: block.name)
                    for i in cols.indices { block.columns[i] = StarColumn(shared: shared, cells: cols[i]) }
                    block.rows = rows
                    mode = .loopDone
                    pos = end
                    line = endLine
                    continue
                case .none:
                    throw error(.valueBeforeLabel, line: line, column: col(p), "value before any data_ block")
                case .loopDone:
                    throw error(.valueBeforeLabel, line: line, column: col(p),
                                "value after the end of the loop in data_\(block.name) (a blank line ends a loop)")
                default:
                    throw error(.valueBeforeLabel, line: line, column: col(p), "value before any label in data_\(block.name)")
                }
            }
            // next line
            if p < n, let nl = memchr(b.baseAddress! + p, 10, n - p) {
                pos = b.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                pos = n
            }
            line += 1
        }
        finishBlock()
        return StarDocument(blocks: blocks)
    }

    /// One value starting at `p` (not blank): returns the packed cell and the index after the token.
    @inline(__always)
    private func token(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, line: Int, lineStart: Int) throws(StarError) -> (UInt64, Int) {
        let n = b.count
        let c = b[p]
        var cell: UInt64
        var e: Int
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            e = p + 1
            while e < n && b[e] != 10 {
                if b[e] == c && (e + 1 == n || b[e + 1] <= 32) { break }
                e += 1
            }
            if e >= n || b[e] != c {
                throw error(.unterminatedQuote, line: line, column: p - lineStart + 1,
                            "quote \(c == 34 ? "\"" : "'") is not closed on this line")
            }
            cell = StarColumn.pack(start: p + 1, length: e - p - 1, check: true, local: false)
            e += 1
        } else {
            e = p + 1
            while e < n && b[e] > 32 { e += 1 }
            var check = false
            if c == UInt8(ascii: "[") && b[e - 1] != UInt8(ascii: "]") {
                var k = e
                while k < n && b[k] != 10 && b[k] != UInt8(ascii: "]") { k += 1 }
                if k < n && b[k] == UInt8(ascii: "]") { e = k + 1; check = true }
            }
            cell = StarColumn.pack(start: p, length: e - p, check: check, local: false)
        }
        if e - p > StarColumn.maxCellLength {
            throw error(.cellTooLong, line: line, column: p - lineStart + 1, "value longer than 4 MiB")
        }
        return (cell, e)
    }

    /// Scans loop rows from `from` (a line start) until a blank line, `data_`, a label/`loop_` line or
    /// the end. Returns column-major cells, the row count, the index of the stopping line and its number.
    private func scanRows(_ b: UnsafeBufferPointer<UInt8>, from: Int, line firstLine: Int, labels ncols: Int,
                          block: String) throws(StarError) -> ([[UInt64]], Int, Int, Int) {
        let n = b.count
        let base = b.baseAddress!
        // Pass 1: count candidate row lines.
        var capacity = 0
        var q = from
        while q < n {
            var p = q
            while p < n && StarParser.isBlank(b[p]) { p += 1 }
            if p == n || b[p] == 10 || b[p] == UInt8(ascii: "_") || StarParser.isKeyword(b, p) { break }
            if b[p] != UInt8(ascii: "#") { capacity += 1 }
            if let nl = memchr(base + p, 10, n - p) {
                q = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                q = n
            }
        }
        let buffers = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>.allocate(capacity: ncols)
        for c in 0 ..< ncols { buffers[c] = .allocate(capacity: max(capacity, 1)) }
        defer {
            for c in 0 ..< ncols { buffers[c].deallocate() }
            buffers.deallocate()
        }
        // Pass 2: tokenise.
        var rows = 0
        var line = firstLine
        var pos = from
        while pos < n {
            let lineStart = pos
            var p = pos
            while p < n && StarParser.isBlank(b[p]) { p += 1 }
            if p == n || b[p] == 10 || b[p] == UInt8(ascii: "_") || StarParser.isKeyword(b, p) { break }
            if b[p] != UInt8(ascii: "#") {
                for c in 0 ..< ncols {
                    while p < n && StarParser.isBlank(b[p]) { p += 1 }
                    if p == n || b[p] == 10 {
                        throw error(.wrongFieldCount, line: line, column: p - lineStart + 1,
                                    "row has \(c) values; data_\(block) has \(ncols) labels")
                    }
                    let ch = b[p]
                    if ch == 34 || ch == 39 || ch == 91 {   // " ' [
                        let (cell, e) = try token(b, p, line: line, lineStart: lineStart)
                        buffers[c][rows] = cell
                        p = e
                    } else {
                        var e = p + 1
                        while e < n && b[e] > 32 { e += 1 }
                        if e - p > StarColumn.maxCellLength {
                            throw error(.cellTooLong, line: line, column: p - lineStart + 1, "value longer than 4 MiB")
                        }
                        buffers[c][rows] = UInt64(truncatingIfNeeded: p) | (UInt64(truncatingIfNeeded: e - p) << StarColumn.lengthShift)
                        p = e
                    }
                }
                while p < n && StarParser.isBlank(b[p]) { p += 1 }
                if p < n && b[p] != 10 {
                    throw error(.wrongFieldCount, line: line, column: p - lineStart + 1,
                                "row has more than \(ncols) values; data_\(block) has \(ncols) labels")
                }
                rows += 1
            }
            if p < n, let nl = memchr(base + p, 10, n - p) {
                pos = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                pos = n
            }
            line += 1
        }
        var cols: [[UInt64]] = []
        cols.reserveCapacity(ncols)
        for c in 0 ..< ncols { cols.append(Array(UnsafeBufferPointer(start: buffers[c], count: rows))) }
        return (cols, rows, pos, line)
    }
}
