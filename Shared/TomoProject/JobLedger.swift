import Foundation
import GRDB

/// The durable job ledger: SQLite (WAL mode, through a GRDB `DatabasePool`), one transaction per
/// change, so a ledger reopened after a crash holds every committed change and none of a change
/// that was in flight.
///
/// Job numbers come from one counter shared by every type, as RELION's `rlnPipeLineJobCounter`:
/// the first job is 1 and a number is never reused, even for a cancelled job.
/// Several processes may open the same file; a writer waits up to `busyTimeout` for another's lock.
public final class JobLedger: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    let now: @Sendable () -> Date

    /// Opens (creating if needed) the ledger at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - now: the clock for timestamps (tests pass a fixed one).
    ///   - busyTimeout: seconds a write waits for another connection's lock.
    /// - Throws: ``LedgerError/database(path:message:)``.
    public init(path: String, busyTimeout: Double = 10, now: @escaping @Sendable () -> Date = { Date() }) throws(LedgerError) {
        self.path = path
        self.now = now
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "JobLedger"
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            pool = try DatabasePool(path: path, configuration: config)
            try LedgerSchema.migrator.migrate(pool)
        } catch {
            throw LedgerError.database(path: path, message: "cannot open: \(error)")
        }
    }

    /// Closes the database; later calls fail. (Dropping the last reference also closes it.)
    public func close() throws(LedgerError) {
        do { try pool.close() } catch { throw LedgerError.database(path: path, message: "cannot close: \(error)") }
    }

    // MARK: - Registration

    /// Registers a new pending job with the next job number, its inputs (lineage) and the outputs
    /// it declares up front, in one transaction.
    ///
    /// - Throws: ``LedgerError/duplicateOutput(job:nodePath:ownedBy:)`` if another job already
    ///   writes one of `outputs`; ``LedgerError/unknownJob(_:)`` for an input naming a job that does
    ///   not exist.
    @discardableResult
    public func createJob(type: JobType, alias: String? = nil, parameters: [String: String] = [:],
                          commandLine: String = "", inputs: [JobInput] = [],
                          outputs: [JobOutput] = []) throws(LedgerError) -> JobRecord {
        let t = now()
        let json = Self.encode(parameters)
        return try write { db in
            let id = try Int.fetchOne(db, sql: "SELECT next_job FROM pipeline_counter WHERE id = 1") ?? 1
            try db.execute(sql: "UPDATE pipeline_counter SET next_job = ? WHERE id = 1", arguments: [id + 1])
            try db.execute(sql: """
                INSERT INTO jobs (id, type, directory, is_tomo, alias, status, parameters, command_line, created_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """, arguments: [id, type.label, type.directory, type.isTomo, alias, json, commandLine, t.timeIntervalSince1970])
            for input in inputs {
                var parent = input.parentJob
                if let p = parent {
                    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM jobs WHERE id = ?", arguments: [p]) != nil else {
                        throw LedgerError.unknownJob(p)
                    }
                } else {
                    parent = try Int.fetchOne(db, sql: "SELECT job_id FROM job_outputs WHERE node_path = ?",
                                              arguments: [input.nodePath])
                }
                try db.execute(sql: "INSERT OR REPLACE INTO job_inputs (job_id, parent_job_id, node_path, node_type) VALUES (?, ?, ?, ?)",
                               arguments: [id, parent, input.nodePath, input.nodeType])
            }
            try Self.insertOutputs(outputs, job: id, db)
            try Self.appendEvent(db, job: id, from: nil, to: .pending, at: t, message: nil)
            return try Self.fetchJob(db, id)!
        }
    }

    /// Adds output nodes to a job that is not final (a job may declare outputs as it learns them).
    ///
    /// - Throws: ``LedgerError/unknownJob(_:)``, ``LedgerError/duplicateOutput(job:nodePath:ownedBy:)``.
    public func addOutputs(_ outputs: [JobOutput], to id: Int) throws(LedgerError) {
        try write { db in
            guard try Self.fetchJob(db, id) != nil else { throw LedgerError.unknownJob(id) }
            try Self.insertOutputs(outputs, job: id, db)
        }
    }

    // MARK: - Transitions

    /// pending → running; sets `startedAt`.
    @discardableResult
    public func start(_ id: Int) throws(LedgerError) -> JobRecord {
        try transition(id, to: .running)
    }

    /// running → succeeded; adds `outputs` (if any) and sets `finishedAt`, in one transaction.
    @discardableResult
    public func succeed(_ id: Int, outputs: [JobOutput] = []) throws(LedgerError) -> JobRecord {
        try transition(id, to: .succeeded) { db in try Self.insertOutputs(outputs, job: id, db) }
    }

    /// running → failed with `error`; sets `finishedAt`.
    @discardableResult
    public func fail(_ id: Int, error: String) throws(LedgerError) -> JobRecord {
        try transition(id, to: .failed, message: error)
    }

    /// pending|running → cancelled; sets `finishedAt`.
    @discardableResult
    public func cancel(_ id: Int, reason: String? = nil) throws(LedgerError) -> JobRecord {
        try transition(id, to: .cancelled, message: reason)
    }

    /// Moves job `id` to `next` in one transaction: checks the transition, updates the row and
    /// timestamps, appends the event, then runs `inTransaction` (whose throw rolls everything back).
    func transition(_ id: Int, to next: JobStatus, message: String? = nil,
                    inTransaction: (Database) throws -> Void = { _ in }) throws(LedgerError) -> JobRecord {
        let t = now()
        return try write { db in
            guard let job = try Self.fetchJob(db, id) else { throw LedgerError.unknownJob(id) }
            guard job.status.canTransition(to: next) else {
                throw LedgerError.invalidTransition(job: id, processName: job.processName, from: job.status, to: next)
            }
            let ts = t.timeIntervalSince1970
            switch next {
            case .running:
                try db.execute(sql: "UPDATE jobs SET status = ?, started_at = ? WHERE id = ?", arguments: [next.rawValue, ts, id])
            default:
                try db.execute(sql: "UPDATE jobs SET status = ?, finished_at = ?, error_message = ? WHERE id = ?",
                               arguments: [next.rawValue, ts, message, id])
            }
            try Self.appendEvent(db, job: id, from: job.status, to: next, at: t, message: message)
            try inTransaction(db)
            return try Self.fetchJob(db, id)!
        }
    }

    // MARK: - Helpers

    /// Runs `body` in one write transaction, mapping database errors to ``LedgerError``.
    func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.write(body) } catch let e as LedgerError { throw e } catch {
            throw LedgerError.database(path: path, message: "\(error)")
        }
    }

    /// Runs `body` on a consistent snapshot, mapping database errors to ``LedgerError``.
    func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.read(body) } catch let e as LedgerError { throw e } catch {
            throw LedgerError.database(path: path, message: "\(error)")
        }
    }

    static func insertOutputs(_ outputs: [JobOutput], job id: Int, _ db: Database) throws {
        for o in outputs {
            if let owner = try Int.fetchOne(db, sql: "SELECT job_id FROM job_outputs WHERE node_path = ?", arguments: [o.nodePath]) {
                if owner == id {
                    try db.execute(sql: "UPDATE job_outputs SET node_type = ? WHERE node_path = ?", arguments: [o.nodeType, o.nodePath])
                    continue
                }
                throw LedgerError.duplicateOutput(job: id, nodePath: o.nodePath, ownedBy: owner)
            }
            try db.execute(sql: "INSERT INTO job_outputs (job_id, node_path, node_type) VALUES (?, ?, ?)",
                           arguments: [id, o.nodePath, o.nodeType])
        }
    }

    static func appendEvent(_ db: Database, job: Int, from: JobStatus?, to: JobStatus, at: Date, message: String?) throws {
        try db.execute(sql: "INSERT INTO job_events (job_id, from_status, to_status, at, message) VALUES (?, ?, ?, ?, ?)",
                       arguments: [job, from?.rawValue, to.rawValue, at.timeIntervalSince1970, message])
    }

    static func encode(_ parameters: [String: String]) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let data = try? enc.encode(parameters) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }
}

extension JobLedger {
    /// Raises the job counter to at least `value` (never lowers it): used when a ledger is started
    /// in a directory RELION already numbered.
    public func raiseCounter(to value: Int) throws(LedgerError) {
        try write { db in
            try db.execute(sql: "UPDATE pipeline_counter SET next_job = MAX(next_job, ?) WHERE id = 1", arguments: [value])
        }
    }
}
