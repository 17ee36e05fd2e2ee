import Foundation
import Synchronization
import Testing
@testable import TomoTransport

/// CURVE ROUTER/DEALER over loopback TCP with a ZAP handler: real sockets, real handshakes.
/// Serialized: every test binds the context's `inproc://zeromq.zap.01`, one context each.
@Suite(.serialized) struct CurveSocketTests {
    /// A server context: allow-list directory with `allowed` keys, ZAP handler, CURVE ROUTER.
    struct Server {
        let context: ZMQContext
        let zap: ZAPHandler
        let router: ZMQSocket
        let keys: CurveKeyPair
        let directory: String

        init(allowed: [CurveKeyPair]) throws {
            directory = CurveKeyFileTests.temporaryDirectory()
            for (i, k) in allowed.enumerated() {
                try CurveKeyFiles.writePublic(CurveCertificate(publicKey: k.publicKey), to: "\(directory)/c\(i).key")
            }
            context = try ZMQContext()
            zap = try ZAPHandler(context: context, allowedDirectory: directory, log: { _ in })
            keys = try CurveKeyPair.generate()
            router = try ZMQSocket(context, type: .router)
            try router.makeCurveServer(secretKey: keys.secretKey)
            try router.bind("tcp://127.0.0.1:*")
        }
        func close() { zap.stop(); try? FileManager.default.removeItem(atPath: directory) }
    }

    static func client(_ server: Server, _ pair: CurveKeyPair?, context: ZMQContext) throws -> ZMQSocket {
        let s = try ZMQSocket(context, type: .dealer, lingerMilliseconds: 0)
        if let pair { try s.makeCurveClient(serverPublicKey: server.keys.publicKey, clientKeyPair: pair) }
        try s.connect(server.router.lastEndpoint)
        return s
    }

    /// Waits up to 3 s for `condition`.
    static func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<300 { if condition() { return true }; Thread.sleep(forTimeInterval: 0.01) }
        return condition()
    }

    @Test func allowedClientRoundTripsAndIsCounted() throws {
        let client = try CurveKeyPair.generate()
        let server = try Server(allowed: [client])
        defer { server.close() }
        let ctx = try ZMQContext()
        let dealer = try Self.client(server, client, context: ctx)
        #expect(server.router.mechanism == .curve && dealer.mechanism == .curve)
        try dealer.send([Array("hello".utf8)])
        let got = try #require(try server.router.receive(timeoutMilliseconds: 5000))
        #expect(got.count == 2 && got[1] == Array("hello".utf8))
        try server.router.send([got[0], Array("ack".utf8)])
        #expect(try dealer.receive(timeoutMilliseconds: 5000) == [Array("ack".utf8)])
        #expect(server.zap.acceptedCount == 1 && server.zap.refusedCount == 0)
    }

    /// A client with a key not in the allow-list: nothing reaches the server, and the handler
    /// records the refusal with the peer address and the client key.
    @Test func unknownKeyIsRefusedAndRecorded() throws {
        let server = try Server(allowed: [try CurveKeyPair.generate()])
        defer { server.close() }
        let rogue = try CurveKeyPair.generate()
        let ctx = try ZMQContext()
        let dealer = try Self.client(server, rogue, context: ctx)
        try dealer.send([Array("let me in".utf8)])
        #expect(try server.router.receive(timeoutMilliseconds: 500) == nil)
        #expect(Self.eventually { server.zap.refusedCount >= 1 })
        let refusal = try #require(server.zap.refusals.first)
        #expect(refusal.address == "127.0.0.1" && refusal.mechanism == "CURVE")
        #expect(refusal.clientKey == rogue.publicKey.z85)
        #expect(server.zap.acceptedCount == 0)
    }

    /// A client without CURVE (NULL mechanism) and a CURVE client that expects another server
    /// key: neither gets a message through (the handshake fails before ZAP is asked).
    @Test func plainClientAndWrongServerKeyAreRefused() throws {
        let allowed = try CurveKeyPair.generate()
        let server = try Server(allowed: [allowed])
        defer { server.close() }
        let ctx = try ZMQContext()
        let plain = try Self.client(server, nil, context: ctx)
        #expect(plain.mechanism == .null)
        try plain.send([Array("plain".utf8)])
        let impostor = try ZMQSocket(ctx, type: .dealer, lingerMilliseconds: 0)
        try impostor.makeCurveClient(serverPublicKey: try CurveKeyPair.generate().publicKey, clientKeyPair: allowed)
        try impostor.connect(server.router.lastEndpoint)
        try impostor.send([Array("wrong server".utf8)])
        #expect(try server.router.receive(timeoutMilliseconds: 700) == nil)
        #expect(server.zap.acceptedCount == 0)
    }

    /// `sta keys allow` takes effect without a restart: a key added to the directory after a
    /// refusal is accepted on the next connection (the handler re-reads a changed directory).
    @Test func allowListReloadsWhenTheDirectoryChanges() throws {
        let server = try Server(allowed: [])
        defer { server.close() }
        let late = try CurveKeyPair.generate()
        let ctx = try ZMQContext()
        let first = try Self.client(server, late, context: ctx)
        try first.send([[1]])
        #expect(Self.eventually { server.zap.refusedCount >= 1 })
        Thread.sleep(forTimeInterval: 0.02)                      // a distinct directory mtime
        try CurveKeyFiles.writePublic(CurveCertificate(publicKey: late.publicKey), to: server.directory + "/late.key")
        let second = try Self.client(server, late, context: ctx)
        try second.send([[2]])
        let got = try #require(try server.router.receive(timeoutMilliseconds: 5000))
        #expect(got.last == [2])
        #expect(server.zap.allowList.allows(late.publicKey))
    }

    /// One ZAP handler per context: a second bind of the inproc endpoint fails with EADDRINUSE.
    @Test func secondHandlerOnAContextIsRefused() throws {
        let server = try Server(allowed: [])
        defer { server.close() }
        do {
            _ = try ZAPHandler(context: server.context, allowedDirectory: server.directory, log: { _ in })
            Issue.record("a second ZAP handler bound")
        } catch {
            #expect(error.errno == EADDRINUSE)
        }
    }

    /// The coordinator and worker loops over CURVE: `CurveSecurity` from key directories as a
    /// service would build them; 30 tasks complete, all by the allowed worker.
    @Test func loopsRunAJobOverCurve() throws {
        let root = CurveKeyFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let serverDir = CurveKeyDirectory(path: root + "/server"), workerDir = CurveKeyDirectory(path: root + "/worker")
        let serverPair = try CurveKeyPair.generate(), workerPair = try CurveKeyPair.generate()
        try CurveKeyFiles.write(serverPair, name: "server", directory: serverDir.path)
        try CurveKeyFiles.write(workerPair, name: "client", directory: workerDir.path)
        try FileManager.default.copyItem(atPath: serverDir.path + "/server.key", toPath: workerDir.path + "/server.key")
        try CurveKeyFiles.makeDirectory(serverDir.allowedDirectory)
        try FileManager.default.copyItem(atPath: workerDir.path + "/client.key", toPath: serverDir.allowedDirectory + "/w.key")

        let ctx = try ZMQContext()
        let serverSecurity = try CurveSecurity.forBinding("tcp://127.0.0.1:*", keys: serverDir, context: ctx)
        guard case .server(let pair, let zap) = serverSecurity else { Issue.record("not a CURVE server"); return }
        #expect(pair == serverPair)
        defer { zap.stop() }
        let results = Mutex(0)
        let hb = HeartbeatStateMachine<WorkerID>.Configuration(interval: .milliseconds(100), liveness: 5)
        let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*",
                                              configuration: .init(heartbeat: hb, security: serverSecurity),
                                              onResult: { _, done in
                                                  if done.workerName == "w" { results.withLock { $0 += 1 } }
                                              })
        coordinator.enqueue((0..<UInt64(30)).map { TaskDescriptor(key: TaskKey(job: 9, iteration: 0, task: $0)) })
        let workerSecurity = try CurveSecurity.forConnecting(coordinator.endpoint, keys: workerDir)
        let worker = WorkerLoop(context: ctx, connectTo: coordinator.endpoint,
                                configuration: .init(service: "test", name: "w", credit: 2,
                                                     heartbeat: .init(interval: .milliseconds(100), liveness: 5),
                                                     pollMilliseconds: 10, security: workerSecurity)) { _ in .init() }
        let settled = coordinator.waitUntilSettled(total: 30, timeout: .seconds(20))
        let processed = worker.stop()
        let ledger = coordinator.stop()
        #expect(settled && ledger.completedKeys.count == 30)
        #expect(processed == 30 && results.withLock { $0 } == 30)
        #expect(zap.acceptedCount >= 1 && zap.refusedCount == 0)
    }
}
