import ArgumentParser
import Foundation
import TomoSTAR

/// `sta printtable FILE BLOCK [LABEL…]`, as `relion_star_printtable` (spec §9).
struct PrintTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printtable",
        abstract: "Print the rows of a STAR loop table, or chosen columns of it.",
        discussion: """
        Prints what relion_star_printtable prints: with no labels, the data rows of the loop table \
        verbatim; with labels, the requested columns of each row in the requested order, separated \
        by single spaces. BLOCK may be given with or without the data_ prefix and labels with or \
        without the leading underscore. Only loop tables are printed (list blocks such as \
        data_model_general print nothing, as in RELION). Unlike RELION, a missing block or label is \
        an error rather than empty output.
        """)

    @Argument(help: "The STAR file.") var file: String
    @Argument(help: "The table, e.g. data_model_classes or model_classes.") var block: String
    @Argument(help: "Labels to print, e.g. rlnClassDistribution.") var labels: [String] = []

    func run() throws {
        let name = block.hasPrefix("data_") ? String(block.dropFirst(5)) : block
        let wanted = labels.map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 }
        let lines = try StarPrintTable.rows(path: file, block: name, labels: wanted)
        if !lines.isEmpty { print(lines.joined(separator: "\n")) }
    }
}
