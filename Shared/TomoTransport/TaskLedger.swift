/// The coordinator's dispatch state: which tasks exist, which worker holds which, and which
/// results have been counted.
///
/// A value type with no I/O and no clock (STYLE habit 6): the coordinator's socket shell feeds
/// it what arrives (`workerReady`, `heartbeat`, `complete`, `fail`, `handBack`, `workerLost`),
/// asks it what to send (`nextAssignments(at:)`), and calls `expireLeases(at:)` on every tick.
///
/// Guarantees:
/// - Each task is in exactly one state: queued → leased(worker, attempt, expiry) → done or
///   poisoned; a lost lease returns it to queued.
/// - Results are counted exactly once per `TaskKey` (first result wins, see `CompletionOutcome`);
///   `completedKeys` is the set of counted keys.
/// - A worker never holds more tasks than the credit it announced: a task stays charged to the
///   worker it was sent to until that worker answers for it (result, failure or hand-back) or
///   is lost, even when someone else finished it first.
/// - Queued tasks are dispatched first-in first-out; tasks re-queued after a lost lease go
///   before never-dispatched ones. A task's preferred worker gets it while that worker is
///   registered, not draining and has credit; otherwise the eligible worker with the most free
///   credit does (ties: the earliest registered).
/// - A task whose worker was lost (`workerLost`, lease expiry, or a fresh `workerReady` from the
///   same id) `maxKills` times, or that failed `maxFailures` times, is poisoned and reported by
///   an `Event.poisoned`; hand-backs never count.
public struct TaskLedger: Sendable {
    struct TaskRecord: Sendable {
        var descriptor: TaskDescriptor
        var state: TaskState
        var attempts: UInt32 = 0
        var kills = 0
        var failures = 0
    }

    /// A (task, dispatch) pair a worker is charged for.
    struct Hold: Hashable, Sendable {
        var key: TaskKey
        var attempt: UInt32
    }

    struct WorkerRecord: Sendable {
        var credit: Int
        var capabilities: Set<String>
        var draining = false
        var holds: Set<Hold> = []
        var free: Int { credit - holds.count }
    }

    /// The tuning parameters.
    public let configuration: Configuration
    var tasks: [TaskKey: TaskRecord] = [:]
    var workers: [WorkerID: WorkerRecord] = [:]
    var workerOrder: [WorkerID] = []
    /// Tasks returned to the queue after a lost lease (served first), then never-dispatched ones.
    /// Entries whose task is no longer queued are skipped and dropped lazily.
    var retryQueue: [TaskKey] = []
    var freshQueue: [TaskKey] = []
    var counts = Progress(queued: 0, leased: 0, done: 0, poisoned: 0)
    /// The keys whose result was counted.
    public private(set) var completedKeys: Set<TaskKey> = []
    /// The keys parked as poison.
    public private(set) var poisonedKeys: Set<TaskKey> = []
    var completionsByWorker: [WorkerID: Int] = [:]

    /// An empty ledger.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    // MARK: tasks

    /// Adds a task to the back of the queue. Returns false (and changes nothing) when a task
    /// with the same key was already enqueued, in whatever state.
    @discardableResult
    public mutating func enqueue(_ task: TaskDescriptor) -> Bool {
        guard tasks[task.key] == nil else { return false }
        tasks[task.key] = TaskRecord(descriptor: task, state: .queued)
        freshQueue.append(task.key)
        counts.queued += 1
        return true
    }

    /// Adds tasks in order; returns how many were new.
    @discardableResult
    public mutating func enqueue(contentsOf tasks: some Sequence<TaskDescriptor>) -> Int {
        var n = 0
        for t in tasks where enqueue(t) { n += 1 }
        return n
    }

    /// The state of a task, or nil if it was never enqueued.
    public func state(of key: TaskKey) -> TaskState? { tasks[key]?.state }

    /// How many times the task's worker was lost while holding it.
    public func kills(of key: TaskKey) -> Int { tasks[key]?.kills ?? 0 }

    /// Counts of tasks by state.
    public var progress: Progress { counts }

    /// True when every enqueued task is done or poisoned (vacuously true when empty).
    public var isComplete: Bool { counts.queued == 0 && counts.leased == 0 }

    // MARK: workers

    /// The registered workers, in registration order.
    public var registeredWorkers: [WorkerID] { workerOrder }

    /// Whether `worker` is registered.
    public func isRegistered(_ worker: WorkerID) -> Bool { workers[worker] != nil }

    /// The tasks `worker` is currently charged for (sorted), including ones finished elsewhere
    /// that it has not answered for yet.
    public func holdings(of worker: WorkerID) -> [TaskKey] {
        (workers[worker]?.holds.map(\.key) ?? []).sorted()
    }

    /// How many more tasks `worker` may be sent now (0 when draining or unknown).
    public func freeCredit(of worker: WorkerID) -> Int {
        guard let w = workers[worker], !w.draining else { return 0 }
        return max(0, w.free)
    }

    /// How many results from `worker` were counted (throughput; kept after it leaves).
    public func completions(by worker: WorkerID) -> Int { completionsByWorker[worker] ?? 0 }

    /// True when `worker` is draining and holds nothing, so it may exit.
    public func isDrained(_ worker: WorkerID) -> Bool {
        guard let w = workers[worker] else { return true }
        return w.draining && w.holds.isEmpty
    }

    /// Registers a worker that can hold `credit` tasks at once and has `capabilities`.
    ///
    /// A READY from an id that is already registered means the worker started a fresh session
    /// (it restarted or reconnected) and no longer holds its tasks: they are re-queued as if
    /// the worker had been lost (each counts as a kill), then the worker is registered anew.
    /// - Precondition: `credit >= 0`.
    public mutating func workerReady(_ worker: WorkerID, credit: Int, capabilities: Set<String> = [],
                                     at now: MonotonicInstant) -> [Event] {
        precondition(credit >= 0, "worker credit must be >= 0, got \(credit) from \(worker)")
        var events: [Event] = []
        if workers[worker] != nil { events = removeWorker(worker, reason: .workerLost(worker)) }
        workers[worker] = WorkerRecord(credit: credit, capabilities: capabilities)
        workerOrder.append(worker)
        return events
    }

    /// Changes how many tasks `worker` may hold (e.g. it announced more credit). Tasks already
    /// sent are not recalled when the credit shrinks. Returns false for an unknown worker.
    @discardableResult
    public mutating func setCredit(_ credit: Int, for worker: WorkerID) -> Bool {
        precondition(credit >= 0, "worker credit must be >= 0, got \(credit) from \(worker)")
        guard workers[worker] != nil else { return false }
        workers[worker]!.credit = credit
        return true
    }

    /// Graceful shutdown, step 1: `worker` gets no new tasks; what it holds keeps running and
    /// its results are accepted as usual. Returns false for an unknown worker.
    @discardableResult
    public mutating func drain(_ worker: WorkerID) -> Bool {
        guard workers[worker] != nil else { return false }
        workers[worker]!.draining = true
        return true
    }

    // MARK: internal state changes

    mutating func setState(_ key: TaskKey, _ new: TaskState) {
        guard let old = tasks[key]?.state else { return }
        adjust(old, by: -1)
        adjust(new, by: +1)
        tasks[key]!.state = new
        switch new {
        case .done: completedKeys.insert(key)
        case .poisoned: poisonedKeys.insert(key)
        default: break
        }
    }

    private mutating func adjust(_ s: TaskState, by d: Int) {
        switch s {
        case .queued: counts.queued += d
        case .leased: counts.leased += d
        case .done: counts.done += d
        case .poisoned: counts.poisoned += d
        }
    }
}
