extension TaskLedger {
    /// Leases queued tasks to workers with free credit and returns what to send.
    ///
    /// FIFO (re-queued tasks first), one lease per task, never more than a worker's free credit;
    /// a task whose required capability no worker with credit has stays queued in place, and so
    /// does a `preferredOnly` task whose preferred worker is registered but has no free credit.
    public mutating func nextAssignments(at now: MonotonicInstant) -> [Assignment] {
        var free: [WorkerID: Int] = [:]
        for id in workerOrder {
            let f = freeCredit(of: id)
            if f > 0 { free[id] = f }
        }
        guard !free.isEmpty, counts.queued > 0 else { return [] }
        var out: [Assignment] = []
        retryQueue = assign(from: retryQueue, free: &free, at: now, into: &out)
        freshQueue = assign(from: freshQueue, free: &free, at: now, into: &out)
        return out
    }

    private mutating func assign(from queue: [TaskKey], free: inout [WorkerID: Int], at now: MonotonicInstant,
                                 into out: inout [Assignment]) -> [TaskKey] {
        var remaining: [TaskKey] = []
        remaining.reserveCapacity(queue.count)
        for key in queue {
            guard let t = tasks[key], t.state == .queued else { continue }   // lazily dropped
            guard !free.isEmpty, let worker = pickWorker(for: t.descriptor, free: free) else {
                remaining.append(key)
                continue
            }
            free[worker]! -= 1
            if free[worker]! == 0 { free[worker] = nil }
            let attempt = t.attempts + 1
            let expiry = now + configuration.leaseDuration
            tasks[key]!.attempts = attempt
            setState(key, .leased(worker: worker, attempt: attempt, expiry: expiry))
            workers[worker]!.holds.insert(Hold(key: key, attempt: attempt))
            out.append(Assignment(worker: worker, task: t.descriptor, attempt: attempt, leaseExpiry: expiry))
        }
        return remaining
    }

    private func pickWorker(for task: TaskDescriptor, free: [WorkerID: Int]) -> WorkerID? {
        func capable(_ id: WorkerID) -> Bool {
            guard let cap = task.requiredCapability else { return true }
            return workers[id]?.capabilities.contains(cap) == true
        }
        if let p = task.preferredWorker, capable(p) {
            if free[p] != nil { return p }
            if task.preferredOnly, let w = workers[p], !w.draining { return nil }   // strict: wait for it
        }
        var best: WorkerID?
        var bestFree = 0
        for id in workerOrder {
            guard let f = free[id], f > bestFree, capable(id) else { continue }
            best = id
            bestFree = f
        }
        return best
    }

    /// Any traffic from `worker` renews every lease it holds to `now + leaseDuration`.
    /// Returns false for an unknown worker (the shell may tell it to announce itself again).
    @discardableResult
    public mutating func heartbeat(_ worker: WorkerID, at now: MonotonicInstant) -> Bool {
        guard let w = workers[worker] else { return false }
        let expiry = now + configuration.leaseDuration
        for h in w.holds {
            if case .leased(worker, h.attempt, let old)? = tasks[h.key]?.state, old < expiry {
                tasks[h.key]!.state = .leased(worker: worker, attempt: h.attempt, expiry: expiry)
            }
        }
        return true
    }

    /// The earliest lease expiry, or nil when nothing is leased (a poll-timeout hint).
    public var nextLeaseExpiry: MonotonicInstant? {
        var best: MonotonicInstant?
        for t in tasks.values {
            if case .leased(_, _, let e) = t.state, best == nil || e < best! { best = e }
        }
        return best
    }

    /// Re-queues the tasks of every worker holding a lease that has expired at `now`
    /// (`now >= expiry`). A worker whose heartbeats stopped renewing its leases is treated as
    /// lost: it is removed and all its leases are re-queued, each counting a kill.
    public mutating func expireLeases(at now: MonotonicInstant) -> [Event] {
        var silent: [WorkerID] = []
        for id in workerOrder {
            guard let w = workers[id] else { continue }
            let expired = w.holds.contains { h in
                if case .leased(id, h.attempt, let e)? = tasks[h.key]?.state { return now >= e }
                return false
            }
            if expired { silent.append(id) }
        }
        var events: [Event] = []
        for id in silent { events += removeWorker(id, reason: .leaseExpired(id)) }
        return events
    }
}
