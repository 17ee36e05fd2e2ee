import ArgumentParser
import Foundation
import TomoClass3D
import TomoCluster
import TomoProject
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

        Without --o, or with --o inside Class3D/jobNNN/, the run is registered in the project as \
        the next job (Class3D/jobNNN/ from the project's job counter, job.star, note.txt, exit \
        marker, default_pipeline.star with its output nodes). Events (job.<id>.state, .progress \
        per iteration, .iteration) go to --events, else to the project's running local cluster, \
        so `monitor follow <id>` shows them.
        """)

    @Option(name: .customLong("project_dir"), help: "Project directory (default: the current directory).")
    var projectDirectory: String?

    @Option(name: .customLong("events"), help: "Event bus endpoint (default: the project's running local cluster, if any).")
    var events: String?

    @Argument(parsing: .allUnrecognized, help: "relion_refine flags, e.g. --o Class3D/job013/run --K 6 …")
    var flags: [String] = []

    func run() async throws {
        var options = try Class3DArguments.parse(flags)
        for n in options.notes { print(n) }
        let dir = projectDirectory ?? FileManager.default.currentDirectoryPath
        var registration: ProjectJobRegistration?
        if options.continueFrom == nil, ProjectJobRegistration.wantsJob(output: options.outputRoot, directory: "Class3D") {
            let inputs = [options.optimisationSetFile, options.particlesFile, options.tomogramsFile, options.referenceFile]
                .compactMap { $0 }
            let r = try ProjectJobRegistration(type: .class3D, root: dir, parameters: ["command": flags.joined(separator: " ")],
                                               inputs: inputs)
            let root = r.output(replacing: options.outputRoot, leaf: "run")
            if let given = options.outputRoot, !given.hasPrefix(r.job.processName) {
                print("note: --o \(given) is not the project's next job; writing \(root)")
            }
            options.outputRoot = root
            registration = r
        }
        let publisher = registration.flatMap { r in
            JobEventPublisher.endpoint(explicit: events, project: URL(fileURLWithPath: dir)).flatMap {
                try? JobEventPublisher(job: r.job.id, endpoint: $0)
            }
        }
        if let r = registration {
            print("class3d: job \(r.job.id) (\(r.job.processName))" + (publisher.map { ", events to \($0.endpoint)" } ?? ""))
        }
        publisher?.state("running")
        do {
            var job = try Class3DJob(options: options, projectDirectory: projectDirectory ?? ".")
            print("class3d: \(job.engine.particles.count) particles, box \(job.engine.boxSize), \(job.engine.pixelSize) Å/px, "
                  + "K = \(job.options.refinement.classCount), iterations \(job.engine.iteration + 1)…\(job.options.refinement.iterations)")
            try await job.run(sink: Class3DEventSink(print: PrintSink(), publisher: publisher))
            try registration?.add(Class3DEventSink.outputs(job.names(job.engine.iteration), classes: job.engine.classes.count))
            registration?.finish(error: nil)
            publisher?.state("succeeded")
        } catch {
            registration?.finish(error: error)
            publisher?.state("failed", message: "\(error)")
            publisher?.close()
            throw error
        }
        publisher?.close()
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
