import Testing
import TomoTransport

/// Strict stickiness (`TaskDescriptor.preferredOnly`): a task waits for its preferred worker while
/// that worker is registered, and goes to anyone once it is lost, disconnects or drains.
@Suite struct TaskLedgerStickyTests {
    static let a = WorkerID("a"), b = WorkerID("b")

    static func task(_ i: UInt64, _ p: WorkerID?, strict: Bool = true) -> TaskDescriptor {
        TaskDescriptor(key: TaskKey(job: 3, iteration: 2, task: i), work: TaskWork(operation: "class3d.estep"),
                       preferredWorker: p, preferredOnly: strict)
    }

    @Test func strictTasksWaitForTheirBusyWorker() {
        var l = TaskLedger()
        _ = l.workerReady(Self.a, credit: 1, at: .zero)
        _ = l.workerReady(Self.b, credit: 1, at: .zero)
        l.enqueue(contentsOf: [Self.task(0, Self.a), Self.task(1, Self.a), Self.task(2, Self.b), Self.task(3, Self.a)])
        let first = l.nextAssignments(at: .zero)
        #expect(first.map { [$0.task.key.task: $0.worker] } == [[0: Self.a], [2: Self.b]])
        #expect(l.progress.queued == 2)
        // b is free again but tasks 1 and 3 wait for a
        #expect(l.complete(first[1].task.key, worker: Self.b, attempt: 1, at: .seconds(1)) == .accepted)
        #expect(l.nextAssignments(at: .seconds(1)) == [])
        #expect(l.complete(first[0].task.key, worker: Self.a, attempt: 1, at: .seconds(2)) == .accepted)
        let second = l.nextAssignments(at: .seconds(2))
        #expect(second.map(\.worker) == [Self.a] && second.map(\.task.key.task) == [1])
    }

    @Test func nonStrictPreferenceIsUnchanged() {
        var l = TaskLedger()
        _ = l.workerReady(Self.a, credit: 1, at: .zero)
        _ = l.workerReady(Self.b, credit: 1, at: .zero)
        l.enqueue(contentsOf: [Self.task(0, Self.a, strict: false), Self.task(1, Self.a, strict: false)])
        let out = l.nextAssignments(at: .zero)
        #expect(out.map(\.worker) == [Self.a, Self.b])
    }

    @Test func strictTasksGoToAnyoneOnceTheirWorkerLeaves() {
        var l = TaskLedger()
        _ = l.workerReady(Self.a, credit: 1, at: .zero)
        _ = l.workerReady(Self.b, credit: 2, at: .zero)
        l.enqueue(contentsOf: [Self.task(0, Self.a), Self.task(1, Self.a), Self.task(2, Self.a)])
        #expect(l.nextAssignments(at: .zero).map(\.worker) == [Self.a])
        let events = l.workerLost(Self.a, at: .seconds(1))
        #expect(events.contains(.requeued(TaskKey(job: 3, iteration: 2, task: 0), .workerLost(Self.a))))
        let after = l.nextAssignments(at: .seconds(1))
        #expect(after.map(\.worker) == [Self.b, Self.b])
        #expect(after.map(\.task.key.task) == [0, 1])
        // a draining preferred worker does not hold tasks back either
        var d = TaskLedger()
        _ = d.workerReady(Self.a, credit: 1, at: .zero)
        _ = d.workerReady(Self.b, credit: 1, at: .zero)
        d.drain(Self.a)
        d.enqueue(Self.task(5, Self.a))
        #expect(d.nextAssignments(at: .zero).map(\.worker) == [Self.b])
    }
}
