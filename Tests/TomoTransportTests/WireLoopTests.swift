import Foundation
import Synchronization
import Testing
import TomoWire
@testable import TomoTransport

/// STAW conformance of the coordinator shell: errors, unknown peers, duplicates, heartbeats
/// during long computations, requests.
@Suite(.serialized) struct WireLoopTests {
    static let hb = HeartbeatStateMachine<WorkerID>.Configuration(interval: .milliseconds(100), liveness: 3)

    /// Reads messages until one satisfies `match` (or 2 s pass).
    static func await(_ c: RequestClient, _ match: (Message) -> Bool) -> Message? {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            guard let f = try? c.receiveRaw(timeoutMilliseconds: 100), let m = try? Message.decode(f) else { continue }
            if match(m) { return m }
        }
        return nil
    }

    /// Malformed, wrong-version, oversized and out-of-place messages each get the ERROR code of
    /// docs/protocol.md §11 with what could be read of their correlation fields, an undecodable
    /// ERROR is dropped, and the loop keeps serving requests afterwards.
    @Test func refusesBadFramesWithTheRightCodeAndSurvives() throws {
        let ctx = try ZMQContext()
        let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*", hooks: .init(onRequest: { m, _ in
            Message(.reply(.init(method: "echo", resultJSON: "{}")))
        }))
        defer { _ = coordinator.stop() }
        let client = try RequestClient(context: ctx, endpoint: coordinator.endpoint)
        func errorCode(_ frames: [[UInt8]]) -> UInt16? {
            try? client.sendRaw(frames)
            guard let m = Self.await(client, { $0.command == .error }), case .error(let e) = m.body else { return nil }
            return e.code.rawValue
        }
        let hbFrames = Message(.heartbeat(.init()), correlation: Correlation(jobID: 9)).encode()
        #expect(errorCode([[1, 2, 3]]) == 400)                                  // no signature
        var v2 = hbFrames; v2[0][4] = 2
        #expect(errorCode(v2) == 426)                                           // another major version
        var unknownCommand = hbFrames; unknownCommand[0][5] = 0x7f
        #expect(errorCode(unknownCommand) == 400)
        #expect(errorCode([hbFrames[0], [UInt8](repeating: 0, count: (1 << 20) + 1)]) == 413)   // body over 1 MiB
        #expect(errorCode(hbFrames) == 401)                                     // HEARTBEAT before READY
        let task = Message(.task(.init(leaseMilliseconds: 1, operation: "x")), correlation: Correlation(jobID: 3, taskID: 4))
        #expect(errorCode(task.encode()) == 400)                                // TASK is not for a coordinator
        var badError = Message(.error(.init(code: .malformed, offendingCommand: 0, message: "x"))).encode()
        badError.append([1])                                                    // undecodable ERROR: dropped
        try client.sendRaw(badError)
        let reply = try client.call("echo")
        #expect(reply.reply.method == "echo")
        sleepThisThread(milliseconds: 50)
        let (refused, dropped) = coordinator.protocolErrors
        #expect(refused == 6 && dropped == 1)
    }

    /// A RESULT for a finished key is answered 409 and not applied again; one for an unknown key
    /// 404; one for a withdrawn (cancelled) job 408.
    @Test func duplicateUnknownAndStaleResults() throws {
        let ctx = try ZMQContext()
        let applied = Mutex(0)
        let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*",
                                              configuration: .init(heartbeat: Self.hb),
                                              onResult: { _, _ in applied.withLock { $0 += 1 } })
        defer { _ = coordinator.stop() }
        let k = TaskKey(job: 1, iteration: 0, task: 1)
        coordinator.enqueue([TaskDescriptor(key: k), TaskDescriptor(key: TaskKey(job: 2, iteration: 0, task: 1))])
        coordinator.withdraw(job: 2)
        let w = try RequestClient(context: ctx, endpoint: coordinator.endpoint)
        try w.sendRaw(Message(.ready(.init(credit: 1, service: "t", workerID: "raw"))).encode())
        let taskMessage = try #require(Self.await(w) { $0.command == .task })
        #expect(taskMessage.taskKey == k && taskMessage.correlation.attempt == 1)
        let result = Message(.result(.init(status: .succeeded, computeMilliseconds: 1)), correlation: taskMessage.correlation)
        try w.sendRaw(result.encode())
        try w.sendRaw(result.encode())
        let dup = try #require(Self.await(w) { $0.command == .error })
        guard case .error(let e) = dup.body else { return }
        #expect(e.code == .duplicate && dup.correlation == taskMessage.correlation)
        var unknown = result
        unknown.correlation.taskID = 99
        try w.sendRaw(unknown.encode())
        let nf = try #require(Self.await(w) { $0.command == .error })
        if case .error(let e) = nf.body { #expect(e.code == .notFound) }
        var stale = result
        stale.correlation.jobID = 2
        try w.sendRaw(stale.encode())
        let st = try #require(Self.await(w) { $0.command == .error })
        if case .error(let e) = st.body { #expect(e.code == .stale) }
        #expect(applied.withLock { $0 } == 1)
    }

    /// A task that computes for 1.5 s (15 heartbeat intervals, 5 × the expiry) keeps its lease:
    /// heartbeats flow from the socket thread while the compute thread works, so the worker is
    /// never declared lost and the task is dispatched once.
    @Test func heartbeatsContinueDuringALongTask() throws {
        let ctx = try ZMQContext()
        let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*",
                                              configuration: .init(heartbeat: Self.hb,
                                                                   ledger: .init(leaseDuration: .milliseconds(500))),
                                              onResult: { _, _ in })
        let k = TaskKey(job: 1, iteration: 0, task: 1)
        coordinator.enqueue([TaskDescriptor(key: k)])
        let worker = WorkerLoop(context: ctx, connectTo: coordinator.endpoint,
                                configuration: LoopTests.config(credit: 1, name: "slow")) { _ in
            sleepThisThread(milliseconds: 1500)
            return .init()
        }
        let settled = coordinator.waitUntilSettled(total: 1, timeout: .seconds(10))
        _ = worker.stop()
        let ledger = coordinator.stop()
        #expect(settled)
        guard case .done(_, let attempt)? = ledger.state(of: k) else { Issue.record("not done"); return }
        #expect(attempt == 1 && ledger.kills(of: k) == 0)
        #expect(coordinator.events.isEmpty || !coordinator.events.contains { if case .requeued = $0 { true } else { false } })
    }

    /// A worker that the coordinator no longer knows (it restarted) is told to reconnect: it
    /// sends READY on a new socket and goes on working for the new coordinator.
    @Test func workerReconnectsToARestartedCoordinator() throws {
        let ctx = try ZMQContext()
        let first = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*",
                                        configuration: .init(heartbeat: Self.hb), onResult: { _, _ in })
        let endpoint = first.endpoint
        let worker = WorkerLoop(context: ctx, connectTo: endpoint, configuration: LoopTests.config(credit: 2, name: "r")) { _ in
            .init()
        }
        first.enqueue([TaskDescriptor(key: TaskKey(job: 1, iteration: 0, task: 0))])
        #expect(first.waitUntilSettled(total: 1, timeout: .seconds(5)))
        _ = first.stop()
        // ZeroMQ closes the first socket asynchronously; the port can stay busy for a moment.
        let second = try Self.rebind(ctx, endpoint)
        second.enqueue((0..<UInt64(10)).map { TaskDescriptor(key: TaskKey(job: 2, iteration: 0, task: $0)) })
        let settled = second.waitUntilSettled(total: 10, timeout: .seconds(10))
        let connections = worker.connections
        _ = worker.stop()
        _ = second.stop()
        #expect(settled && connections >= 2)
    }

    static func rebind(_ ctx: ZMQContext, _ endpoint: String) throws -> CoordinatorLoop {
        var attempts = 0
        while true {
            do {
                return try CoordinatorLoop(context: ctx, bindTo: endpoint, configuration: .init(heartbeat: hb),
                                           onResult: { _, _ in })
            } catch {
                attempts += 1
                guard error.errno == 98, attempts < 100 else { throw error }   // EADDRINUSE
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }
}
