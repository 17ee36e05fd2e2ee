import Synchronization
import Testing
@testable import TomoTransport

/// The socket shells over loopback TCP: real sockets, real threads, the system clock.
@Suite(.serialized) struct LoopTests {
    final class Tally: Sendable {
        let results = Mutex<[TaskKey: Int]>([:])
        let calls = Mutex(0)
    }

    @Test func placeholderFramingRoundTrips() {
        let k = TaskKey(job: 0x0102_0304_0506_0708, iteration: 9, task: 1 << 40)
        let messages: [TransportMessage] = [
            .ready(credit: 4, capabilities: ["align", "classify"]), .ready(credit: 1, capabilities: []),
            .task(k, attempt: 3, payload: [[1, 2], []]), .result(k, attempt: 2, payload: [[9]]),
            .failure(k, attempt: 1, reason: "NaN"), .heartbeat, .handBack([k, k]), .disconnect,
        ]
        for m in messages { #expect(TransportMessage.decode(m.encode()[...]) == m) }
        #expect(TransportMessage.decode([[0xA7, 99]][...]) == nil)
        #expect(TransportMessage.decode([[0xA7, 2], [1, 2, 3]][...]) == nil)   // truncated header
    }

    /// Three workers, 200 tasks; one worker dies (stops without answering) on its 10th task.
    /// Every task is recorded exactly once, and the dead worker's tasks finish elsewhere.
    @Test func threeWorkersOneKilledEveryTaskCompletesOnce() throws {
        let ctx = try ZMQContext()
        let hb = HeartbeatStateMachine<WorkerID>.Configuration(interval: .milliseconds(100), liveness: 3)
        let tally = Tally()
        let coordinator = try CoordinatorLoop(
            context: ctx, bindTo: "tcp://127.0.0.1:*",
            configuration: .init(heartbeat: hb, ledger: .init(leaseDuration: .seconds(2))),
            onResult: { key, payload in
                #expect(payload == [[UInt8(key.task & 0xff)]])
                tally.results.withLock { $0[key, default: 0] += 1 }
            })
        let keys = (0..<UInt64(200)).map { TaskKey(job: 5, iteration: 1, task: $0) }
        coordinator.enqueue(keys.map { TaskDescriptor(key: $0, payload: [[UInt8($0.task & 0xff)]]) })

        let echo: WorkerLoop.Handler = { _, payload in payload }
        let workerHB = HeartbeatStateMachine<Int>.Configuration(interval: .milliseconds(100), liveness: 3)
        let victimBox = VictimBox()
        let w1 = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, credit: 4, heartbeat: workerHB, handler: echo)
        let w2 = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, credit: 4, heartbeat: workerHB) { key, payload in
            let n = tally.calls.withLock { $0 += 1; return $0 }
            if n == 10 { victimBox.loop.withLock { $0 }?.kill() }          // dies holding this task
            return payload
        }
        victimBox.loop.withLock { $0 = w2 }
        let w3 = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, credit: 4, heartbeat: workerHB, handler: echo)

        let settled = coordinator.waitUntilSettled(total: 200, timeout: .seconds(30))
        let sent = [w1.stop(), w3.stop()]
        let killedSent = w2.stop()
        let ledger = coordinator.stop()
        #expect(settled)
        #expect(ledger.completedKeys == Set(keys))
        #expect(ledger.poisonedKeys.isEmpty && ledger.isComplete)
        let results = tally.results.withLock { $0 }
        #expect(results.count == 200 && results.values.allSatisfy { $0 == 1 })
        #expect(killedSent == 9)
        #expect(sent.reduce(0, +) + killedSent >= 200)
        // the killed worker was declared lost and its tasks were finished by someone else
        let lost = Set(coordinator.events.compactMap { e -> WorkerID? in
            if case .requeued(_, .workerLost(let w)) = e { return w } else { return nil }
        })
        let requeued = coordinator.events.compactMap { e -> TaskKey? in
            if case .requeued(let k, .workerLost) = e { return k } else { return nil }
        }
        #expect(lost.count >= 1 && !requeued.isEmpty)
        for k in requeued {
            guard case .done(let w, let attempt)? = ledger.state(of: k) else { Issue.record("\(k) not done"); continue }
            #expect(!lost.contains(w) && attempt >= 2)
        }
    }

    /// SIGTERM semantics: a gracefully stopped worker finishes its task in progress, hands the
    /// rest back (no kill counted) and says goodbye; a later worker finishes the job.
    @Test func gracefulStopHandsBackWithoutCountingKills() throws {
        let ctx = try ZMQContext()
        let tally = Tally()
        let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*", onResult: { key, _ in
            tally.results.withLock { $0[key, default: 0] += 1 }
        })
        let keys = (0..<UInt64(20)).map { TaskKey(job: 6, iteration: 0, task: $0) }
        coordinator.enqueue(keys.map { TaskDescriptor(key: $0) })
        let slow: WorkerLoop.Handler = { _, _ in sleepThisThread(milliseconds: 20); return [] }
        let first = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, credit: 4, handler: slow)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while first.processed < 3 && clock.now < deadline { sleepThisThread(milliseconds: 2) }
        let firstSent = first.stop(.graceful)
        sleepThisThread(milliseconds: 100)                                  // let the goodbye arrive
        let handedBack = coordinator.events.filter { if case .requeued(_, .handedBack) = $0 { true } else { false } }
        let second = WorkerLoop(context: ctx, connectTo: coordinator.endpoint, credit: 4, handler: slow)
        let settled = coordinator.waitUntilSettled(total: 20, timeout: .seconds(30))
        let secondSent = second.stop()
        let ledger = coordinator.stop()
        #expect(settled && ledger.completedKeys == Set(keys))
        #expect(firstSent >= 3 && firstSent + secondSent == 20)           // nothing ran twice
        #expect(!handedBack.isEmpty)
        #expect(keys.allSatisfy { ledger.kills(of: $0) == 0 })
        #expect(!coordinator.events.contains { if case .requeued(_, .workerLost) = $0 { true } else { false } })
        #expect(tally.results.withLock { $0 }.values.allSatisfy { $0 == 1 })
    }
}

final class VictimBox: Sendable {
    let loop = Mutex<WorkerLoop?>(nil)
}
