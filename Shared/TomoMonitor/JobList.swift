import Foundation

/// One row of the catalog's `job.list` result (docs/architecture.md, catalog REQUEST methods):
/// `{jobs: [{id, process, type, status, created, started, finished, progress}]}`.
///
/// Decoding is tolerant, since subscribers and clients ignore what they do not know: `id` may be
/// a number or a string; the times are shown as given (ISO 8601 strings are expected); `progress`
/// may be a fraction 0…1 or an object `{"done":…, "total":…}`; absent members become nil.
public struct JobSummary: Sendable, Hashable {
    /// The job's id in the ledger.
    public var id: String
    /// The RELION process name, e.g. `Extract/job005/`.
    public var process: String
    /// The job type, e.g. `extract`.
    public var type: String
    /// The job's state, e.g. `running`.
    public var status: String
    /// When the job was created, started and finished.
    public var created: String?, started: String?, finished: String?
    /// The fraction done, 0…1.
    public var progress: Double?

    /// Creates a row.
    public init(id: String, process: String, type: String, status: String, created: String? = nil,
                started: String? = nil, finished: String? = nil, progress: Double? = nil) {
        self.id = id
        self.process = process
        self.type = type
        self.status = status
        self.created = created
        self.started = started
        self.finished = finished
        self.progress = progress
    }

    /// Parses a `job.list` result object.
    /// - Throws: `MonitorError` when the JSON is not an object with a `jobs` array.
    public static func parseList(_ json: String) throws(MonitorError) -> [JobSummary] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let jobs = object["jobs"] as? [Any] else {
            throw MonitorError("job.list result is not an object with a \"jobs\" array: \(json.prefix(200))")
        }
        return jobs.compactMap { ($0 as? [String: Any]).map(JobSummary.init(row:)) }
    }

    private init(row: [String: Any]) {
        func text(_ key: String) -> String? {
            switch row[key] {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: nil
            }
        }
        id = text("id") ?? "?"
        process = text("process") ?? ""
        type = text("type") ?? ""
        status = text("status") ?? ""
        created = text("created")
        started = text("started")
        finished = text("finished")
        switch row["progress"] {
        case let n as NSNumber: progress = n.doubleValue
        case let o as [String: Any]:
            let done = (o["done"] as? NSNumber)?.doubleValue, total = (o["total"] as? NSNumber)?.doubleValue
            progress = done.flatMap { d in total.flatMap { $0 > 0 ? d / $0 : nil } }
        default: progress = nil
        }
    }
}

/// A failure of a monitor command: what went wrong, naming the endpoint or payload involved.
public struct MonitorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
