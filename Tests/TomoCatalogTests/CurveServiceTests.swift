import Foundation
import Testing
import TomoTransport
import TomoWire

/// A key directory as `sta keys generate/allow` leave it: `server.key{,_secret}`,
/// `client.key{,_secret}` and `allowed/client.key`; plus a rogue pair nobody allowed.
struct CurveTestKeys {
    let dir: String
    let server: CurveKeyPair
    let client: CurveKeyPair
    let rogue: CurveKeyPair

    init(dir: String) throws {
        self.dir = dir
        server = try CurveKeyPair.generate()
        client = try CurveKeyPair.generate()
        rogue = try CurveKeyPair.generate()
        try CurveKeyFiles.write(server, name: "server", directory: dir)
        try CurveKeyFiles.write(client, name: "client", directory: dir)
        try CurveKeyFiles.write(client, name: "client", directory: dir + "/allowed")
        try FileManager.default.removeItem(atPath: dir + "/allowed/client.key_secret")
    }

    /// A CURVE client identified by `pair`.
    func clientSecurity(_ pair: CurveKeyPair) -> CurveSecurity {
        .client(serverPublicKey: server.publicKey, keyPair: pair)
    }
}

/// The real services with `--keys`: policy refusals at start, CURVE with the ZAP allow-list on
/// the catalog's ROUTER and the monitor's bus (docs/protocol.md §12).
@Suite(.serialized, .enabled(if: Cluster.available && CurveKeyPair.isCurveAvailable
                              && FileManager.default.isExecutableFile(atPath: Cluster.binDirectory + "/monitor")))
struct CurveServiceTests {
    static func temporaryDirectory() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("sta-curve-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    static func freePort() -> Int { Int.random(in: 30_000..<60_000) }

    /// Runs `name args` to its end (at most 20 s); returns the exit status and stdout+stderr.
    static func runToEnd(_ name: String, _ args: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Cluster.binDirectory + "/" + name)
        p.arguments = args
        if let environment { p.environment = environment }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (p.terminationStatus, out)
    }

    static func launch(_ name: String, _ args: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Cluster.binDirectory + "/" + name)
        p.arguments = args
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let h = FileHandle(forWritingAtPath: log)
        p.standardOutput = h
        p.standardError = h
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "STA_KEYS")
        p.environment = env
        try p.run()
        return p
    }

    static func stop(_ p: Process) {
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
    }

    /// Each service asked for a non-loopback TCP endpoint without keys exits 1 before binding (the error from `validate()`),
    /// naming the endpoint and `--keys`.
    @Test func nonLoopbackWithoutKeysRefusesToStart() throws {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "STA_KEYS")
        let cases: [(String, [String], String)] = [
            ("catalog", ["--project", "/nonexistent", "--bind", "tcp://10.99.1.1:5555"], "tcp://10.99.1.1:5555"),
            ("catalog", ["--project", "/nonexistent", "--bind", "ipc:///tmp/x", "--events", "tcp://10.99.1.1:5557"],
             "tcp://10.99.1.1:5557"),
            ("extractor", ["--catalog", "tcp://10.99.1.1:5555"], "tcp://10.99.1.1:5555"),
            ("reconstructor", ["--catalog", "tcp://node7:5555"], "tcp://node7:5555"),
            ("monitor", ["serve", "--xsub", "tcp://*:5557", "--xpub", "ipc:///tmp/y"], "tcp://*:5557"),
            ("monitor", ["jobs", "--catalog", "tcp://10.99.1.1:5555"], "tcp://10.99.1.1:5555"),
            ("monitor", ["subscribe", "--events", "tcp://10.99.1.1:5558"], "tcp://10.99.1.1:5558"),
        ]
        for (name, args, endpoint) in cases {
            guard FileManager.default.isExecutableFile(atPath: Cluster.binDirectory + "/" + name) else { continue }
            let (status, out) = try Self.runToEnd(name, args, environment: env)
            #expect(status == 1, "\(name) \(args): \(out)")
            #expect(out.contains(endpoint) && out.contains("--keys"), "\(name) \(args): \(out)")
        }
    }

    /// A catalog on loopback TCP with `--keys` speaks CURVE: an allowed client key gets a `job.list`
    /// REPLY, an unknown key gets nothing (and the refusal is in the catalog's log), and a
    /// client without CURVE gets nothing either.
    @Test func catalogAcceptsAllowedKeyOnly() async throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let keys = try CurveTestKeys(dir: dir + "/keys")
        let project = try TiltSeriesProject()
        defer { project.remove() }
        let endpoint = "tcp://127.0.0.1:\(Self.freePort())"
        let log = dir + "/catalog.log"
        let catalog = try Self.launch("catalog", ["--project", project.root, "--bind", endpoint,
                                                  "--events", "ipc://\(dir)/events", "--keys", keys.dir,
                                                  "--heartbeat-ms", "100"], log: log)
        defer { Self.stop(catalog) }
        let context = try ZMQContext()
        let allowed = try RequestClient(context: context, endpoint: endpoint, security: keys.clientSecurity(keys.client))
        let reply = try allowed.call("job.list", timeoutMilliseconds: 10_000)
        #expect(reply.reply.resultJSON.contains("jobs"))

        let rogue = try RequestClient(context: context, endpoint: endpoint, security: keys.clientSecurity(keys.rogue))
        #expect(throws: RequestError.self) { try rogue.call("job.list", timeoutMilliseconds: 1500) }
        let plain = try RequestClient(context: context, endpoint: endpoint)
        #expect(throws: RequestError.self) { try plain.call("job.list", timeoutMilliseconds: 1000) }

        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(text.contains("refused CURVE connection from 127.0.0.1"), "\(text)")
        // The allowed client still works after the refusals.
        #expect(try allowed.call("job.list", timeoutMilliseconds: 5000).reply.resultJSON.contains("jobs"))
    }

    /// `monitor serve --keys` binds a CURVE bus: an allowed publisher's event reaches an allowed
    /// subscriber; a subscriber with an unknown key receives nothing.
    @Test func monitorBusOverCurve() async throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let keys = try CurveTestKeys(dir: dir + "/keys")
        let port = Self.freePort()
        let xsub = "tcp://127.0.0.1:\(port)", xpub = "tcp://127.0.0.1:\(port + 1)"
        let monitor = try Self.launch("monitor", ["serve", "--xsub", xsub, "--xpub", xpub, "--keys", keys.dir,
                                                  "--heartbeat", "0.2", "--health-dir", dir],
                                      log: dir + "/monitor.log")
        defer { Self.stop(monitor) }
        let context = try ZMQContext()
        let subscriber = try EventSubscriber(context: context, connectTo: xpub, topics: ["test."],
                                             security: keys.clientSecurity(keys.client))
        let rogue = try EventSubscriber(context: context, connectTo: xpub, topics: ["test.", "service."],
                                        security: keys.clientSecurity(keys.rogue))
        let publisher = EventPublisher(context: context, connectTo: xsub, joinDelay: .milliseconds(300),
                                       security: keys.clientSecurity(keys.client))
        defer { publisher.close() }
        try await Task.sleep(for: .milliseconds(300))
        var received: ReceivedEvent?
        let deadline = Date().addingTimeInterval(10)
        while received == nil && Date() < deadline {
            publisher.publish(topic: "test.curve", json: "{\"n\":7}")
            received = try subscriber.next(timeoutMilliseconds: 300)
        }
        #expect(received?.topic == "test.curve")
        #expect(received?.json == "{\"n\":7}")
        #expect(try rogue.next(timeoutMilliseconds: 500) == nil)
        let text = (try? String(contentsOfFile: dir + "/monitor.log", encoding: .utf8)) ?? ""
        #expect(text.contains("refused CURVE connection"), "\(text)")
    }
}
