/// A plain-text table: a header row and data rows, columns left-aligned and separated by two
/// spaces, trailing spaces trimmed.
public enum TextTable {
    /// Renders `rows` under `header`, one line each, ending with a newline.
    public static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (i, c) in cells.enumerated() {
                s += i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count + 2)
            }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The `monitor jobs` table: id, process, type, status, progress, created, started, finished.
    public static func jobs(_ jobs: [JobSummary]) -> String {
        render(header: ["ID", "PROCESS", "TYPE", "STATUS", "PROGRESS", "CREATED", "STARTED", "FINISHED"],
               rows: jobs.map { j in
                   [j.id, j.process, j.type, j.status,
                    j.progress.map { "\(Int(($0 * 100).rounded(.down)))%" } ?? "-",
                    j.created ?? "-", j.started ?? "-", j.finished ?? "-"]
               })
    }
}
