import Foundation
import GRDB

extension JobLedger {
    /// The number the next registered job will get (`rlnPipeLineJobCounter`).
    public func nextJobNumber() throws(LedgerError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT next_job FROM pipeline_counter WHERE id = 1") ?? 1 }
    }

    /// Job `id`, or nil.
    public func job(_ id: Int) throws(LedgerError) -> JobRecord? {
        try read { db in try Self.fetchJob(db, id) }
    }

    /// Jobs with `status` (all jobs when nil), by increasing number.
    public func jobs(status: JobStatus? = nil) throws(LedgerError) -> [JobRecord] {
        try read { db in
            let rows = if let status {
                try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE status = ? ORDER BY id", arguments: [status.rawValue])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM jobs ORDER BY id")
            }
            return rows.map(Self.job(from:))
        }
    }

    /// The nodes job `id` reads, in path order.
    public func inputs(of id: Int) throws(LedgerError) -> [JobInput] {
        try read { db in try Self.fetchInputs(db, id) }
    }

    /// The nodes job `id` writes, in path order.
    public func outputs(of id: Int) throws(LedgerError) -> [JobOutput] {
        try read { db in try Self.fetchOutputs(db, id) }
    }

    /// The transition log of job `id` (all jobs when nil), oldest first.
    public func events(of id: Int? = nil) throws(LedgerError) -> [JobEvent] {
        try read { db in
            let rows = if let id {
                try Row.fetchAll(db, sql: "SELECT * FROM job_events WHERE job_id = ? ORDER BY sequence", arguments: [id])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM job_events ORDER BY sequence")
            }
            return rows.map { r in
                JobEvent(sequence: r["sequence"], jobID: r["job_id"],
                         from: (r["from_status"] as String?).flatMap(JobStatus.init(rawValue:)),
                         to: JobStatus(rawValue: r["to_status"]) ?? .failed,
                         at: Date(timeIntervalSince1970: r["at"]), message: r["message"])
            }
        }
    }

    /// Every job that job `id` descends from (parents, their parents, …), by increasing number.
    ///
    /// - Throws: ``LedgerError/unknownJob(_:)``.
    public func lineage(_ id: Int) throws(LedgerError) -> [JobRecord] {
        try read { db in
            guard try Self.fetchJob(db, id) != nil else { throw LedgerError.unknownJob(id) }
            return try Row.fetchAll(db, sql: """
                WITH RECURSIVE ancestors(id) AS (
                    SELECT parent_job_id FROM job_inputs WHERE job_id = ? AND parent_job_id IS NOT NULL
                    UNION
                    SELECT i.parent_job_id FROM job_inputs i JOIN ancestors a ON i.job_id = a.id
                    WHERE i.parent_job_id IS NOT NULL
                )
                SELECT jobs.* FROM jobs JOIN ancestors ON jobs.id = ancestors.id ORDER BY jobs.id
                """, arguments: [id]).map(Self.job(from:))
        }
    }

    /// Jobs that read an output of job `id` directly, by increasing number.
    public func children(of id: Int) throws(LedgerError) -> [JobRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM jobs WHERE id IN (SELECT job_id FROM job_inputs WHERE parent_job_id = ?) ORDER BY id
                """, arguments: [id]).map(Self.job(from:))
        }
    }

    /// Everything `default_pipeline.star` needs, read in one consistent snapshot.
    public func snapshot() throws(LedgerError) -> PipelineSnapshot {
        try read { db in
            let counter = try Int.fetchOne(db, sql: "SELECT next_job FROM pipeline_counter WHERE id = 1") ?? 1
            let jobs = try Row.fetchAll(db, sql: "SELECT * FROM jobs ORDER BY id").map(Self.job(from:))
            let outputs = try Row.fetchAll(db, sql: "SELECT * FROM job_outputs ORDER BY job_id, rowid").map {
                (job: $0["job_id"] as Int, output: JobOutput(nodePath: $0["node_path"], nodeType: $0["node_type"]))
            }
            let inputs = try Row.fetchAll(db, sql: "SELECT * FROM job_inputs ORDER BY job_id, rowid").map {
                (job: $0["job_id"] as Int,
                 input: JobInput(nodePath: $0["node_path"], parentJob: $0["parent_job_id"], nodeType: $0["node_type"]))
            }
            return PipelineSnapshot(jobCounter: counter, jobs: jobs, outputs: outputs, inputs: inputs)
        }
    }

    static func fetchJob(_ db: Database, _ id: Int) throws -> JobRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map(job(from:))
    }

    static func fetchInputs(_ db: Database, _ id: Int) throws -> [JobInput] {
        try Row.fetchAll(db, sql: "SELECT * FROM job_inputs WHERE job_id = ? ORDER BY node_path", arguments: [id]).map {
            JobInput(nodePath: $0["node_path"], parentJob: $0["parent_job_id"], nodeType: $0["node_type"])
        }
    }

    static func fetchOutputs(_ db: Database, _ id: Int) throws -> [JobOutput] {
        try Row.fetchAll(db, sql: "SELECT * FROM job_outputs WHERE job_id = ? ORDER BY node_path", arguments: [id]).map {
            JobOutput(nodePath: $0["node_path"], nodeType: $0["node_type"])
        }
    }

    static func job(from r: Row) -> JobRecord {
        JobRecord(id: r["id"], typeLabel: r["type"], directory: r["directory"], isTomo: r["is_tomo"],
                  alias: r["alias"], status: JobStatus(rawValue: r["status"]) ?? .failed,
                  parameters: decode(r["parameters"]), commandLine: r["command_line"],
                  createdAt: Date(timeIntervalSince1970: r["created_at"]),
                  startedAt: (r["started_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  finishedAt: (r["finished_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  errorMessage: r["error_message"])
    }
}
