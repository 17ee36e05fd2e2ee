import Synchronization
import Testing
import TomoWire
@testable import TomoTransport

/// The socket shells over loopback TCP speaking STAW: real sockets, real threads, the system clock.
@Suite(.serialized) struct LoopTests {
    final class Tally: Sendable {
        let results = Mutex<[TaskKey: Int]>([:])
        let calls = Mutex(0)
    }

    static func config(credit: Int, name: String) -> WorkerLoop.Configuration {
        .init(service: "test", name: name, credit: credit,
              heartbeat: .init(interval: .milliseconds(100), liveness: 3, reconnectInitial: .milliseconds(100)),
              pollMilliseconds: 10, drainTimeout: .seconds(5))
    }

    /// Three workers, 200 tasks; one worker dies (stops without answering) on its 10th task.
    /// Every task is recorded exactly once, with the summary its parameters ask for, and the
    /// dead worker's tasks finish elsewhere with attempt ≥ 2.
    @Test func threeWorkersOneKilledEveryTaskCompletesOnce() throws {
        let ctx = try ZMQContext()
        let hb = HeartbeatStateMachine<WorkerID>.Configuration(interval: .milliseconds(100), liveness: 3)
        let tally = Tally()
        let coordinator = try CoordinatorLoop(
            context: ctx, bindTo: "tcp://127.0.0.1:*",
            configuration: .init(heartbeat: hb, ledger: .init(leaseDuration: .seconds(2))),
            onResult: { key, done in
                #expect(done.result.summaryJSON == "{\"n\":\(key.task)}")
                tally.results.withLock { $0[key, default: 0] += 1 }
            })
        let keys = (0..<UInt64(200)).map { TaskKey(job: 5, iteration: 1, task: $0) }
        coordinator.enqueue(keys.map {
            TaskDescriptor(key: $0, work: TaskWork(operation: "echo", parametersJSON: "{\"n\":\($0.task)}"))
        })
        let echo: WorkerLoop.Handler = { t in .init(summaryJSON: t.parametersJSON) }
        let victimBox = VictimBox()
        let w1 = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, configuration: Self.config(credit: 4, name: "w1"),
                            handler: echo)
        let w2 = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, configuration: Self.config(credit: 4, name: "w2")) { t in
            let n = tally.calls.withLock { $0 += 1; return $0 }
            if n == 10 { victimBox.loop.withLock { $0 }?.kill() }          // dies holding this task
            return .init(summaryJSON: t.parametersJSON)
        }
        victimBox.loop.withLock { $0 = w2 }
        let w3 = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, configuration: Self.config(credit: 4, name: "w3"),
                            handler: echo)

        let settled = coordinator.waitUntilSettled(total: 200, timeout: .seconds(30))
        let sent = [w1.stop(), w3.stop()]
        let killedSent = w2.stop()
        let ledger = coordinator.stop()
        #expect(settled)
        #expect(ledger.completedKeys == Set(keys))
        #expect(ledger.poisonedKeys.isEmpty && ledger.isComplete)
        let results = tally.results.withLock { $0 }
        #expect(results.count == 200 && results.values.allSatisfy { $0 == 1 })
        #expect(killedSent < 200)                      // results pushed before the kill was seen may still go out
        #expect(sent.reduce(0, +) + killedSent >= 200)
        let requeued = coordinator.events.compactMap { e -> TaskKey? in
            if case .requeued(let k, .workerLost) = e { return k } else { return nil }
        }
        #expect(!requeued.isEmpty)
        for k in requeued {
            guard case .done(_, let attempt)? = ledger.state(of: k) else { Issue.record("\(k) not done"); continue }
            #expect(attempt >= 2)
        }
    }

    /// SIGTERM semantics: a gracefully stopped worker finishes its running tasks, hands the rest
    /// back with DISCONNECT (no kill counted); a later worker finishes the job; nothing runs twice.
    @Test func gracefulStopHandsBackWithoutCountingKills() throws {
        let ctx = try ZMQContext()
        let tally = Tally()
        let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*", onResult: { key, _ in
            tally.results.withLock { $0[key, default: 0] += 1 }
        })
        let keys = (0..<UInt64(20)).map { TaskKey(job: 6, iteration: 0, task: $0) }
        coordinator.enqueue(keys.map { TaskDescriptor(key: $0) })
        let slow: WorkerLoop.Handler = { _ in sleepThisThread(milliseconds: 20); return .init() }
        let first = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, configuration: Self.config(credit: 2, name: "a"),
                               handler: slow)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while first.processed < 3 && clock.now < deadline { sleepThisThread(milliseconds: 2) }
        let firstSent = first.stop(.graceful)
        sleepThisThread(milliseconds: 100)                                  // let the goodbye arrive
        let second = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, configuration: Self.config(credit: 2, name: "b"),
                                handler: slow)
        let settled = coordinator.waitUntilSettled(total: 20, timeout: .seconds(30))
        let secondSent = second.stop()
        let ledger = coordinator.stop()
        #expect(settled && ledger.completedKeys == Set(keys))
        #expect(firstSent >= 3 && firstSent + secondSent == 20)           // nothing ran twice
        #expect(keys.allSatisfy { ledger.kills(of: $0) == 0 })
        #expect(!coordinator.events.contains { if case .requeued(_, .workerLost) = $0 { true } else { false } })
        #expect(tally.results.withLock { $0 }.values.allSatisfy { $0 == 1 })
    }
}

final class VictimBox: Sendable {
    let loop = Mutex<WorkerLoop?>(nil)
}
