extension TaskLedger {
    /// Records the result of dispatch `attempt` of `key` from `worker`; see `CompletionOutcome`
    /// for the first-result-wins rule. The worker's charge for that dispatch is released in
    /// every case.
    public mutating func complete(_ key: TaskKey, worker: WorkerID, attempt: UInt32,
                                  at now: MonotonicInstant) -> CompletionOutcome {
        guard let t = tasks[key] else { return .unknown }
        release(worker, key: key, attempt: attempt)
        switch t.state {
        case .done:
            return .duplicate
        case .poisoned:
            return .poisoned
        case .leased(let w, let a, _) where w == worker && a == attempt:
            record(key, worker: worker, attempt: attempt)
            return .accepted
        case .leased, .queued:
            // Stale: the lease was lost and the task re-queued or re-leased. The current holder
            // (if any) stays charged until it answers; its answer will be a duplicate.
            record(key, worker: worker, attempt: attempt)
            return .stale
        }
    }

    private mutating func record(_ key: TaskKey, worker: WorkerID, attempt: UInt32) {
        setState(key, .done(worker: worker, attempt: attempt))
        completionsByWorker[worker, default: 0] += 1
    }

    /// `worker` reports that dispatch `attempt` of `key` failed (it survived). The task is
    /// re-queued, or poisoned after `maxFailures` failures. Ignored (beyond releasing the
    /// worker's charge) when that dispatch no longer holds the lease.
    /// A `permanent` failure (RESULT status 2, docs/protocol.md §5.3) poisons the task at once.
    public mutating func fail(_ key: TaskKey, worker: WorkerID, attempt: UInt32, reason: String,
                              permanent: Bool = false) -> [Event] {
        release(worker, key: key, attempt: attempt)
        guard case .leased(worker, attempt, _)? = tasks[key]?.state else { return [] }
        tasks[key]!.failures += 1
        let n = tasks[key]!.failures
        if n >= configuration.maxFailures || permanent {
            let why = PoisonReason.failed(times: n, lastReason: reason)
            setState(key, .poisoned(why))
            return [.poisoned(key, why)]
        }
        requeue(key)
        return [.requeued(key, .failed(worker, reason: reason))]
    }

    /// Graceful shutdown, step 2: `worker` returns tasks it has not finished. Those it still
    /// leases go back to the front of the queue without counting a kill; others are only
    /// released. Keys it does not hold are ignored.
    public mutating func handBack(_ worker: WorkerID, tasks keys: some Sequence<TaskKey>) -> [Event] {
        guard let w = workers[worker] else { return [] }
        var events: [Event] = []
        let wanted = Set(keys)
        for h in w.holds.sorted(by: { $0.key < $1.key }) where wanted.contains(h.key) {
            release(worker, key: h.key, attempt: h.attempt)
            if case .leased(worker, h.attempt, _)? = tasks[h.key]?.state {
                requeue(h.key)
                events.append(.requeued(h.key, .handedBack(worker)))
            }
        }
        return events
    }

    /// `worker` said goodbye: everything it still holds is handed back (no kill), and it is
    /// removed.
    public mutating func workerDisconnected(_ worker: WorkerID) -> [Event] {
        guard let w = workers[worker] else { return [] }
        var events = handBack(worker, tasks: w.holds.map(\.key))
        workers[worker] = nil
        workerOrder.removeAll { $0 == worker }
        events.append(.workerRemoved(worker))
        return events
    }

    /// `worker` is dead (its heartbeats stopped): it is removed and every task it leased is
    /// re-queued, each counting a kill; a task reaching `maxKills` kills is poisoned instead.
    public mutating func workerLost(_ worker: WorkerID, at now: MonotonicInstant) -> [Event] {
        removeWorker(worker, reason: .workerLost(worker))
    }

    mutating func removeWorker(_ worker: WorkerID, reason: RequeueReason) -> [Event] {
        guard let w = workers.removeValue(forKey: worker) else { return [] }
        workerOrder.removeAll { $0 == worker }
        var events: [Event] = []
        for h in w.holds.sorted(by: { $0.key < $1.key }) {
            guard case .leased(worker, h.attempt, _)? = tasks[h.key]?.state else { continue }
            tasks[h.key]!.kills += 1
            let k = tasks[h.key]!.kills
            if k >= configuration.maxKills {
                setState(h.key, .poisoned(.killedWorkers(k)))
                events.append(.poisoned(h.key, .killedWorkers(k)))
            } else {
                requeue(h.key)
                events.append(.requeued(h.key, reason))
            }
        }
        events.append(.workerRemoved(worker))
        return events
    }

    mutating func requeue(_ key: TaskKey) {
        setState(key, .queued)
        retryQueue.append(key)
    }

    mutating func release(_ worker: WorkerID, key: TaskKey, attempt: UInt32) {
        workers[worker]?.holds.remove(Hold(key: key, attempt: attempt))
    }
}

extension TaskLedger {
    /// Forgets every task of `job` that is not finished (the job was cancelled): queued tasks are
    /// dropped, leased ones are released from their workers (whose late results then find no
    /// task: `.unknown`). Done and poisoned tasks stay. Returns how many tasks were withdrawn.
    @discardableResult
    public mutating func withdraw(job: UInt64) -> Int {
        var n = 0
        for (key, t) in tasks where key.job == job {
            switch t.state {
            case .queued:
                counts.queued -= 1
            case .leased(let w, let a, _):
                counts.leased -= 1
                release(w, key: key, attempt: a)
            case .done, .poisoned:
                continue
            }
            tasks[key] = nil
            n += 1
        }
        if n > 0 {
            retryQueue.removeAll { $0.job == job && tasks[$0] == nil }
            freshQueue.removeAll { $0.job == job && tasks[$0] == nil }
        }
        return n
    }
}
