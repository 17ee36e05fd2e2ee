import Foundation

/// One job as the ledger holds it. `id` is the RELION job number (`job002` is 2), shared by all
/// types through one counter (RELION's `rlnPipeLineJobCounter`).
///
/// Timestamps are wall-clock `Date`s stored as seconds since 1970 (millisecond precision or better).
public struct JobRecord: Sendable, Hashable {
    /// RELION job number.
    public var id: Int
    /// Job type label, e.g. `relion.pseudosubtomo`.
    public var typeLabel: String
    /// Project sub-directory of the type, e.g. `Extract`.
    public var directory: String
    /// `rlnJobIsTomo` written to `job.star`.
    public var isTomo: Bool
    /// User alias (RELION shows `Extract/<alias>/`), or nil.
    public var alias: String?
    /// Current status.
    public var status: JobStatus
    /// Job options, variable → value as RELION's `job.star` holds them (`box_size` → `128`).
    public var parameters: [String: String]
    /// The command that runs (or ran) the job, written to `note.txt`.
    public var commandLine: String
    /// When the job was registered.
    public var createdAt: Date
    /// When it started running, if it did.
    public var startedAt: Date?
    /// When it reached a final status, if it did.
    public var finishedAt: Date?
    /// The error of a failed job (or the reason of a cancelled one).
    public var errorMessage: String?

    /// The job's type.
    public var type: JobType { JobType(label: typeLabel, directory: directory, isTomo: isTomo) }

    /// `jobNNN` with RELION's 3-digit zero padding (`job001`; more digits past 999).
    public var jobName: String { JobRecord.jobName(id) }

    /// RELION's process name, project-relative with a trailing slash: `Extract/job002/`.
    public var processName: String { "\(directory)/\(jobName)/" }

    /// `job` + number padded to 3 digits.
    public static func jobName(_ number: Int) -> String {
        let digits = String(number)
        return "job" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

/// A node a job reads: a project-relative path and, where known, the job that wrote it.
public struct JobInput: Sendable, Hashable {
    /// Project-relative path, e.g. `Extract/job002/optimisation_set.star`.
    public var nodePath: String
    /// The job that wrote the node; when nil at registration the ledger looks it up among the
    /// registered outputs (nil stays nil for a file from outside the pipeline).
    public var parentJob: Int?
    /// Node type label for a node from outside the pipeline (optional).
    public var nodeType: String?

    /// An input node.
    public init(nodePath: String, parentJob: Int? = nil, nodeType: String? = nil) {
        self.nodePath = nodePath
        self.parentJob = parentJob
        self.nodeType = nodeType
    }
}

/// A node a job writes: a project-relative path and its RELION node type label.
public struct JobOutput: Sendable, Hashable {
    /// Project-relative path, e.g. `Reconstruct/job003/merged.mrc`.
    public var nodePath: String
    /// Node type label, e.g. `DensityMap.mrc.relion.tomo.map.reconstruct` (see ``NodeType``).
    public var nodeType: String

    /// An output node.
    public init(nodePath: String, nodeType: String) {
        self.nodePath = nodePath
        self.nodeType = nodeType
    }
}

/// One entry of the append-only transition log.
public struct JobEvent: Sendable, Hashable {
    /// Sequence number (increasing with time of commit).
    public var sequence: Int
    /// The job.
    public var jobID: Int
    /// Status before; nil for the registration event.
    public var from: JobStatus?
    /// Status after.
    public var to: JobStatus
    /// When the transition was committed.
    public var at: Date
    /// Error message or note, if any.
    public var message: String?
}
