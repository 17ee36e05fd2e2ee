import ArgumentParser
import Foundation
import TomoMRC
import TomoRelion
import TomoSTAR

/// `sta info FILE`: what a STAR or MRC file holds.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise a STAR file (blocks, rows, labels) or an MRC file (mode, size, voxel size, statistics).",
        discussion: """
        For a STAR file: every block with its form (loop or list), row count and labels; when the \
        file is a RELION tomogram set (data_global with rlnTomoName) or particle set, also a summary \
        of the tomography project (tilt series, tilts, doses, defoci, particles). For an MRC file \
        (.mrc, .mrcs, .map, .st, .rec): mode, dimensions, voxel size, origin, min/max/mean/rms.
        """)

    @Argument(help: "A .star, .mrc, .mrcs or .map file.") var file: String
    @Option(help: "Project directory that relative paths in a tomogram set refer to (default: found from the file's location).")
    var project: String?

    func run() throws {
        let lower = file.lowercased()
        if lower.hasSuffix(".star") {
            print(try STARSummary.describe(path: file, projectDirectory: project))
        } else {
            print(try MRCSummary.describe(path: file))
        }
    }
}
