import Testing
import TomoCore
import TomoTransport

/// A seeded discrete-time simulation of a coordinator (ledger + heartbeat machine) and a pool of
/// unreliable workers: random deaths, random run times, late results from dead workers,
/// duplicated deliveries and a few tasks that crash every worker that takes them.
///
/// Invariants asserted: every task ends done or poisoned; each done task was recorded exactly
/// once; completed keys = enqueued − poisoned; the poison tasks are poisoned; no worker ever
/// holds more than its credit.
@Suite struct TaskLedgerSimulationTests {
    struct Delivery {
        var at: MonotonicInstant
        var key: TaskKey
        var worker: WorkerID
        var attempt: UInt32
    }

    struct SimWorker {
        var id: WorkerID
        var credit: Int
        var alive = true
        var nextHeartbeat: MonotonicInstant
        var dieAt: MonotonicInstant?
        var running: [Delivery] = []
    }

    struct Outcome {
        var recorded: [TaskKey: Int] = [:]
        var duplicates = 0
        var stale = 0
        var poisonEvents: Set<TaskKey> = []
        var deaths = 0
        var maxHeldOverCredit = 0
        var ledger: TaskLedger
        var finishedAt: MonotonicInstant
    }

    static func simulate(seed: UInt64, leaseSeconds: Double, tasks taskCount: Int = 1000,
                         workers poolSize: Int = 8, poison: Set<UInt64>) -> Outcome {
        var rng = SplitMix64(seed: seed)
        var ledger = TaskLedger(configuration: .init(leaseDuration: .seconds(leaseSeconds), maxKills: 3))
        var hb = HeartbeatStateMachine<WorkerID>()
        let step = Duration.milliseconds(100)
        var now = MonotonicInstant.zero
        var out = Outcome(ledger: ledger, finishedAt: now)
        for i in 0..<UInt64(taskCount) {
            ledger.enqueue(TaskDescriptor(key: TaskKey(job: 1, iteration: UInt32(i % 3), task: i)))
        }
        var pool: [SimWorker] = []
        var spawned = 0
        var pendingSpawns: [MonotonicInstant] = Array(repeating: .zero, count: poolSize)
        var inFlight: [Delivery] = []        // results on the wire (including zombies and duplicates)

        func handle(_ events: [TaskLedger.Event]) {
            for e in events { if case .poisoned(let k, _) = e { out.poisonEvents.insert(k) } }
        }

        while !ledger.isComplete && now < .seconds(5000) {
            now = now + step
            // workers join
            pendingSpawns.removeAll { t in
                guard t <= now else { return false }
                spawned += 1
                let id = WorkerID("w\(spawned)")
                let credit = 1 + Int(rng.next() % 4)
                pool.append(SimWorker(id: id, credit: credit, nextHeartbeat: now + .seconds(1)))
                handle(ledger.workerReady(id, credit: credit, at: now))
                hb.addPeer(id, at: now)
                return true
            }
            // workers run, heartbeat, die
            for i in pool.indices where pool[i].alive {
                let crash = pool[i].dieAt.map { $0 <= now } ?? false
                if crash || rng.uniform(0, 1) < 0.002 {               // ~1 random death per 50 s per worker
                    pool[i].alive = false
                    out.deaths += 1
                    pendingSpawns.append(now + .seconds(rng.uniform(1, 6)))
                    for var d in pool[i].running where rng.uniform(0, 1) < 0.3 {   // a zombie still answers
                        d.at = now + .seconds(rng.uniform(0, 10))
                        inFlight.append(d)
                    }
                    pool[i].running = []
                    continue
                }
                let (done, still) = (pool[i].running.filter { $0.at <= now }, pool[i].running.filter { $0.at > now })
                pool[i].running = still
                for var d in done {
                    d.at = now + .seconds(rng.uniform(0, 0.3))        // network delay
                    inFlight.append(d)
                    if rng.uniform(0, 1) < 0.05 {                     // duplicate delivery
                        d.at = d.at + .seconds(rng.uniform(0, 5))
                        inFlight.append(d)
                    }
                }
                if pool[i].nextHeartbeat <= now {
                    pool[i].nextHeartbeat = now + .seconds(1)
                    hb.receivedTraffic(from: pool[i].id, at: now)
                    ledger.heartbeat(pool[i].id, at: now)
                }
            }
            // deliveries reach the coordinator
            let arrived = inFlight.filter { $0.at <= now }
            inFlight.removeAll { $0.at <= now }
            for d in arrived {
                hb.receivedTraffic(from: d.worker, at: now)
                ledger.heartbeat(d.worker, at: now)
                switch ledger.complete(d.key, worker: d.worker, attempt: d.attempt, at: now) {
                case .accepted: out.recorded[d.key, default: 0] += 1
                case .stale: out.recorded[d.key, default: 0] += 1; out.stale += 1
                case .duplicate: out.duplicates += 1
                case .poisoned, .unknown: break
                }
            }
            // coordinator tick
            for action in hb.tick(at: now) {
                if case .peerExpired(let w) = action { handle(ledger.workerLost(w, at: now)) }
            }
            handle(ledger.expireLeases(at: now))
            for a in ledger.nextAssignments(at: now) {
                guard let i = pool.firstIndex(where: { $0.id == a.worker }), pool[i].alive else { continue }  // lost in transit
                if poison.contains(a.task.key.task) {
                    pool[i].dieAt = pool[i].dieAt ?? now + .milliseconds(500)
                } else {
                    pool[i].running.append(Delivery(at: now + .seconds(rng.uniform(0.2, 2)), key: a.task.key,
                                                    worker: a.worker, attempt: a.attempt))
                }
            }
            for w in pool where w.alive {
                out.maxHeldOverCredit = max(out.maxHeldOverCredit, ledger.holdings(of: w.id).count - w.credit)
            }
        }
        out.ledger = ledger
        out.finishedAt = now
        return out
    }

    @Test(arguments: [(UInt64(1), 10.0), (UInt64(2), 2.5), (UInt64(3), 3.0)])
    func everyTaskCompletesExactlyOnceOrIsPoisoned(seed: UInt64, leaseSeconds: Double) {
        let poison: Set<UInt64> = [17, 400, 401, 999]
        let o = Self.simulate(seed: seed, leaseSeconds: leaseSeconds, poison: poison)
        let l = o.ledger
        let all = Set((0..<UInt64(1000)).map { TaskKey(job: 1, iteration: UInt32($0 % 3), task: $0) })
        #expect(l.isComplete, "not finished by \(o.finishedAt): \(l.progress)")
        #expect(l.progress.total == 1000)
        #expect(l.completedKeys.isDisjoint(with: l.poisonedKeys))
        #expect(l.completedKeys == all.subtracting(l.poisonedKeys))
        #expect(Set(o.recorded.keys) == l.completedKeys)
        #expect(o.recorded.values.allSatisfy { $0 == 1 })                  // counted exactly once
        #expect(l.progress.done == l.completedKeys.count)
        #expect(o.poisonEvents == l.poisonedKeys)                          // every poisoning reported
        #expect(Set(poison.map { TaskKey(job: 1, iteration: UInt32($0 % 3), task: $0) }).isSubset(of: l.poisonedKeys))
        #expect(o.maxHeldOverCredit <= 0)
        // the simulation really exercised the failure paths
        #expect(o.deaths >= 16 && o.duplicates > 0)
        print("seed \(seed) lease \(leaseSeconds) s: done \(l.progress.done), poisoned \(l.progress.poisoned), deaths \(o.deaths), duplicates \(o.duplicates), stale \(o.stale), finished at \(o.finishedAt)")
    }
}
