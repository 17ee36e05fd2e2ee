// NetnsProbe: test-only CURVE tools. scripts/netns-test.sh uses `submit` (a client of the real
// catalog); `coordinator` and `worker` are the earlier stand-ins, built on
// CoordinatorLoop/WorkerLoop, standing in for the catalog and a worker service until they land.
// Flags follow the services' (docs/architecture.md): --bind, --catalog, --keys, --name.
//
//   NetnsProbe coordinator --bind ENDPOINT [--keys DIR] --tasks N [--expect-refusals K] [--timeout S]
//       hands out N no-op tasks; prints "refused address=A key=K" per refused peer and
//       "result done=D/N workers=NAME:COUNT,... refused=R"; exit 0 when all N are done and at
//       least K connections were refused within S seconds (default 20), else 1.
//   NetnsProbe worker --catalog ENDPOINT [--keys DIR] --name NAME [--seconds S] [--task-ms T]
//       processes tasks (T ms each, default 50; NAME goes in its READY) until SIGTERM/SIGINT or
//       S seconds (default 25);
//       prints "worker NAME processed=K".
//   NetnsProbe submit --catalog ENDPOINT [--keys DIR] --type TYPE --parameters JSON [--timeout S]
//       submits one job to a real catalog, polls job.get, prints "job ID STATE"; exit 0 when it succeeded.
import Foundation
import Synchronization
import TomoTransport
import TomoWire

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("NetnsProbe: \(message)\n".utf8))
    exit(2)
}

/// Writes a line to standard output at once (unbuffered: the script reads it while we run).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let mode = CommandLine.arguments.dropFirst().first ?? ""
let flags: [String: String] = {
    var arguments = Array(CommandLine.arguments.dropFirst(2)), parsed: [String: String] = [:]
    while !arguments.isEmpty {
        let flag = arguments.removeFirst()
        guard flag.hasPrefix("--"), !arguments.isEmpty else { fail("expected --flag VALUE, got '\(flag)'") }
        parsed[String(flag.dropFirst(2))] = arguments.removeFirst()
    }
    return parsed
}()
func flag(_ name: String) -> String {
    guard let v = flags[name] else { fail("\(mode) needs --\(name)") }
    return v
}
func number(_ name: String, default value: Int) -> Int {
    guard let s = flags[name] else { return value }
    guard let n = Int(s) else { fail("--\(name) '\(s)' is not a number") }
    return n
}
let keys = flags["keys"].map(CurveKeyDirectory.init(path:))
let heartbeat = Duration.milliseconds(200)

/// Tallies results by the worker name each result carries.
final class Tally: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    func add(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
    var snapshot: [String: Int] { counts.withLock { $0 } }
}

do {
    let context = try ZMQContext()
    switch mode {
    case "coordinator":
        let endpoint = flag("bind"), total = number("tasks", default: 20)
        let expectRefusals = number("expect-refusals", default: 0), timeout = number("timeout", default: 20)
        let security = try CurveSecurity.forBinding(endpoint, keys: keys, context: context)
        let tally = Tally()
        let loop = try CoordinatorLoop(
            context: context, bindTo: endpoint,
            configuration: .init(heartbeat: .init(interval: heartbeat, liveness: 5), ledger: .init(leaseDuration: .seconds(5)),
                                 security: security),
            onResult: { _, done in tally.add(done.workerName) })
        var zap: ZAPHandler?
        if case .server(_, let handler) = security { zap = handler }
        say("coordinator listening on \(loop.endpoint) (\(zap == nil ? "no security" : "CURVE"))")
        loop.enqueue((0..<UInt64(total)).map { TaskDescriptor(key: TaskKey(job: 1, iteration: 0, task: $0)) })
        let deadline = ContinuousClock.now + .seconds(timeout)
        var settled = false
        while ContinuousClock.now < deadline {
            settled = loop.waitUntilSettled(total: total, timeout: .milliseconds(100))
            if settled && (zap?.refusedCount ?? 0) >= expectRefusals { break }
        }
        let ledger = loop.stop()
        let refusals = zap?.refusals ?? []
        var seen = Set<String>()
        for r in refusals where seen.insert("\(r.address) \(r.clientKey ?? "-")").inserted {
            say("refused address=\(r.address) mechanism=\(r.mechanism) key=\(r.clientKey ?? "-")")
        }
        let workers = tally.snapshot.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
        let done = ledger.completedKeys.count
        say("result done=\(done)/\(total) workers=\(workers) refused=\(zap?.refusedCount ?? 0)")
        exit(done == total && refusals.count >= expectRefusals ? 0 : 1)

    case "worker":
        let endpoint = flag("catalog"), name = flag("name"), seconds = number("seconds", default: 25)
        let taskMilliseconds = number("task-ms", default: 50)   // so that every worker gets a share
        var signals = sigset_t()
        sigemptyset(&signals)
        for s in [SIGTERM, SIGINT, SIGALRM] { sigaddset(&signals, s) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)                  // before any thread starts
        let security = try CurveSecurity.forConnecting(endpoint, keys: keys)
        let configuration = WorkerLoop.Configuration(
            service: "netns-probe", name: name, credit: 2,
            heartbeat: .init(interval: heartbeat, liveness: 5, reconnectInitial: .milliseconds(250)), security: security)
        let worker = WorkerLoop(context: context, connectTo: endpoint, configuration: configuration) { _ in
            Thread.sleep(forTimeInterval: Double(taskMilliseconds) / 1000)
            return .init()
        }
        if case .client = security { say("worker \(name) connecting to \(endpoint) (CURVE)") }
        else { say("worker \(name) connecting to \(endpoint) (no security)") }
        alarm(UInt32(seconds))
        var received: Int32 = 0
        sigwait(&signals, &received)
        // `.kill`, not `.graceful`: a graceful stop sends a goodbye, and a refused worker's DEALER
        // has no peer, so that send would block (WorkerLoop sends without a timeout).
        let processed = worker.processed
        worker.kill()
        say("worker \(name) processed=\(processed)")
        exit(0)

    case "submit":
        // A client of the real catalog: submits one job (`--type`, `--parameters JSON`) over the
        // catalog's CURVE endpoint, polls `job.get` until it ends, prints "job ID STATE".
        let endpoint = flag("catalog")
        let security = try CurveSecurity.forConnecting(endpoint, keys: keys)
        let client = try RequestClient(context: context, endpoint: endpoint, security: security)
        let args = "{\"type\":\"\(flag("type"))\",\"parameters\":\(flag("parameters"))}"
        var g = SystemRandomNumberGenerator()
        let reply = try client.call("job.submit", argumentsJSON: args, idempotencyKey: IdempotencyKey(using: &g),
                                    timeoutMilliseconds: 15_000)
        let submitted = try JSONSerialization.jsonObject(with: Data(reply.reply.resultJSON.utf8)) as? [String: Any]
        guard let id = submitted?["job"] as? Int else { fail("job.submit answered \(reply.reply.resultJSON)") }
        let deadline = ContinuousClock.now + .seconds(number("timeout", default: 30))
        while ContinuousClock.now < deadline {
            let r = try client.call("job.get", argumentsJSON: "{\"job\":\(id)}", timeoutMilliseconds: 5000)
            let job = (try JSONSerialization.jsonObject(with: Data(r.reply.resultJSON.utf8)) as? [String: Any])?["job"]
            let state = ((job as? [String: Any])?["status"] ?? (job as? [String: Any])?["state"]) as? String ?? "?"
            if ["succeeded", "failed", "cancelled"].contains(state) {
                say("job \(id) \(state)")
                exit(state == "succeeded" ? 0 : 1)
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        say("job \(id) timeout")
        exit(1)

    default:
        fail("usage: NetnsProbe coordinator|worker|submit FLAGS; unknown mode '\(mode)' (coordinator or worker)")
    }
} catch {
    fail("\(error)")
}
