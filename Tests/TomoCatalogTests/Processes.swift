import Foundation
import TomoTransport
import TomoWire

/// Launches the built `catalog` and `extractor` executables (found beside the test bundle in
/// `.build/<triple>/debug/`) and kills them at the end.
final class Cluster: @unchecked Sendable {
    static let binDirectory: String = {
        var dir = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                      ?? CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalog").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.path
    }()
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: binDirectory + "/catalog")
            && FileManager.default.isExecutableFile(atPath: binDirectory + "/extractor")
    }

    let dir: String
    let endpoint: String
    let events: String
    let heartbeatMs: Int
    var catalog: Process?
    var workers: [Process] = []
    let context: ZMQContext

    init(project: String, heartbeatMs: Int = 100) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("sta-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        endpoint = "ipc://\(dir)/catalog"
        events = "ipc://\(dir)/events"
        self.heartbeatMs = heartbeatMs
        context = try ZMQContext()
        try startCatalog(project: project)
    }

    func launch(_ name: String, _ args: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binDirectory + "/" + name)
        p.arguments = args
        FileManager.default.createFile(atPath: dir + "/" + log, contents: nil)
        let h = FileHandle(forWritingAtPath: dir + "/" + log)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }

    func startCatalog(project: String) throws {
        try? FileManager.default.removeItem(atPath: dir + "/catalog")
        catalog = try launch("catalog", ["--project", project, "--bind", endpoint, "--events", events,
                                         "--heartbeat-ms", "\(heartbeatMs)", "--log-level", "warning"],
                             log: "catalog-\(UUID().uuidString.prefix(4)).log")
    }

    @discardableResult
    func startWorker(credit: Int = 2) throws -> Process {
        let p = try launch("extractor", ["--catalog", endpoint, "--events", events, "--credit", "\(credit)",
                                         "--name", "w\(workers.count)", "--heartbeat-ms", "\(heartbeatMs)",
                                         "--log-level", "warning"], log: "w\(workers.count).log")
        workers.append(p)
        return p
    }

    func kill9(_ p: Process) {
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    func stopAll() {
        for p in workers + (catalog.map { [$0] } ?? []) where p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A JSON object from a REPLY.
    static func object(_ r: RequestClient.Response) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.reply.resultJSON.utf8))) as? [String: Any] ?? [:]
    }

    /// Submits an `sta.tilestats` job and returns its id.
    func submit(_ client: RequestClient, parameters: [String: Any]) throws -> Int {
        let args = String(decoding: try JSONSerialization.data(withJSONObject: ["type": "sta.tilestats", "parameters": parameters]),
                          as: UTF8.self)
        var g = SystemRandomNumberGenerator()
        let r = try client.call("job.submit", argumentsJSON: args, idempotencyKey: IdempotencyKey(using: &g))
        guard let id = Self.object(r)["job"] as? Int else { throw RequestError(code: nil, message: "no job id") }
        return id
    }

    /// The `job` object of `job.get`.
    func job(_ client: RequestClient, _ id: Int) throws -> [String: Any] {
        Self.object(try client.call("job.get", argumentsJSON: "{\"job\":\(id)}"))["job"] as? [String: Any] ?? [:]
    }

    /// Polls until the job reaches a final status or `timeout` passes; returns the status.
    func waitForJob(_ client: RequestClient, _ id: Int, timeout: Duration = .seconds(30)) -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let j = try? job(client, id), let s = j["status"] as? String, ["succeeded", "failed", "cancelled"].contains(s) {
                return s
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return "timeout"
    }

    /// Tasks done so far.
    func done(_ client: RequestClient, _ id: Int) -> Int {
        ((try? job(client, id))?["progress"] as? [String: Any])?["done"] as? Int ?? -1
    }
}
