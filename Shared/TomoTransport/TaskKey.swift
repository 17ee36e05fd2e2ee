import TomoWire

/// The identity of one unit of work: which job, which iteration of it, which task.
///
/// Results are keyed by it, so a result delivered twice (a late duplicate from a worker that
/// was presumed dead, or a retransmission) is recognised and counted once.
/// Ordered by job, then iteration, then task.
public struct TaskKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The job (a catalog job id).
    public var job: UInt64
    /// The iteration of the job (refinement round).
    public var iteration: UInt32
    /// The task within the iteration.
    public var task: UInt64

    /// A key for `task` of `iteration` of `job`.
    public init(job: UInt64, iteration: UInt32, task: UInt64) {
        self.job = job
        self.iteration = iteration
        self.task = task
    }

    public static func < (a: TaskKey, b: TaskKey) -> Bool {
        (a.job, a.iteration, a.task) < (b.job, b.iteration, b.task)
    }

    public var description: String { "job \(job) iteration \(iteration) task \(task)" }
}

/// A worker's identity: the ZeroMQ routing id of its DEALER as seen by the coordinator's
/// ROUTER (opaque bytes, 1 to 255 of them).
public struct WorkerID: Hashable, Sendable, CustomStringConvertible {
    /// The routing-id bytes.
    public var bytes: [UInt8]

    /// A worker id from raw routing-id bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A worker id from a readable name (its UTF-8 bytes), e.g. `"aligner-3"`.
    public init(_ name: String) { self.bytes = Array(name.utf8) }

    public var description: String {
        if let s = String(validating: bytes, as: UTF8.self), s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) {
            return s
        }
        return "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// What a worker is asked to do: the TASK body's operation and JSON parameters, and its
/// input payloads (docs/protocol.md §5.2). The ledger never looks inside.
public struct TaskWork: Sendable, Equatable {
    /// The operation, e.g. `"tilestats"`, `"extract.subtomogram"`.
    public var operation: String
    /// Operation parameters as one compact JSON object.
    public var parametersJSON: String
    /// Input tiles and STAR tables sent with the task.
    public var payloads: [Payload]

    /// A unit of work.
    public init(operation: String, parametersJSON: String = "{}", payloads: [Payload] = []) {
        self.operation = operation
        self.parametersJSON = parametersJSON
        self.payloads = payloads
    }
}

/// One task as the coordinator hands it out: its key, its work and optional placement hints.
public struct TaskDescriptor: Sendable, Equatable {
    /// The task's identity.
    public var key: TaskKey
    /// What to send to the worker with the task.
    public var work: TaskWork
    /// A worker to prefer while it is alive and has credit (e.g. the one that already caches
    /// this task's particles); anyone else otherwise.
    public var preferredWorker: WorkerID?
    /// A capability the worker must have announced (e.g. `"align"`); nil: any worker.
    public var requiredCapability: String?
    /// Strict stickiness: while `preferredWorker` is registered (and not draining) the task waits
    /// for it to have credit instead of going to someone else; once it leaves, anyone may run it.
    public var preferredOnly: Bool

    /// A task descriptor.
    public init(key: TaskKey, work: TaskWork = TaskWork(operation: "noop"), preferredWorker: WorkerID? = nil,
                requiredCapability: String? = nil, preferredOnly: Bool = false) {
        self.key = key
        self.work = work
        self.preferredWorker = preferredWorker
        self.requiredCapability = requiredCapability
        self.preferredOnly = preferredOnly
    }
}
