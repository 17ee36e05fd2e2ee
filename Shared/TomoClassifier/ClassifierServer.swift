import Foundation
import Synchronization
import TomoClass3D
import TomoCluster
import TomoRefine
import TomoTransport
import TomoWire

/// The `classifier` service: one coordinator ROUTER that serves `class3d.*` REQUESTs
/// (``ClassifierMethod``) and dispatches `class3d.estep` tasks to the aligners that connect to it.
///
/// Jobs run one at a time, first submitted first, on a background task:
/// `Class3DJob(options: Class3DArguments.parse(flags), projectDirectory: project)` run with a
/// ``DistributedClass3DExecutor``. Each writes RELION's files per iteration into its project,
/// and, when the submission names an event bus, publishes `job.<id>.state` (`running`, then
/// `succeeded`, `failed` or `cancelled`), `job.<id>.progress` (stage `iteration N`, particles
/// done/total) and `job.<id>.iteration`. A job that throws fails with the error's text; the
/// server goes on with the next.
public final class ClassifierServer: Sendable {
    /// Liveness, lease and security of the coordinator socket.
    public struct Configuration: Sendable {
        /// Heartbeat interval to aligners (default 500 ms).
        public var heartbeatInterval: Duration
        /// Intervals of silence after which an aligner is lost and its batches re-queued (default 3).
        public var liveness: Int
        /// Lease of one task without heartbeats (default 60 s).
        public var leaseDuration: Duration
        /// CURVE server settings (default `.off`).
        public var security: CurveSecurity

        /// A configuration.
        public init(heartbeatInterval: Duration = .milliseconds(500), liveness: Int = 3,
                    leaseDuration: Duration = .seconds(60), security: CurveSecurity = .off) {
            self.heartbeatInterval = heartbeatInterval
            self.liveness = liveness
            self.leaseDuration = leaseDuration
            self.security = security
        }
    }

    let executor: DistributedClass3DExecutor
    let board: JobBoard
    private let runner: Task<Void, Never>

    /// Binds to `endpoint` and starts serving.
    /// - Throws: `ZMQError` when the socket cannot be created or bound.
    public init(context: ZMQContext, bindTo endpoint: String, configuration: Configuration = .init()) throws {
        let board = JobBoard()
        self.board = board
        let executor = try DistributedClass3DExecutor(context: context, bindTo: endpoint, configuration: configuration,
                                                      requests: { m, _ in board.onRequest(m) })
        self.executor = executor
        board.executor.withLock { $0 = executor }
        runner = Task.detached {
            for await submission in board.queue {
                await Self.run(submission, board: board, executor: executor)
            }
        }
    }

    /// The bound endpoint (with `*` ports resolved).
    public var endpoint: String { executor.endpoint }

    /// Aligners currently registered.
    public var workers: Int { executor.workers }

    /// Cancels the running job (it fails with "classifier stopped") and every queued one, tells
    /// the aligners DISCONNECT and closes the socket.
    public func stop() {
        board.board.withLock { b in
            b.stopped = true
            for (job, s) in b.statuses where s.state == "queued" {
                b.statuses[job]!.state = "failed"
                b.statuses[job]!.message = "classifier stopped"
            }
        }
        board.enqueue.finish()
        executor.stop()
    }

    /// Runs one submission to its end, keeping its status current.
    static func run(_ sub: Class3DSubmission, board: JobBoard, executor: DistributedClass3DExecutor) async {
        let start = board.board.withLock { b -> Bool in
            guard !b.stopped, b.statuses[sub.job]?.state == "queued" else { return false }
            b.running = sub.job
            return true
        }
        guard start else { return }
        executor.beginRun()
        board.update(sub.job) { $0.state = "running" }
        let publisher = sub.events.flatMap { try? JobEventPublisher(job: sub.job, endpoint: $0) }
        publisher?.state("running")
        var final = "succeeded"
        var message: String?
        do {
            var job = try Class3DJob(options: try Class3DArguments.parse(sub.flags), projectDirectory: sub.project)
            let engine = job.engine
            board.update(sub.job) {
                $0.iterations = job.options.refinement.iterations
                $0.particles = engine.particles.count
                $0.batches = engine.batchCount
                $0.iteration = engine.iteration
            }
            try await job.run(executor: executor,
                              sink: StatusSink(job: sub.job, board: board, executor: executor, publisher: publisher))
        } catch {
            let (stopped, cancelled) = board.board.withLock { ($0.stopped, $0.cancelling.contains(sub.job)) }
            final = stopped ? "failed" : cancelled ? "cancelled" : "failed"
            message = stopped ? "classifier stopped" : cancelled ? "job \(sub.job) cancelled" : "\(error)"
        }
        publisher?.state(final, message: message)
        publisher?.close()                                  // flushed before the status says so
        board.board.withLock { b in
            b.running = nil
            b.cancelling.remove(sub.job)
            b.statuses[sub.job]?.state = final
            b.statuses[sub.job]?.message = message
            b.statuses[sub.job]?.imagesSent = executor.imagesSent
        }
    }
}

/// Keeps a running job's status current and forwards it to the event bus.
struct StatusSink: Class3DProgressSink {
    let job: Int
    let board: JobBoard
    let executor: DistributedClass3DExecutor
    let publisher: JobEventPublisher?

    func particles(_ p: RefinementProgress) {
        let sent = executor.imagesSent
        board.update(job) {
            $0.particlesDone = p.particlesDone
            $0.imagesSent = sent
        }
        publisher?.progress(stage: "iteration \(p.iteration)", done: p.particlesDone, total: p.particleCount)
    }

    func iteration(_ s: Class3DIterationSummary) {
        board.update(job) {
            $0.iteration = s.iteration
            $0.lines.append(s.line)
            $0.outputs = s.files
        }
        publisher?.iteration(s.iteration, resolutionA: s.resolution, changeOrientationDeg: s.changesOrientations,
                             changeOffsetA: s.changesOffsets, changeClasses: s.changesClasses,
                             classDistribution: s.classDistribution)
    }
}
