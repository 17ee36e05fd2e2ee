import TomoWire

/// The coordinator's socket shell: one ROUTER socket, owned by one dedicated thread, that speaks
/// STAW (docs/protocol.md) to workers (READY, TASK, RESULT, HEARTBEAT, DISCONNECT, ERROR) and to
/// clients (REQUEST → REPLY or ERROR), feeds a `TaskLedger` and a `HeartbeatStateMachine`, and
/// performs the actions they return.
///
/// Other threads reach it only through `enqueue`, `withdraw`, `progress`, `waitUntilSettled`
/// and `stop` (a synchronous handshake that returns the final ledger). Workers connect; the
/// coordinator binds. The hooks run on the loop's thread:
/// - `onResult` once per task key (the first RESULT wins; later ones are answered ERROR 409);
/// - `onRequest` for every REQUEST, returning the REPLY or ERROR to send back;
/// - `onEvents` with ledger events, worker arrivals and departures, and refused messages.
///
/// A message that cannot be decoded is answered with ERROR (400, 413 or 426, echoing what could
/// be read), or dropped and reported as `.dropped` when it was itself an ERROR. A RESULT or
/// HEARTBEAT from a peer that never sent READY (or was declared lost) is answered ERROR 401 and
/// DISCONNECT, which tells the worker to reconnect and announce itself; a RESULT from such a
/// peer is still recorded when its task is not done, so finished work is never wasted.
public final class CoordinatorLoop: Sendable {
    /// Timing, ledger and size parameters.
    public struct Configuration: Sendable {
        /// Worker liveness: heartbeat interval and liveness (a worker silent for
        /// `interval × liveness` is lost and its tasks re-queued).
        public var heartbeat: HeartbeatStateMachine<WorkerID>.Configuration
        /// Lease duration (also sent in every TASK), kill and failure limits.
        public var ledger: TaskLedger.Configuration
        /// Longest wait in `zmq_poll` before the loop looks at its inbox and timers (default 10 ms).
        public var pollMilliseconds: Int
        /// Message size limits checked on every inbound message.
        public var limits: WireLimits
        /// CURVE server settings applied before binding (`.off`: none; docs/protocol.md §12).
        public var security: CurveSecurity

        /// Parameters with the defaults of the parts.
        public init(heartbeat: HeartbeatStateMachine<WorkerID>.Configuration = .init(),
                    ledger: TaskLedger.Configuration = .init(), pollMilliseconds: Int = 10,
                    limits: WireLimits = .protocolDefault, security: CurveSecurity = .off) {
            self.heartbeat = heartbeat
            self.ledger = ledger
            self.pollMilliseconds = pollMilliseconds
            self.limits = limits
            self.security = security
        }
    }

    /// A RESULT that was recorded (the first for its key).
    public struct CompletedTask: Sendable {
        /// The task.
        public var key: TaskKey
        /// The dispatch it answers.
        public var attempt: UInt32
        /// The worker's routing id.
        public var worker: WorkerID
        /// The worker's name from its READY (or its routing id when it never sent one).
        public var workerName: String
        /// The RESULT body (status is `.succeeded`).
        public var result: Message.TaskResult
        /// Output tiles and tables.
        public var payloads: [Payload]
    }

    /// Something the owner should log or publish.
    public enum Event: Sendable, Equatable {
        /// The ledger changed a task's course (re-queue, poison) or removed a worker.
        case ledger(TaskLedger.Event)
        /// A worker sent READY.
        case workerJoined(WorkerID, name: String, service: String)
        /// A worker said DISCONNECT or was declared lost.
        case workerLeft(WorkerID, name: String, reason: String)
        /// A message was refused with an ERROR reply.
        case refused(WorkerID, WireError)
        /// A message was dropped without reply (it was an ERROR, or an ERROR from a peer).
        case dropped(WorkerID, String)
    }

    /// The hooks, called on the loop's thread.
    public struct Hooks: Sendable {
        /// A task's first result.
        public var onResult: @Sendable (CompletedTask) -> Void
        /// A REQUEST: returns the REPLY or ERROR (its correlation fields are set by the loop).
        public var onRequest: @Sendable (Message, WorkerID) -> Message
        /// Events of one loop turn, oldest first.
        public var onEvents: @Sendable ([Event]) -> Void

        /// Hooks; by default results and events are ignored and every REQUEST gets ERROR 404.
        public init(onResult: @escaping @Sendable (CompletedTask) -> Void = { _ in },
                    onRequest: @escaping @Sendable (Message, WorkerID) -> Message = { m, _ in
                        m.errorReply(.notFound, "this coordinator serves no requests")
                    },
                    onEvents: @escaping @Sendable ([Event]) -> Void = { _ in }) {
            self.onResult = onResult
            self.onRequest = onRequest
            self.onEvents = onEvents
        }
    }

    struct Shared: Sendable {
        var inbox: [TaskDescriptor] = []
        var withdrawals: [UInt64] = []
        var progress = TaskLedger.Progress(queued: 0, leased: 0, done: 0, poisoned: 0)
        var events: [TaskLedger.Event] = []
        var refused = 0
        var dropped = 0
        var stopRequested = false
    }

    /// The endpoint the ROUTER is bound to (with `*` ports resolved).
    public let endpoint: String
    let shared = Locked(Shared())
    private let finished = Latch<TaskLedger>()

    /// Binds a ROUTER to `endpoint` on a new owner thread and starts serving.
    /// - Throws: `ZMQError` when the socket cannot be created or bound.
    public init(context: ZMQContext, bindTo endpoint: String, configuration: Configuration = .init(),
                clock: any TransportClock = SystemTransportClock(), hooks: Hooks = Hooks()) throws(ZMQError) {
        let started = Latch<Result<String, ZMQError>>()
        let shared = self.shared
        let finished = self.finished
        startOwnerThread(name: "coordinator \(endpoint)") {
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .router, maxMessageSize: Int64(configuration.limits.maxMessageBytes))
                try socket.setRouterMandatory()
                try socket.setSendTimeout(milliseconds: 100)
                try configuration.security.apply(to: socket)
                try socket.bind(endpoint)
            } catch {
                started.fulfil(.failure(error as! ZMQError))
                return
            }
            started.fulfil(.success(socket.lastEndpoint))
            var engine = CoordinatorEngine(socket: socket, configuration: configuration, clock: clock,
                                           shared: shared, hooks: hooks)
            finished.fulfil(engine.run())
        }
        switch started.wait()! {
        case .success(let bound): self.endpoint = bound
        case .failure(let e): throw e
        }
    }

    /// Convenience: a loop whose only hook is `onResult(key, result)` (tests, benchmarks).
    public convenience init(context: ZMQContext, bindTo endpoint: String, configuration: Configuration = .init(),
                            clock: any TransportClock = SystemTransportClock(),
                            onResult: @escaping @Sendable (TaskKey, CompletedTask) -> Void) throws(ZMQError) {
        try self.init(context: context, bindTo: endpoint, configuration: configuration, clock: clock,
                      hooks: Hooks(onResult: { onResult($0.key, $0) }))
    }

    /// Hands tasks to the loop (they are enqueued on its next turn; known keys are ignored).
    public func enqueue(_ tasks: [TaskDescriptor]) {
        shared.withLock { $0.inbox += tasks }
    }

    /// Forgets the unfinished tasks of `job` on the next turn (the job was cancelled); their late
    /// RESULTs are answered ERROR 408.
    public func withdraw(job: UInt64) {
        shared.withLock { $0.withdrawals.append(job) }
    }

    /// The ledger's counts as of the loop's last turn.
    public var progress: TaskLedger.Progress { shared.withLock { $0.progress } }

    /// Ledger events so far (re-queues, poisonings, removed workers), oldest first.
    public var events: [TaskLedger.Event] { shared.withLock { $0.events } }

    /// Messages refused with an ERROR reply, and dropped without one, so far.
    public var protocolErrors: (refused: Int, dropped: Int) { shared.withLock { ($0.refused, $0.dropped) } }

    /// Blocks until at least `total` tasks are done or poisoned, or `timeout` passes; returns
    /// whether they are.
    public func waitUntilSettled(total: Int, timeout: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let p = progress
            if p.done + p.poisoned >= total { return true }
            sleepThisThread(milliseconds: 2)
        }
        let p = progress
        return p.done + p.poisoned >= total
    }

    /// Graceful stop: dispatches nothing more, tells every worker DISCONNECT (they reconnect
    /// with back-off, e.g. to a restarted coordinator), closes the socket and returns the final
    /// ledger (synchronous handshake).
    public func stop() -> TaskLedger {
        shared.withLock { $0.stopRequested = true }
        return finished.wait()!
    }
}
