import Foundation

/// What `relion_star_printtable` prints (spec §9), as lines.
public enum StarPrintTable {
    /// Rows of the loop table `data_<block>` in the file at `path`.
    ///
    /// With no `labels`, the data rows exactly as written in the file (original spacing), as the
    /// awk script prints them; with labels, the values of those columns in that order separated
    /// by single spaces. A list (key–value) block prints nothing, as in RELION.
    /// - Throws: `StarError` for a syntax error, a missing block or a missing label (RELION's script
    ///   prints empty columns instead; a clear error is kinder).
    public static func rows(path: String, block: String, labels: [String]) throws -> [String] {
        if labels.isEmpty {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try verbatimRows(text: text, block: block, source: path)
        }
        let doc = try StarDocument.read(path: path)
        guard let table = doc[block] else {
            throw StarError(code: .missingBlock, file: path, line: 0, column: 0,
                            message: "no block data_\(block) (blocks: \(doc.blocks.map { "data_" + $0.name }.joined(separator: ", ")))")
        }
        guard table.isLoop else { return [] }
        var columns: [[String]] = []
        for label in labels {
            guard let c = table.column(label) else {
                throw StarError(code: .missingLabel, file: path, line: 0, column: 0,
                                message: "block data_\(block) has no label _\(label)")
            }
            columns.append(c)
        }
        return (0..<table.rowCount).map { r in columns.map { $0[r] }.joined(separator: " ") }
    }

    /// The awk script's scan: the line whose first field is `data_<block>`, then `loop_`, then
    /// the rows after the `_label` lines until a line shorter than 2 characters or the next `data_`.
    static func verbatimRows(text: String, block: String, source: String) throws -> [String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let header = "data_" + block
        guard let start = lines.firstIndex(where: { $0.split(separator: " ").first.map(String.init) == header }) else {
            throw StarError(code: .missingBlock, file: source, line: 0, column: 0, message: "no block \(header)")
        }
        var out: [String] = []
        var inLoop = false
        for line in lines[(start + 1)...] {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix("data_") { break }
            if !inLoop {
                if trimmed.hasPrefix("loop_") { inLoop = true }
                else if trimmed.hasPrefix("_") { return [] }   // a list block: nothing to print
                continue
            }
            if trimmed.hasPrefix("_") { continue }
            if line.count < 2 {
                if out.isEmpty { continue }   // blank lines before the first row
                break
            }
            out.append(line)
        }
        return out
    }
}
