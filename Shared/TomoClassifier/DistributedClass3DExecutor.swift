import TomoClass3D
import TomoRefine
import TomoTransport
import TomoWire

/// Runs each Class3D iteration's E-step on a pool of `aligner` workers (``AlignerOperations``),
/// and the M-step here: the ``Class3DExecutor`` a ``ClassifierServer`` gives its jobs, usable on
/// its own in tests.
///
/// Per iteration it encodes the engine's `IterationState` once (served by `class3d.state`),
/// enqueues one `class3d.estep` task per batch (key: run, iteration, batch; payload: the batch's
/// poses) and adds the returned `BatchSums` in batch order (``BatchReduction``; duplicates are
/// ignored), so the result is bit-identical to ``InProcessClass3DExecutor`` whatever the number
/// of aligners or the order of results. Placement is sticky and strict: from the second
/// iteration on a batch waits for the aligner that computed it last (which caches its images,
/// fetched once with `class3d.images`) for as long as that aligner is registered; when it
/// leaves, anyone takes the batch. A batch parked as poison fails the iteration.
public final class DistributedClass3DExecutor: Class3DExecutor {
    let core: DispatchCore
    let loop: CoordinatorLoop

    /// Binds a coordinator ROUTER to `endpoint` for aligners to connect to.
    /// - Throws: `ZMQError` when the socket cannot be created or bound.
    public convenience init(context: ZMQContext, bindTo endpoint: String,
                            configuration: ClassifierServer.Configuration = .init()) throws {
        try self.init(context: context, bindTo: endpoint, configuration: configuration, requests: { _, _ in nil })
    }

    /// As the public init; `requests` answers REQUEST methods other than `class3d.state` and
    /// `class3d.images` (nil: ERROR 404).
    init(context: ZMQContext, bindTo endpoint: String, configuration: ClassifierServer.Configuration,
         requests: @escaping @Sendable (Message, WorkerID) -> Message?) throws {
        let core = DispatchCore()
        self.core = core
        let hooks = CoordinatorLoop.Hooks(
            onResult: { core.onResult($0) },
            onRequest: { m, peer in
                if let reply = core.onRequest(m) ?? requests(m, peer) { return reply }
                let method = if case .request(let r) = m.body { r.method } else { "\(m.command)" }
                return m.errorReply(.notFound, "the classifier serves no method \(method)")
            },
            onEvents: { core.onEvents($0) })
        let c = configuration
        loop = try CoordinatorLoop(
            context: context, bindTo: endpoint,
            configuration: .init(heartbeat: .init(interval: c.heartbeatInterval, liveness: c.liveness),
                                 ledger: .init(leaseDuration: c.leaseDuration), security: c.security),
            hooks: hooks)
    }

    /// The bound endpoint (with `*` ports resolved).
    public var endpoint: String { loop.endpoint }

    /// Aligners currently registered.
    public var workers: Int { core.state.withLock { $0.workers.count } }

    /// `class3d.images` replies served in the current run.
    public var imagesSent: Int { core.state.withLock { $0.imagesSent } }

    /// Worker names (from READY) that computed each batch, per iteration of the current run.
    public var placements: [Int: [String]] { core.state.withLock { $0.placements } }

    /// The current run id (the `job` of its task keys and parameters; 0 before the first).
    public var run: UInt64 { core.state.withLock { $0.run } }

    /// Starts a new run (a new engine): forgets cached state, images and placements.
    /// ``iterate(_:progress:)`` starts one by itself when none was started or when the engine
    /// does not continue the run's last iteration (another engine, or a retried iteration).
    @discardableResult
    public func beginRun() -> UInt64 { core.beginRun() }

    /// Cancels the current run: its waiting iteration throws ``ClassifierError`` with `reason`,
    /// and its unfinished tasks are withdrawn.
    public func cancel(reason: String) {
        let run = core.cancel(reason)
        if run != 0 { loop.withdraw(job: run) }
    }

    /// Cancels any running iteration ("classifier stopped"), tells every aligner DISCONNECT and
    /// closes the socket.
    public func stop() {
        cancel(reason: "classifier stopped")
        _ = loop.stop()
    }

    /// Runs one iteration of `engine` on the aligners, calling `progress` after every batch.
    /// - Throws: ``ClassifierError`` when the run was cancelled, a batch was poisoned or a
    ///   result does not decode; `RefinementError` from the M-step.
    public func iterate(_ engine: inout ClassificationEngine,
                        progress: @escaping @Sendable (RefinementProgress) -> Void) async throws {
        let snapshot = engine
        let state = engine.nextIterationState()
        let it = state.iteration
        let n = engine.batchCount
        let payload = try ByteBlob.payload(state.encoded())
        let (stream, sink) = AsyncStream<DispatchCore.Delivery>.makeStream()
        let (run, preferred) = try core.state.withLock { s throws(ClassifierError) -> (UInt64, [Int: WorkerID]) in
            // no run yet, or an engine that does not continue the run's last iteration: a new run
            if s.run == 0 || (s.iteration != 0 && s.iteration != it - 1) { DispatchCore.beginRun(&s) }
            if let why = s.cancelled { throw ClassifierError(.stale, why) }
            if s.snapshot == nil { s.snapshot = snapshot }
            s.iteration = it
            s.statePayload = payload
            if case .tile(let t) = payload { s.stateBytes = Int(t.descriptor.tileID) }
            s.sink = sink
            return (s.run, s.preferred)
        }
        defer {
            core.state.withLock { s in if s.run == run { s.sink = nil } }
            sink.finish()
        }
        var tasks: [TaskDescriptor] = []
        for b in 0..<n {
            let params = "{\"batch\":\(b),\"iteration\":\(it),\"job\":\(run)}"
            let poses = try ByteBlob.payload(engine.batchPoses(b).encoded())
            tasks.append(TaskDescriptor(key: TaskKey(job: run, iteration: UInt32(it), task: UInt64(b)),
                                        work: TaskWork(operation: AlignerOperation.expectation, parametersJSON: params,
                                                       payloads: [poses]),
                                        preferredWorker: preferred[b], preferredOnly: true))
        }
        let prepared = PreparedIteration(state)
        loop.enqueue(tasks)

        var reduction = BatchReduction(batchCount: n)
        var names = [String](repeating: "", count: n)
        var workers: [Int: WorkerID] = [:]
        var done = 0
        let total = engine.particles.count
        for await delivery in stream {
            switch delivery {
            case .result(let b, let worker, let name, let payloads):
                guard b >= 0 && b < n, workers[b] == nil else { continue }
                let what = "class3d.estep result for batch \(b) of iteration \(it) from \(name)"
                let sums: BatchSums
                do { sums = try BatchSums(decoding: try ByteBlob.first(payloads, what: what)) } catch let e as ClassifierError {
                    throw e
                } catch {
                    throw ClassifierError(.malformed, "\(what): \(error)")
                }
                guard sums.batch == b, reduction.add(sums) else {
                    throw ClassifierError(.malformed, "\(what): holds the sums of batch \(sums.batch)")
                }
                workers[b] = worker
                names[b] = name
                done += engine.batchRange(b).count
                progress(RefinementProgress(iteration: it, particlesDone: done, particleCount: total))
            case .poisoned(let b, let reason):
                throw ClassifierError(.internalError, "batch \(b) of iteration \(it) was given up: \(reason)")
            case .cancelled(let reason):
                throw ClassifierError(.stale, reason)
            }
            if reduction.isComplete { break }
        }
        guard let sums = reduction.result else {
            throw ClassifierError(.stale, "iteration \(it) was interrupted after \(reduction.added) of \(n) batches")
        }
        core.state.withLock { s in
            guard s.run == run else { return }
            for (b, w) in workers { s.preferred[b] = w }
            s.placements[it] = names
        }
        try engine.maximise(sums, context: prepared)
    }
}
