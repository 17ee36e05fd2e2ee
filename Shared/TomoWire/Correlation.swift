/// The fields that tie a message to a unit of work (header bytes 8–47), echoed unchanged in
/// every RESULT, REPLY and ERROR that answers the message.
///
/// A result is keyed by `(jobID, iteration, taskID)`; `attempt` counts reissues of the same task
/// after a lease expired (the first issue is attempt 1). Zero means "not applicable".
public struct Correlation: Hashable, Sendable {
    /// The job (catalog ledger id).
    public var jobID: UInt64
    /// The refinement or classification iteration (0 for jobs without iterations).
    public var iteration: UInt32
    /// How many times this task has been issued (1 for the first issue).
    public var attempt: UInt32
    /// The task within the job and iteration; for REQUEST/REPLY the client's request number.
    public var taskID: UInt64
    /// The idempotency key of the operation (`.none` when not used).
    public var idempotencyKey: IdempotencyKey

    /// Creates correlation fields; all default to zero.
    public init(jobID: UInt64 = 0, iteration: UInt32 = 0, attempt: UInt32 = 0, taskID: UInt64 = 0,
                idempotencyKey: IdempotencyKey = .none) {
        self.jobID = jobID
        self.iteration = iteration
        self.attempt = attempt
        self.taskID = taskID
        self.idempotencyKey = idempotencyKey
    }

    /// No correlation: every field zero.
    public static let none = Correlation()
}
