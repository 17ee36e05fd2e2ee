import Foundation
import TomoSTAR

extension RefineOptimiser {
    /// The header comment lines, without `# `: `RELION optimiser; version …` and the command line.
    public var headerLines: [String] { ["RELION optimiser; version \(relionVersion)", commandLine] }

    /// `data_optimiser_general`: every RELION 5 label in write order, then ``otherValues``.
    public var block: StarBlock {
        var entries: [(String, StarValue)] = []
        for l in Self.labels { if let v = self[l] { entries.append((l, v)) } }
        var b = ListBlock.make("optimiser_general", entries)
        for (l, v) in otherValues { b.setColumn(l, [v]) }
        return b
    }

    /// The file text exactly as written: the two header comment lines, then the block.
    public var fileText: String {
        String(decoding: RefineStarIO.header(headerLines) + StarDocument(blocks: [block]).serializedBytes(), as: UTF8.self)
    }

    /// Writes the optimiser file (header lines and block) to `path` atomically.
    public func write(to path: String) throws(RefineFilesError) {
        try RefineStarIO.write(StarDocument(blocks: [block]), to: path, headerLines: headerLines)
    }

    /// Reads an optimiser file written by RELION 3.1–5 or by ``write(to:)``. Labels absent from
    /// the file hold RELION's defaults; labels RELION 5 does not write go to ``otherValues``.
    public static func read(path: String) throws(RefineFilesError) -> RefineOptimiser {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RefineFilesError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try RefineOptimiser(text: text, file: path)
    }

    /// Interprets optimiser file text (header comments and `data_optimiser_general`).
    public init(text: String, file: String) throws(RefineFilesError) {
        self.init()
        var comments: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("data_") { break }
            if line.hasPrefix("# ") && !line.hasPrefix("# version ") { comments.append(String(line.dropFirst(2))) }
        }
        let marker = "RELION optimiser; version "
        if let i = comments.firstIndex(where: { $0.hasPrefix(marker) }) {
            relionVersion = String(comments[i].dropFirst(marker.count))
            commandLine = i + 1 < comments.count ? comments[i + 1].trimmingCharacters(in: .whitespaces) : ""
        } else {
            relionVersion = ""
            commandLine = ""
        }
        let doc: StarDocument
        do { doc = try StarDocument.parse(text, source: file) } catch {
            throw RefineFilesError(file: file, message: "cannot parse STAR: \(error)")
        }
        guard let b = doc["optimiser_general"], b.rowCount > 0 else {
            throw RefineFilesError(file: file, block: "optimiser_general", message: "block is missing; not an optimiser.star file")
        }
        let known = RefineOptimiserSchema.defaults
        for l in b.labels {
            let text = b.string(l, row: 0) ?? ""
            if let d = known[l] {
                guard let v = d.reparsed(text) else {
                    throw RefineFilesError(file: file, block: b.name, label: l, message: "'\(text)' does not parse as \(d)")
                }
                values[l] = v
            } else {
                otherValues.append((l, text))
            }
        }
    }
}
