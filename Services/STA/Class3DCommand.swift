import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import TomoClass3D
import TomoClassifier
import TomoCluster
import TomoProject
import TomoRefine
import TomoRefineFiles
import TomoTransport

/// `sta class3d`: RELION's 3D classification (`relion_refine` Class3D), on a classifier and its
/// aligners (default) or in this process (`--in_process`).
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

        By default the job runs on a classifier (docs/protocol.md, Appendix C): --classifier, else \
        STA_CLASSIFIER, else the project's running local cluster, else a local cluster started now \
        (stop it with `sta down`). The classifier reads and writes the project directory itself \
        (--classifier_project when it sees it under another path) and its aligners run the E-step; \
        the results are the same as --in_process, whatever the number of aligners. sta polls the \
        job and prints the iteration lines and the particles done.

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

    @Flag(name: [.customLong("in_process"), .customLong("in-process")], help: "Run in this process instead of on a classifier.")
    var inProcess = false

    @Option(name: .customLong("classifier"), help: "Classifier endpoint (env STA_CLASSIFIER; default: the project's local cluster).")
    var classifier: String?

    @Option(name: .customLong("classifier_project"),
            help: "The project directory as the classifier sees it (default: this project's absolute path).")
    var classifierProject: String?

    @Option(name: .customLong("keys"), help: "CURVE key directory for the classifier connection (env STA_KEYS).")
    var keys: String?

    @Argument(parsing: .allUnrecognized, help: "relion_refine flags, e.g. --o Class3D/job013/run --K 6 …")
    var flags: [String] = []

    func run() async throws {
        var options = try Class3DArguments.parse(flags)
        for n in options.notes { print(n) }
        let dir = projectDirectory ?? FileManager.default.currentDirectoryPath
        let project = URL(fileURLWithPath: dir).standardizedFileURL
        let cluster = try inProcess ? nil : ClusterJob.classifierEndpoint(explicit: classifier, project: project)
        if let cluster, cluster.started { print("started the local cluster of \(project.path) (stop it with `sta down`)") }
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
        let bus = registration.flatMap { _ in JobEventPublisher.endpoint(explicit: events, project: project) }
        if let r = registration {
            print("class3d: job \(r.job.id) (\(r.job.processName))" + (bus.map { ", events to \($0)" } ?? ""))
        }
        if let cluster {
            try runOnClassifier(cluster.endpoint, options: options, project: project, registration: registration, bus: bus)
        } else {
            try await runInProcess(options: options, registration: registration, bus: bus)
        }
    }

    /// Today's path: the whole job in this process, events published from here.
    func runInProcess(options: Class3DOptions, registration: ProjectJobRegistration?, bus: String?) async throws {
        let publisher = registration.flatMap { r in bus.flatMap { try? JobEventPublisher(job: r.job.id, endpoint: $0) } }
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

    /// The cluster path: `class3d.submit` to the classifier (which publishes the job's events),
    /// then `class3d.get` every 250 ms, printing new iteration lines and the particles done.
    func runOnClassifier(_ endpoint: String, options: Class3DOptions, project: URL, registration given: ProjectJobRegistration?,
                         bus: String?) throws {
        var registration = given
        let submission = Class3DSubmission(project: classifierProject ?? project.path,
                                           flags: Self.flags(flags, outputRoot: registration == nil ? nil : options.outputRoot),
                                           job: registration?.job.id ?? 0, events: registration == nil ? nil : bus)
        do {
            let context = try ZMQContext()
            let client = try RequestClient(context: context, endpoint: endpoint,
                                           security: try ClusterJob.security(connectingTo: endpoint, keys: keys))
            let interrupts = Interrupts.watch()
            var status = try ClassifierClient.submit(client, submission)
            print("class3d: submitted to the classifier at \(endpoint)")
            fflush(nil)
            status = try Self.follow(client, status, interrupts: interrupts)
            if status.state == "cancelled", let r = registration {
                _ = try? r.project.cancel(r.job.id, reason: status.message)   // RELION_JOB_EXIT_ABORTED
                registration = nil
            }
            guard status.state == "succeeded" else {
                throw ClusterError("class3d job \(status.job) \(status.state) on the classifier: \(status.message ?? "no message")")
            }
            if let r = registration, let root = options.outputRoot {
                try r.add(Class3DEventSink.outputs(RefineFileNames(root: root, iteration: status.iteration),
                                                   classes: options.refinement.classCount))
            }
            registration?.finish(error: nil)
        } catch {
            registration?.finish(error: error)
            throw error
        }
    }

    /// `flags` with `--o` set to `outputRoot` (replaced, or appended when absent); unchanged for nil.
    static func flags(_ flags: [String], outputRoot: String?) -> [String] {
        guard let outputRoot else { return flags }
        var f = flags
        if let i = f.firstIndex(of: "--o"), i + 1 < f.count { f[i + 1] = outputRoot } else { f += ["--o", outputRoot] }
        return f
    }

    /// Polls `class3d.get` until the job ends, printing each new iteration line and the particles
    /// done of the running iteration every tenth; the classifier must answer within `silence`.
    /// The first Ctrl-C asks the classifier to cancel the job (`class3d.cancel`) and keeps
    /// following it to its end; a second one exits at once (status 130).
    static func follow(_ client: RequestClient, _ first: Class3DJobStatus, interrupts: Interrupts,
                       interval: Duration = .milliseconds(250), silence: Duration = .seconds(60)) throws -> Class3DJobStatus {
        var status = first, printedLines = 0, lastTenth = -1, described = false, cancelling = false
        var lastHeard = ContinuousClock.now
        while true {
            defer { fflush(nil) }   // progress lines as they come, also through a pipe (`| tee`)
            if interrupts.count > 0, !cancelling {
                print("class3d: interrupted; cancelling job \(status.job) on the classifier (Ctrl-C again to leave it running)")
                _ = try? ClassifierClient.cancel(client, job: status.job)
                cancelling = true
            }
            if !described, status.particles > 0 {
                print("class3d: \(status.particles) particles, \(status.batches) batches, iterations …\(status.iterations)")
                described = true
            }
            if status.particles > 0, status.state == "running" {
                let tenth = status.particlesDone * 10 / status.particles
                if tenth != lastTenth, status.particlesDone > 0 {
                    print("  iteration \(status.iteration + 1): \(status.particlesDone)/\(status.particles) particles "
                          + "(\(status.particlesDone * 100 / status.particles)%)")
                }
                lastTenth = tenth
            }
            for line in status.lines.dropFirst(printedLines) { print(line) }
            printedLines = max(printedLines, status.lines.count)
            if ["succeeded", "failed", "cancelled"].contains(status.state) { return status }
            Thread.sleep(forTimeInterval: Double(interval / .milliseconds(1)) / 1000)
            do {
                status = try ClassifierClient.status(client, job: status.job)
                lastHeard = .now
            } catch let e as RequestError where e.code == nil {
                if ContinuousClock.now - lastHeard > silence { throw ClusterError("the classifier has not answered for \(silence)") }
            }
        }
    }
}

/// Counts SIGINTs while `sta class3d` follows a job on a classifier: the first is handled by the
/// follow loop (cancel the job), the second exits with status 130.
final class Interrupts: @unchecked Sendable {
    private let seen = Mutex(0)
    /// Kept alive while following (set once in `watch`, then only read by Dispatch).
    private var source: (any DispatchSourceSignal)?

    /// SIGINTs received so far.
    var count: Int { seen.withLock { $0 } }

    /// Starts counting (SIGINT no longer ends the process by itself).
    static func watch() -> Interrupts {
        let i = Interrupts()
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            if i.seen.withLock({ $0 += 1; return $0 }) > 1 { exit(130) }
        }
        s.resume()
        i.source = s
        return i
    }
}

/// Prints one line per iteration and a percentage every tenth of the particles.
struct PrintSink: Class3DProgressSink {
    func particles(_ p: RefinementProgress) {
        let tenth = max(1, p.particleCount / 10)
        if p.particlesDone % tenth < 8 || p.particlesDone == p.particleCount {
            print("  iteration \(p.iteration): \(p.particlesDone)/\(p.particleCount) particles")
            fflush(nil)
        }
    }

    func iteration(_ s: Class3DIterationSummary) {
        print(s.line)
        fflush(nil)
    }
}
