import ArgumentParser
import Foundation
import TomoClass3D
import TomoRefine

/// `sta class3d`: RELION's 3D classification (`relion_refine` Class3D), in this process.
struct Class3DCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class3d",
        abstract: "3D classification with or without alignment, as relion_refine (Class3D) on tomographic particles.",
        discussion: """
        Takes relion_refine's flags unchanged (the GUI's Class3D command lines run as they are with \
        `sta class3d` in place of `relion_refine_mpi`): --i/--tomograms or --ios, --ref, --o, --K, \
        --iter, --skip_align, --continue run_itNNN_optimiser.star, … Compute-only flags (--gpu, \
        --pool, --dont_combine_weights_via_disc, --preread_images, --scratch_dir) are accepted and \
        ignored with a note. Writes <o>_itNNN_{data,model,optimiser,sampling,optimisation_set}.star, \
        _classKKK.mrc, _classes.png and <o>_convergence.png after every iteration (and it000). \
        Paths are relative to the current directory (the project), or to --project_dir.
        """)

    @Option(name: .customLong("project_dir"), help: "Project directory (default: the current directory).")
    var projectDirectory: String?

    @Argument(parsing: .allUnrecognized, help: "relion_refine flags, e.g. --o Class3D/job013/run --K 6 …")
    var flags: [String] = []

    func run() async throws {
        let options = try Class3DArguments.parse(flags)
        for n in options.notes { print(n) }
        var job = try Class3DJob(options: options, projectDirectory: projectDirectory ?? ".")
        print("class3d: \(job.engine.particles.count) particles, box \(job.engine.boxSize), \(job.engine.pixelSize) Å/px, "
              + "K = \(job.options.refinement.classCount), iterations \(job.engine.iteration + 1)…\(job.options.refinement.iterations)")
        try await job.run(sink: PrintSink())
    }
}

/// Prints one line per iteration and a percentage every tenth of the particles.
struct PrintSink: Class3DProgressSink {
    func particles(_ p: RefinementProgress) {
        let tenth = max(1, p.particleCount / 10)
        if p.particlesDone % tenth < 8 || p.particlesDone == p.particleCount {
            print("  iteration \(p.iteration): \(p.particlesDone)/\(p.particleCount) particles")
        }
    }

    func iteration(_ s: Class3DIterationSummary) { print(s.line) }
}
