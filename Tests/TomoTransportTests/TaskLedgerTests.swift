import Testing
import TomoTransport

/// Exact-outcome tests of the coordinator's dispatch state, driven by a manual clock.
@Suite struct TaskLedgerTests {
    static let a = WorkerID("a"), b = WorkerID("b"), c = WorkerID("c")

    static func key(_ i: UInt64) -> TaskKey { TaskKey(job: 7, iteration: 2, task: i) }
    static func tasks(_ range: ClosedRange<UInt64>, preferring p: WorkerID? = nil) -> [TaskDescriptor] {
        range.map { TaskDescriptor(key: key($0), work: TaskWork(operation: "op\($0 & 0xff)"), preferredWorker: p) }
    }

    @Test func creditIsNeverExceededAndOrderIsFIFO() {
        var l = TaskLedger()
        #expect(l.enqueue(contentsOf: Self.tasks(1...10)) == 10)
        let again = l.enqueue(TaskDescriptor(key: Self.key(3)))            // same key twice
        #expect(again == false)
        _ = l.workerReady(Self.a, credit: 2, at: .zero)
        _ = l.workerReady(Self.b, credit: 3, at: .zero)
        let first = l.nextAssignments(at: .zero)
        #expect(first.map(\.task.key) == (1...5).map(Self.key))
        #expect(first.filter { $0.worker == Self.a }.count == 2)
        #expect(first.filter { $0.worker == Self.b }.count == 3)
        #expect(first.allSatisfy { $0.attempt == 1 && $0.leaseExpiry == .seconds(10) })
        #expect(l.nextAssignments(at: .seconds(1)) == [])                  // no credit left
        #expect(l.progress == .init(queued: 5, leased: 5, done: 0, poisoned: 0))

        let fromA = first.first { $0.worker == Self.a }!
        #expect(l.complete(fromA.task.key, worker: Self.a, attempt: 1, at: .seconds(1)) == .accepted)
        let next = l.nextAssignments(at: .seconds(1))
        #expect(next.map(\.worker) == [Self.a] && next.map(\.task.key) == [Self.key(6)])
        #expect(l.freeCredit(of: Self.a) == 0 && l.freeCredit(of: Self.b) == 0)
    }

    @Test func heartbeatRenewsEveryLeaseOfTheWorker() {
        var l = TaskLedger(configuration: .init(leaseDuration: .seconds(10)))
        l.enqueue(contentsOf: Self.tasks(1...3))
        _ = l.workerReady(Self.a, credit: 3, at: .zero)
        _ = l.nextAssignments(at: .zero)
        let known = l.heartbeat(Self.a, at: .seconds(8))
        let unknown = l.heartbeat(Self.b, at: .seconds(8))               // not registered
        #expect(known == true && unknown == false)
        #expect(l.state(of: Self.key(2)) == .leased(worker: Self.a, attempt: 1, expiry: .seconds(18)))
        #expect(l.nextLeaseExpiry == .seconds(18))
        #expect(l.expireLeases(at: .seconds(17.999)) == [])
        #expect(l.progress.leased == 3)
    }

    @Test func anExpiredLeaseRequeuesAndTheTaskRunsElsewhere() {
        var l = TaskLedger(configuration: .init(leaseDuration: .seconds(10)))
        l.enqueue(contentsOf: Self.tasks(1...2))
        _ = l.workerReady(Self.a, credit: 2, at: .zero)
        _ = l.nextAssignments(at: .zero)
        #expect(l.expireLeases(at: .seconds(9.999)) == [])
        let events = l.expireLeases(at: .seconds(10))
        #expect(events == [.requeued(Self.key(1), .leaseExpired(Self.a)), .requeued(Self.key(2), .leaseExpired(Self.a)),
                           .workerRemoved(Self.a)])
        #expect(l.progress == .init(queued: 2, leased: 0, done: 0, poisoned: 0))
        #expect(l.kills(of: Self.key(1)) == 1)
        _ = l.workerReady(Self.b, credit: 5, at: .seconds(11))
        let again = l.nextAssignments(at: .seconds(11))
        #expect(again.map(\.attempt) == [2, 2] && again.allSatisfy { $0.worker == Self.b })
        #expect(again.map(\.leaseExpiry) == [.seconds(21), .seconds(21)])
    }

    /// A killed worker's tasks complete elsewhere; its late results are duplicates, and each
    /// task is counted exactly once.
    @Test func killedWorkersLateResultIsADuplicate() {
        var l = TaskLedger()
        l.enqueue(contentsOf: Self.tasks(1...4))
        _ = l.workerReady(Self.a, credit: 4, at: .zero)
        _ = l.nextAssignments(at: .zero)
        let lost = l.workerLost(Self.a, at: .seconds(3))
        #expect(lost.count == 5 && lost.last == .workerRemoved(Self.a))
        _ = l.workerReady(Self.b, credit: 4, at: .seconds(3))
        let reassigned = l.nextAssignments(at: .seconds(3))
        #expect(reassigned.count == 4 && reassigned.allSatisfy { $0.worker == Self.b && $0.attempt == 2 })
        for i in 1...4 as ClosedRange<UInt64> {
            #expect(l.complete(Self.key(i), worker: Self.b, attempt: 2, at: .seconds(4)) == .accepted)
        }
        for i in 1...4 as ClosedRange<UInt64> {                       // the zombie speaks
            #expect(l.complete(Self.key(i), worker: Self.a, attempt: 1, at: .seconds(5)) == .duplicate)
        }
        #expect(l.completedKeys == Set((1...4).map(Self.key)))
        #expect(l.progress == .init(queued: 0, leased: 0, done: 4, poisoned: 0))
        #expect(l.completions(by: Self.b) == 4 && l.completions(by: Self.a) == 0)
        #expect(l.isComplete)
    }

    /// First result wins: a stale attempt that answers first is recorded; the current holder
    /// stays charged until it answers, and its answer is a duplicate.
    @Test func staleResultThatArrivesFirstIsRecordedOnce() {
        var l = TaskLedger()
        l.enqueue(TaskDescriptor(key: Self.key(1)))
        _ = l.workerReady(Self.a, credit: 1, at: .zero)
        _ = l.nextAssignments(at: .zero)
        _ = l.workerLost(Self.a, at: .seconds(3))
        _ = l.workerReady(Self.b, credit: 1, at: .seconds(3))
        #expect(l.nextAssignments(at: .seconds(3)).map(\.attempt) == [2])
        #expect(l.complete(Self.key(1), worker: Self.a, attempt: 1, at: .seconds(4)) == .stale)
        #expect(l.state(of: Self.key(1)) == .done(worker: Self.a, attempt: 1))
        #expect(l.freeCredit(of: Self.b) == 0 && l.holdings(of: Self.b) == [Self.key(1)])
        #expect(l.complete(Self.key(1), worker: Self.b, attempt: 2, at: .seconds(5)) == .duplicate)
        #expect(l.freeCredit(of: Self.b) == 1)
        #expect(l.completedKeys == [Self.key(1)] && l.progress.done == 1)
        #expect(l.complete(Self.key(99), worker: Self.b, attempt: 1, at: .seconds(5)) == .unknown)
    }

    @Test func aTaskThatKillsThreeWorkersIsPoisoned() {
        var l = TaskLedger(configuration: .init(maxKills: 3))
        l.enqueue(TaskDescriptor(key: Self.key(1)))
        l.enqueue(TaskDescriptor(key: Self.key(2)))
        var events: [TaskLedger.Event] = []
        for (n, w) in [Self.a, Self.b, Self.c].enumerated() {
            _ = l.workerReady(w, credit: 1, at: .seconds(Double(n)))
            let got = l.nextAssignments(at: .seconds(Double(n)))
            #expect(got.map(\.task.key) == [Self.key(1)] && got.map(\.attempt) == [UInt32(n + 1)])
            events = l.workerLost(w, at: .seconds(Double(n) + 0.5))
        }
        #expect(events == [.poisoned(Self.key(1), .killedWorkers(3)), .workerRemoved(Self.c)])
        #expect(l.state(of: Self.key(1)) == .poisoned(.killedWorkers(3)))
        _ = l.workerReady(WorkerID("d"), credit: 5, at: .seconds(4))
        #expect(l.nextAssignments(at: .seconds(4)).map(\.task.key) == [Self.key(2)])
        #expect(l.complete(Self.key(2), worker: WorkerID("d"), attempt: 1, at: .seconds(5)) == .accepted)
        #expect(l.complete(Self.key(1), worker: Self.c, attempt: 3, at: .seconds(5)) == .poisoned)
        #expect(l.isComplete && l.poisonedKeys == [Self.key(1)] && l.completedKeys == [Self.key(2)])
    }

    @Test func reportedFailuresPoisonAfterMaxFailuresAndStaleFailuresAreIgnored() {
        var l = TaskLedger(configuration: .init(maxFailures: 2))
        l.enqueue(TaskDescriptor(key: Self.key(1)))
        _ = l.workerReady(Self.a, credit: 1, at: .zero)
        _ = l.nextAssignments(at: .zero)
        #expect(l.fail(Self.key(1), worker: Self.a, attempt: 1, reason: "NaN in CTF") ==
                [.requeued(Self.key(1), .failed(Self.a, reason: "NaN in CTF"))])
        #expect(l.fail(Self.key(1), worker: Self.a, attempt: 1, reason: "again") == [])   // stale
        _ = l.nextAssignments(at: .zero)
        #expect(l.fail(Self.key(1), worker: Self.a, attempt: 2, reason: "NaN in CTF") ==
                [.poisoned(Self.key(1), .failed(times: 2, lastReason: "NaN in CTF"))])
        #expect(l.kills(of: Self.key(1)) == 0 && l.isComplete && l.freeCredit(of: Self.a) == 1)
    }

    @Test func drainingWorkerGetsNothingNewAndHandsBackWithoutAKill() {
        var l = TaskLedger()
        l.enqueue(contentsOf: Self.tasks(1...4))
        _ = l.workerReady(Self.a, credit: 4, at: .zero)
        #expect(l.nextAssignments(at: .zero).count == 4)
        let draining = l.drain(Self.a)
        #expect(draining == true && !l.isDrained(Self.a))
        l.enqueue(contentsOf: Self.tasks(5...6))
        #expect(l.nextAssignments(at: .seconds(1)) == [])
        #expect(l.complete(Self.key(1), worker: Self.a, attempt: 1, at: .seconds(1)) == .accepted)
        #expect(l.complete(Self.key(2), worker: Self.a, attempt: 1, at: .seconds(1)) == .accepted)
        #expect(l.nextAssignments(at: .seconds(1)) == [])                 // credit freed, still draining
        let back = l.handBack(Self.a, tasks: [Self.key(4), Self.key(3), Self.key(99)])
        #expect(back == [.requeued(Self.key(3), .handedBack(Self.a)), .requeued(Self.key(4), .handedBack(Self.a))])
        #expect(l.isDrained(Self.a) && l.kills(of: Self.key(3)) == 0)
        #expect(l.workerDisconnected(Self.a) == [.workerRemoved(Self.a)])
        _ = l.workerReady(Self.b, credit: 10, at: .seconds(2))
        // handed-back tasks go first, then the never-dispatched ones
        #expect(l.nextAssignments(at: .seconds(2)).map(\.task.key) == [3, 4, 5, 6].map(Self.key))
    }

    @Test func disconnectHandsBackEverythingStillHeld() {
        var l = TaskLedger()
        l.enqueue(contentsOf: Self.tasks(1...2))
        _ = l.workerReady(Self.a, credit: 2, at: .zero)
        _ = l.nextAssignments(at: .zero)
        #expect(l.workerDisconnected(Self.a) == [.requeued(Self.key(1), .handedBack(Self.a)),
                                                 .requeued(Self.key(2), .handedBack(Self.a)), .workerRemoved(Self.a)])
        #expect(!l.isRegistered(Self.a) && l.progress.queued == 2 && l.kills(of: Self.key(1)) == 0)
    }

    @Test func stickyPreferenceHoldsWhileThePreferredWorkerHasCreditThenFallsBack() {
        var l = TaskLedger()
        _ = l.workerReady(Self.a, credit: 5, at: .zero)
        _ = l.workerReady(Self.b, credit: 2, at: .zero)
        l.enqueue(contentsOf: Self.tasks(1...4, preferring: Self.b))
        let got = l.nextAssignments(at: .zero)
        #expect(got.map(\.worker) == [Self.b, Self.b, Self.a, Self.a])   // b full after two
        _ = l.workerLost(Self.b, at: .seconds(1))                         // preferred worker dies
        let again = l.nextAssignments(at: .seconds(1))
        #expect(again.map(\.task.key) == [1, 2].map(Self.key) && again.allSatisfy { $0.worker == Self.a })
        // without a preference the worker with the most free credit wins
        var m = TaskLedger()
        _ = m.workerReady(Self.a, credit: 1, at: .zero)
        _ = m.workerReady(Self.b, credit: 3, at: .zero)
        m.enqueue(contentsOf: Self.tasks(1...3))
        #expect(m.nextAssignments(at: .zero).map(\.worker) == [Self.b, Self.b, Self.a])
    }

    @Test func requiredCapabilityRestrictsPlacementWithoutBlockingTheQueue() {
        var l = TaskLedger()
        _ = l.workerReady(Self.a, credit: 5, capabilities: ["extract"], at: .zero)
        l.enqueue(TaskDescriptor(key: Self.key(1), requiredCapability: "align"))
        l.enqueue(TaskDescriptor(key: Self.key(2), requiredCapability: "extract"))
        #expect(l.nextAssignments(at: .zero).map(\.task.key) == [Self.key(2)])
        _ = l.workerReady(Self.b, credit: 1, capabilities: ["align"], at: .seconds(1))
        #expect(l.nextAssignments(at: .seconds(1)).map(\.worker) == [Self.b])
    }

    @Test func aFreshReadyFromAKnownWorkerRequeuesWhatItHeld() {
        var l = TaskLedger()
        l.enqueue(TaskDescriptor(key: Self.key(1)))
        _ = l.workerReady(Self.a, credit: 1, at: .zero)
        _ = l.nextAssignments(at: .zero)
        #expect(l.workerReady(Self.a, credit: 2, at: .seconds(1)) ==
                [.requeued(Self.key(1), .workerLost(Self.a)), .workerRemoved(Self.a)])
        #expect(l.kills(of: Self.key(1)) == 1 && l.freeCredit(of: Self.a) == 2)
        #expect(l.nextAssignments(at: .seconds(1)).map(\.attempt) == [2])
    }
}
