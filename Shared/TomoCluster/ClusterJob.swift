import Foundation
import TomoTransport
import TomoWire

/// A job run on a cluster from the command line (`sta extract`, `sta reconstruct`): find the
/// catalog, `job.submit` the job, then follow it with `job.get` until it ends, printing progress
/// (tasks done/total, particles and particles/s, ETA) and the outputs.
///
/// The catalog is, in this order: the `--catalog` flag, `STA_CATALOG`, the running embedded
/// cluster of the project (`<project>/.sta/cluster.json`), or the embedded cluster started now
/// (`LocalCluster.ensureRunning`).
public enum ClusterJob {
    /// The final state of a followed job.
    public struct Outcome: Sendable {
        /// The job id.
        public var id: Int
        /// `succeeded`, `failed` or `cancelled`.
        public var status: String
        /// Project-relative output nodes.
        public var outputs: [String]
        /// The error message of a failed job.
        public var error: String?
        /// Particles processed (from the task summaries).
        public var particles: Int
        /// Seconds from submission to the end.
        public var seconds: Double
    }

    /// The catalog endpoint for `project`, starting the embedded cluster when none is configured.
    /// `started` is true when this call started it.
    public static func endpoint(explicit: String?, project: URL,
                                environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ClusterError) -> (endpoint: String, started: Bool)
    {
        if let e = explicit, !e.isEmpty { return (e, false) }
        if let e = environment["STA_CATALOG"], !e.isEmpty { return (e, false) }
        if let s = try LocalCluster.status(project: project),
           s.processes.contains(where: { $0.name == "catalog" && $0.running }) {
            return (s.cluster.endpoints.catalog, false)
        }
        let file = try LocalCluster.ensureRunning(project: project)
        guard file.processes.contains(where: { $0.name == "catalog" }) else {
            throw ClusterError("no catalog executable next to sta in \(LocalCluster.executableDirectory.path); run with --in-process")
        }
        return (file.endpoints.catalog, true)
    }

    /// Finds the catalog (``endpoint(explicit:project:environment:)``), submits the job and
    /// follows it to its end; `report` receives the progress lines. `keys` is the CURVE key
    /// directory (`--keys`, else `STA_KEYS`): the connection is CURVE when keys are given, and a
    /// non-loopback TCP catalog without keys is refused (`EndpointPolicy`).
    public static func run(type: String, parameters: [String: Any], catalog explicit: String?,
                           keys: String? = nil, project: URL,
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           report: (String) -> Void) throws -> Outcome {
        let (endpoint, started) = try endpoint(explicit: explicit, project: project, environment: environment)
        if started { report("started the local cluster of \(project.path) (stop it with `sta down`)") }
        let context = try ZMQContext()
        let client = try RequestClient(context: context, endpoint: endpoint,
                                       security: try security(connectingTo: endpoint, keys: keys, environment: environment))
        let id = try submit(client, type: type, parameters: parameters)
        report("submitted \(type) as job \(id) to \(endpoint)")
        return try follow(client, job: id, report: report)
    }

    /// The security of a client connection to `endpoint`: keys from `keys`, else `STA_KEYS`.
    /// - Throws: `ClusterError` naming the endpoint and `--keys` when CURVE is required and no
    ///   keys were given, or the key files cannot be read.
    public static func security(connectingTo endpoint: String, keys: String?,
                                environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ClusterError) -> CurveSecurity
    {
        let dir = keys ?? environment["STA_KEYS"].flatMap { $0.isEmpty ? nil : $0 }
        do { return try CurveSecurity.forConnecting(endpoint, keys: dir.map(CurveKeyDirectory.init(path:))) } catch {
            throw ClusterError("cannot connect to \(endpoint): \(error) (pass --keys DIR or set STA_KEYS)")
        }
    }

    /// Submits a job of `type` with `parameters` and returns its id.
    public static func submit(_ client: RequestClient, type: String, parameters: [String: Any],
                              timeoutMilliseconds: Int = 60_000) throws -> Int {
        let args = json(["type": type, "parameters": parameters])
        var g = SystemRandomNumberGenerator()
        let r = try client.call("job.submit", argumentsJSON: args, idempotencyKey: IdempotencyKey(using: &g),
                                timeoutMilliseconds: timeoutMilliseconds)
        guard let id = object(r.reply.resultJSON)["job"] as? Int else {
            throw ClusterError("job.submit answered without a job id: \(r.reply.resultJSON)")
        }
        return id
    }

    /// Polls `job.get` every `interval` until the job ends, calling `report` with one progress
    /// line whenever the counts change; the catalog must answer within `silence`.
    public static func follow(_ client: RequestClient, job id: Int, interval: Duration = .milliseconds(250),
                              silence: Duration = .seconds(60), report: (String) -> Void) throws -> Outcome {
        let start = ContinuousClock.now
        var last = ""
        var lastHeard = ContinuousClock.now
        while true {
            let reply: RequestClient.Response
            switch Result(catching: { () throws(RequestError) in
                try client.call("job.get", argumentsJSON: json(["job": id]), timeoutMilliseconds: 5_000)
            }) {
            case .success(let r):
                reply = r
                lastHeard = .now
            case .failure(let e):
                if e.code != nil { throw e }
                if ContinuousClock.now - lastHeard > silence { throw ClusterError("the catalog has not answered for \(silence)") }
                continue
            }
            let job = object(reply.reply.resultJSON)["job"] as? [String: Any] ?? [:]
            let status = job["status"] as? String ?? "unknown"
            let p = job["progress"] as? [String: Any] ?? [:]
            let done = p["done"] as? Int ?? 0, total = p["total"] as? Int ?? 0, particles = p["particles"] as? Int ?? 0
            let seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
            let line = progressLine(id: id, status: status, done: done, total: total, particles: particles, seconds: seconds)
            if "\(status) \(done) \(particles)" != last {
                last = "\(status) \(done) \(particles)"
                report(line)
            }
            if ["succeeded", "failed", "cancelled"].contains(status) {
                return Outcome(id: id, status: status, outputs: job["outputs"] as? [String] ?? [],
                               error: job["error"] as? String, particles: particles, seconds: seconds)
            }
            Thread.sleep(forTimeInterval: Double(interval / .milliseconds(1)) / 1000)
        }
    }

    /// `job 3 running: 4/7 tasks, 20 particles, 12.3 particles/s, ETA 2 s`.
    public static func progressLine(id: Int, status: String, done: Int, total: Int, particles: Int, seconds: Double) -> String {
        let rate = Double(particles) / max(seconds, 1e-3)
        var s = "job \(id) \(status): \(done)/\(total) tasks, \(particles) particles, "
            + String(format: "%.1f particles/s", rate)
        if done > 0 && done < total {
            s += String(format: ", ETA %.0f s", seconds / Double(done) * Double(total - done))
        }
        return s
    }

    static func json(_ o: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
