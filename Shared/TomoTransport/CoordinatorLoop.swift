
/// The coordinator's socket shell: one ROUTER socket, owned by one dedicated thread, that feeds
/// a `TaskLedger` and a `HeartbeatStateMachine` and performs the actions they return.
///
/// Other threads reach it only through `enqueue`, `progress`, `waitUntilComplete` and `stop`
/// (a synchronous handshake that returns the final ledger). Workers connect; the coordinator
/// binds. Accepted results (`.accepted` or `.stale`) go to `onResult` exactly once per task key,
/// on the loop's thread. Messages use the TEMPORARY framing of `PlaceholderFraming.swift`.
public final class CoordinatorLoop: Sendable {
    /// Timing and ledger parameters.
    public struct Configuration: Sendable {
        /// Worker liveness: heartbeat interval and liveness (a worker silent for
        /// `interval × liveness` is lost and its tasks re-queued).
        public var heartbeat: HeartbeatStateMachine<WorkerID>.Configuration
        /// Lease duration, kill and failure limits.
        public var ledger: TaskLedger.Configuration
        /// Longest wait in `zmq_poll` before the loop looks at its inbox and timers (default 10 ms).
        public var pollMilliseconds: Int

        /// Parameters with the defaults of the parts.
        public init(heartbeat: HeartbeatStateMachine<WorkerID>.Configuration = .init(),
                    ledger: TaskLedger.Configuration = .init(), pollMilliseconds: Int = 10) {
            self.heartbeat = heartbeat
            self.ledger = ledger
            self.pollMilliseconds = pollMilliseconds
        }
    }

    private struct Shared: Sendable {
        var inbox: [TaskDescriptor] = []
        var progress = TaskLedger.Progress(queued: 0, leased: 0, done: 0, poisoned: 0)
        var events: [TaskLedger.Event] = []
        var stopRequested = false
    }

    /// The endpoint the ROUTER is bound to (with `*` ports resolved).
    public let endpoint: String
    private let shared = Locked(Shared())
    private let finished = Latch<TaskLedger>()

    /// Binds a ROUTER to `endpoint` on a new owner thread and starts serving.
    /// - Parameter security: CURVE server settings applied before binding (`.off`: none).
    /// - Throws: `ZMQError` when the socket cannot be created or bound.
    public init(context: ZMQContext, bindTo endpoint: String, configuration: Configuration = .init(),
                security: CurveSecurity = .off, clock: any TransportClock = SystemTransportClock(),
                onResult: @escaping @Sendable (TaskKey, [[UInt8]]) -> Void) throws(ZMQError) {
        let started = Latch<Result<String, ZMQError>>()
        let shared = self.shared
        let finished = self.finished
        startOwnerThread(name: "coordinator \(endpoint)") {
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .router)
                try security.apply(to: socket)
                try socket.bind(endpoint)
            } catch {
                started.fulfil(.failure(error as! ZMQError))
                return
            }
            started.fulfil(.success(socket.lastEndpoint))
            var engine = Engine(socket: socket, configuration: configuration, clock: clock,
                                shared: shared, onResult: onResult)
            finished.fulfil(engine.run())
        }
        switch started.wait()! {
        case .success(let bound): self.endpoint = bound
        case .failure(let e): throw e
        }
    }

    /// Hands tasks to the loop (they are enqueued on its next turn).
    public func enqueue(_ tasks: [TaskDescriptor]) {
        shared.withLock { $0.inbox += tasks }
    }

    /// The ledger's counts as of the loop's last turn.
    public var progress: TaskLedger.Progress { shared.withLock { $0.progress } }

    /// Ledger events so far (re-queues, poisonings, removed workers), oldest first.
    public var events: [TaskLedger.Event] { shared.withLock { $0.events } }

    /// Blocks until at least `total` tasks are done or poisoned, or `timeout` passes; returns
    /// whether they are.
    public func waitUntilSettled(total: Int, timeout: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let p = progress
            if p.done + p.poisoned >= total { return true }
            sleepThisThread(milliseconds: 5)
        }
        let p = progress
        return p.done + p.poisoned >= total
    }

    /// Stops the loop, closes the socket and returns the final ledger (synchronous handshake).
    public func stop() -> TaskLedger {
        shared.withLock { $0.stopRequested = true }
        return finished.wait()!
    }

    /// The loop itself; lives on the owner thread only.
    private struct Engine {
        let socket: ZMQSocket
        let configuration: Configuration
        let clock: any TransportClock
        let shared: Locked<Shared>
        let onResult: @Sendable (TaskKey, [[UInt8]]) -> Void
        var ledger: TaskLedger
        var liveness: HeartbeatStateMachine<WorkerID>
        var newEvents: [TaskLedger.Event] = []

        init(socket: ZMQSocket, configuration: Configuration, clock: any TransportClock, shared: Locked<Shared>,
             onResult: @escaping @Sendable (TaskKey, [[UInt8]]) -> Void) {
            self.socket = socket
            self.configuration = configuration
            self.clock = clock
            self.shared = shared
            self.onResult = onResult
            ledger = TaskLedger(configuration: configuration.ledger)
            liveness = HeartbeatStateMachine(configuration: configuration.heartbeat)
        }

        mutating func run() -> TaskLedger {
            while true {
                let (tasks, stop) = shared.withLock { s in
                    defer { s.inbox = [] }
                    return (s.inbox, s.stopRequested)
                }
                if stop { break }
                ledger.enqueue(contentsOf: tasks)
                var timeout = configuration.pollMilliseconds
                // read everything that is waiting, then do the timed work
                while let frames = try? socket.receive(timeoutMilliseconds: timeout) {
                    timeout = 0
                    handle(frames)
                }
                let now = clock.now
                for action in liveness.tick(at: now) {
                    switch action {
                    case .sendHeartbeat(let w): send(.heartbeat, to: w)
                    case .peerExpired(let w): newEvents += ledger.workerLost(w, at: now)
                    case .reconnect: break                      // workers are `.forget` peers
                    }
                }
                newEvents += ledger.expireLeases(at: now)
                for a in ledger.nextAssignments(at: now) {
                    send(.task(a.task.key, attempt: a.attempt, payload: a.task.payload), to: a.worker)
                    liveness.sentTraffic(to: a.worker, at: now)
                }
                let progress = ledger.progress
                let events = newEvents
                newEvents = []
                shared.withLock { $0.progress = progress; $0.events += events }
            }
            return ledger
        }

        private mutating func handle(_ frames: [[UInt8]]) {
            guard frames.count >= 2, let message = TransportMessage.decode(frames[1...]) else { return }
            let worker = WorkerID(bytes: frames[0])
            let now = clock.now
            liveness.receivedTraffic(from: worker, at: now)
            let known = ledger.heartbeat(worker, at: now)
            switch message {
            case .ready(let credit, let caps):
                newEvents += ledger.workerReady(worker, credit: Int(credit), capabilities: Set(caps), at: now)
            case .disconnect:
                newEvents += ledger.workerDisconnected(worker)
                liveness.removePeer(worker)
            case _ where !known:
                send(.disconnect, to: worker)                  // unknown (e.g. declared lost): re-announce
                liveness.removePeer(worker)
                if case .result(let k, let a, let payload) = message {   // still, never waste a result
                    record(ledger.complete(k, worker: worker, attempt: a, at: now), k, payload)
                }
            case .result(let k, let a, let payload):
                record(ledger.complete(k, worker: worker, attempt: a, at: now), k, payload)
            case .failure(let k, let a, let reason):
                newEvents += ledger.fail(k, worker: worker, attempt: a, reason: reason)
            case .handBack(let keys):
                newEvents += ledger.handBack(worker, tasks: keys)
            case .heartbeat, .task:
                break
            }
        }

        private func record(_ outcome: TaskLedger.CompletionOutcome, _ key: TaskKey, _ payload: [[UInt8]]) {
            if outcome.isRecorded { onResult(key, payload) }
        }

        private func send(_ message: TransportMessage, to worker: WorkerID) {
            try? socket.send([worker.bytes] + message.encode())   // a vanished peer is the ledger's business
        }
    }
}
