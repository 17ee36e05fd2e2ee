import Foundation
import GRDB
import TomoTransport

/// The catalog's durable task ledger, `<project>/.sta/catalog.sqlite` (SQLite in WAL mode via
/// GRDB), beside the job ledger: every task of every job with its parameters and state, each
/// task completion committed before it counts, and the replies of state-changing requests by
/// idempotency key. A restarted catalog resumes from it: done tasks stay done, the rest are
/// queued again.
///
/// * `tasks(job_id, iteration, task_id, operation, parameters, state, attempt, worker, summary)`,
///   primary key (job_id, iteration, task_id); `state` is `queued`, `done` or `poisoned`, and
///   only a `queued` task can change (first result wins, also across restarts).
/// * `requests(key, method, reply, at)`: idempotency keys of `job.submit`/`job.cancel`/`project.import`.
public final class CatalogStore: Sendable {
    /// One persisted task.
    public struct StoredTask: Sendable, Hashable {
        /// (job, iteration, task).
        public var key: TaskKey
        /// The TASK operation.
        public var operation: String
        /// The TASK parameters (JSON).
        public var parameters: String
        /// `queued`, `done` or `poisoned`.
        public var state: String
        /// The attempt whose result was recorded (0 while queued).
        public var attempt: Int
        /// The worker that produced it.
        public var worker: String?
        /// The RESULT summary (or the poison reason).
        public var summary: String?
    }

    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating) the store at `path`.
    public init(path: String) throws(CatalogError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: config)
            var m = DatabaseMigrator()
            m.registerMigration("v1") { db in
                try db.execute(sql: """
                    CREATE TABLE tasks (
                        job_id INTEGER NOT NULL, iteration INTEGER NOT NULL, task_id INTEGER NOT NULL,
                        operation TEXT NOT NULL, parameters TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('queued','done','poisoned')),
                        attempt INTEGER NOT NULL DEFAULT 0, worker TEXT, summary TEXT,
                        PRIMARY KEY (job_id, iteration, task_id));
                    CREATE TABLE requests (key TEXT PRIMARY KEY, method TEXT NOT NULL, reply TEXT NOT NULL, at REAL NOT NULL);
                    """)
            }
            try m.migrate(pool)
        } catch {
            throw CatalogError(.internalError, "cannot open the catalog store \(path): \(error)")
        }
    }

    /// Inserts the tasks of a job in one transaction (existing keys are kept as they are).
    public func insert(_ tasks: [StoredTask]) throws(CatalogError) {
        try write { db in
            for t in tasks {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO tasks (job_id, iteration, task_id, operation, parameters, state)
                    VALUES (?, ?, ?, ?, ?, 'queued')
                    """, arguments: [Int64(bitPattern: t.key.job), t.key.iteration, Int64(bitPattern: t.key.task),
                                     t.operation, t.parameters])
            }
        }
    }

    /// Records a result if the task is still queued; returns whether it was recorded.
    @discardableResult
    public func complete(_ key: TaskKey, attempt: UInt32, worker: String, summary: String) throws(CatalogError) -> Bool {
        try change(key, "UPDATE tasks SET state = 'done', attempt = ?, worker = ?, summary = ?",
                   [Int(attempt), worker, summary])
    }

    /// Parks a queued task as poison with `reason`.
    @discardableResult
    public func poison(_ key: TaskKey, reason: String) throws(CatalogError) -> Bool {
        try change(key, "UPDATE tasks SET state = 'poisoned', summary = ?", [reason])
    }

    /// The tasks of `job`, in key order.
    public func tasks(job: Int) throws(CatalogError) -> [StoredTask] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tasks WHERE job_id = ? ORDER BY iteration, task_id", arguments: [job])
                .map { r in
                    StoredTask(key: TaskKey(job: UInt64(bitPattern: r["job_id"]), iteration: r["iteration"],
                                            task: UInt64(bitPattern: r["task_id"])),
                               operation: r["operation"], parameters: r["parameters"], state: r["state"],
                               attempt: r["attempt"], worker: r["worker"], summary: r["summary"])
                }
        }
    }

    /// (total, done, poisoned) for `job`.
    public func counts(job: Int) throws(CatalogError) -> (total: Int, done: Int, poisoned: Int) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, SUM(state = 'done') AS d, SUM(state = 'poisoned') AS p FROM tasks WHERE job_id = ?
                """, arguments: [job])
            return (row?["n"] ?? 0, row?["d"] ?? 0, row?["p"] ?? 0)
        }
    }

    /// The REPLY result stored for an idempotency key, if any.
    public func reply(forKey key: String) throws(CatalogError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT reply FROM requests WHERE key = ?", arguments: [key]) }
    }

    /// Remembers the REPLY result of a state-changing request.
    public func remember(key: String, method: String, reply: String) throws(CatalogError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO requests (key, method, reply, at) VALUES (?, ?, ?, ?)",
                           arguments: [key, method, reply, Date().timeIntervalSince1970])
        }
    }

    private func change(_ key: TaskKey, _ sql: String, _ args: [(any DatabaseValueConvertible)?]) throws(CatalogError) -> Bool {
        try write { db in
            try db.execute(sql: sql + " WHERE job_id = ? AND iteration = ? AND task_id = ? AND state = 'queued'",
                           arguments: StatementArguments(args + [Int64(bitPattern: key.job), key.iteration,
                                                                 Int64(bitPattern: key.task)]))
            return db.changesCount > 0
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do { return try pool.write(body) } catch { throw CatalogError(.internalError, "catalog store \(path): \(error)") }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do { return try pool.read(body) } catch { throw CatalogError(.internalError, "catalog store \(path): \(error)") }
    }
}
