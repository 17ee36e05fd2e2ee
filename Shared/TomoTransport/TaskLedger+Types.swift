extension TaskLedger {
    /// Where a task is in its life: queued → leased → done | poisoned (a lease may return the
    /// task to queued when its worker dies, its lease expires, it fails or it is handed back).
    public enum TaskState: Sendable, Equatable {
        /// Waiting for a worker.
        case queued
        /// Sent to `worker` as dispatch number `attempt` (1-based); the lease ends at `expiry`
        /// unless the worker's heartbeats renew it.
        case leased(worker: WorkerID, attempt: UInt32, expiry: MonotonicInstant)
        /// A result was accepted (from `worker`, dispatch `attempt`).
        case done(worker: WorkerID, attempt: UInt32)
        /// Parked: it will not be dispatched again.
        case poisoned(PoisonReason)
    }

    /// Why a task was parked.
    public enum PoisonReason: Sendable, Equatable {
        /// Its worker died (or went silent past the lease) while holding it this many times.
        case killedWorkers(Int)
        /// Workers reported failure this many times; the last reason given.
        case failed(times: Int, lastReason: String)
    }

    /// Why a leased task went back to the queue.
    public enum RequeueReason: Sendable, Equatable {
        /// The worker was declared lost (heartbeat expiry, or it announced itself afresh).
        case workerLost(WorkerID)
        /// The lease expired without being renewed.
        case leaseExpired(WorkerID)
        /// The worker reported a failure.
        case failed(WorkerID, reason: String)
        /// The worker handed it back unprocessed (graceful shutdown); not counted as a kill.
        case handedBack(WorkerID)
    }

    /// Something the owner should log or report.
    public enum Event: Sendable, Equatable {
        /// A task returned to the queue.
        case requeued(TaskKey, RequeueReason)
        /// A task was parked as poison; report it to the job's owner.
        case poisoned(TaskKey, PoisonReason)
        /// A worker was removed from the pool.
        case workerRemoved(WorkerID)
    }

    /// The answer to a result.
    ///
    /// First result wins: a result is recorded if the task is not done yet, even when it comes
    /// from a lease that was lost and re-assigned (`.stale`), so finished work is never thrown
    /// away; every later result for the same key is a `.duplicate`. In every case except
    /// `.unknown` the owner should acknowledge the result to the worker.
    public enum CompletionOutcome: Sendable, Equatable {
        /// Recorded: it came from the current lease.
        case accepted
        /// Recorded: it came from a lease that had been lost (or a worker no longer known), and
        /// the task was not done yet. Any current lease of another worker is superseded; that
        /// worker's result will be a `.duplicate`.
        case stale
        /// Ignored: the task was already done. Acknowledge it anyway.
        case duplicate
        /// Ignored: the task is parked as poison (poisoning is final and already reported).
        case poisoned
        /// Ignored: no such task.
        case unknown

        /// Whether the result was recorded (`.accepted` or `.stale`): deliver it downstream.
        public var isRecorded: Bool { self == .accepted || self == .stale }
    }

    /// One task to send: the shell sends `task.payload` to `worker`, tagged with `task.key`
    /// and `attempt`.
    public struct Assignment: Sendable, Equatable {
        /// The worker to send it to.
        public var worker: WorkerID
        /// The task.
        public var task: TaskDescriptor
        /// The dispatch number (1-based): the worker echoes it with its result.
        public var attempt: UInt32
        /// When the lease ends unless renewed by heartbeats.
        public var leaseExpiry: MonotonicInstant
    }

    /// Counts of tasks by state.
    public struct Progress: Sendable, Equatable {
        /// Tasks waiting for a worker.
        public var queued: Int
        /// Tasks leased to a worker.
        public var leased: Int
        /// Tasks with a recorded result.
        public var done: Int
        /// Tasks parked as poison.
        public var poisoned: Int
        /// All tasks ever enqueued.
        public var total: Int { queued + leased + done + poisoned }

        /// Counts by state.
        public init(queued: Int, leased: Int, done: Int, poisoned: Int) {
            self.queued = queued
            self.leased = leased
            self.done = done
            self.poisoned = poisoned
        }
    }

    /// Tuning of the ledger.
    public struct Configuration: Sendable, Equatable {
        /// How long a lease lasts without a heartbeat from its worker (default 10 s).
        public var leaseDuration: Duration
        /// Worker deaths while holding a task after which the task is poison (default 3).
        public var maxKills: Int
        /// Reported failures after which a task is poison (default 3).
        public var maxFailures: Int

        /// - Precondition: `leaseDuration > 0`, `maxKills >= 1`, `maxFailures >= 1`.
        public init(leaseDuration: Duration = .seconds(10), maxKills: Int = 3, maxFailures: Int = 3) {
            precondition(leaseDuration > .zero && maxKills >= 1 && maxFailures >= 1,
                         "ledger needs leaseDuration > 0, maxKills >= 1, maxFailures >= 1")
            self.leaseDuration = leaseDuration
            self.maxKills = maxKills
            self.maxFailures = maxFailures
        }
    }
}
