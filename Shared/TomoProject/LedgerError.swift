/// An error from the job ledger. Each case names the job (number and process name where known).
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A transition the state machine does not allow (see ``JobStatus/canTransition(to:)``).
    case invalidTransition(job: Int, processName: String, from: JobStatus, to: JobStatus)
    /// No job has this number.
    case unknownJob(Int)
    /// An output node path is already registered to another job.
    case duplicateOutput(job: Int, nodePath: String, ownedBy: Int)
    /// The database could not be opened, read or written.
    case database(path: String, message: String)

    /// One sentence saying what, where and why.
    public var description: String {
        switch self {
        case let .invalidTransition(job, name, from, to):
            "job \(job) (\(name)) cannot go from \(from.rawValue) to \(to.rawValue): allowed are "
                + "pending→running, pending→cancelled, running→succeeded|failed|cancelled"
        case let .unknownJob(id):
            "no job \(id) (\(JobRecord.jobName(id))) in the ledger"
        case let .duplicateOutput(job, path, owner):
            "job \(job) declares output \(path), which job \(owner) already wrote"
        case let .database(path, message):
            "job ledger \(path): \(message)"
        }
    }
}
