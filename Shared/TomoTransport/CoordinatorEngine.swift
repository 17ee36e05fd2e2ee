import TomoWire

/// The body of `CoordinatorLoop`: lives on the owner thread only, with the socket, the ledger
/// and the liveness machine.
struct CoordinatorEngine {
    let socket: ZMQSocket
    let configuration: CoordinatorLoop.Configuration
    let clock: any TransportClock
    let shared: Locked<CoordinatorLoop.Shared>
    let hooks: CoordinatorLoop.Hooks
    var ledger: TaskLedger
    var liveness: HeartbeatStateMachine<WorkerID>
    var names: [WorkerID: String] = [:]
    var withdrawn: Set<UInt64> = []
    /// Peers already told DISCONNECT because they are unknown (told once per routing id).
    var toldToReconnect: Set<WorkerID> = []
    var events: [CoordinatorLoop.Event] = []
    var sequence: UInt32 = 0
    var refused = 0
    var dropped = 0
    let leaseMilliseconds: UInt32

    init(socket: ZMQSocket, configuration: CoordinatorLoop.Configuration, clock: any TransportClock,
         shared: Locked<CoordinatorLoop.Shared>, hooks: CoordinatorLoop.Hooks) {
        self.socket = socket
        self.configuration = configuration
        self.clock = clock
        self.shared = shared
        self.hooks = hooks
        ledger = TaskLedger(configuration: configuration.ledger)
        liveness = HeartbeatStateMachine(configuration: configuration.heartbeat)
        let ms = configuration.ledger.leaseDuration.components
        leaseMilliseconds = UInt32(clamping: ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000)
    }

    mutating func run() -> TaskLedger {
        while true {
            let (tasks, withdrawals, stop) = shared.withLock { s in
                defer { s.inbox = []; s.withdrawals = [] }
                return (s.inbox, s.withdrawals, s.stopRequested)
            }
            if stop { break }
            ledger.enqueue(contentsOf: tasks)
            for job in withdrawals {
                withdrawn.insert(job)
                ledger.withdraw(job: job)
            }
            var timeout = configuration.pollMilliseconds
            // read everything that is waiting (bounded, so timers still run), then do the timed work
            var budget = 1000
            while budget > 0, let frames = try? socket.receive(timeoutMilliseconds: timeout) {
                timeout = 0
                budget -= 1
                handle(frames)
            }
            tick()
        }
        for w in ledger.registeredWorkers { send(Message(.disconnect(.init(reason: "shutdown"))), to: w) }
        publish()
        return ledger
    }

    private mutating func tick() {
        let now = clock.now
        for action in liveness.tick(at: now) {
            switch action {
            case .sendHeartbeat(let w): send(Message(.heartbeat(.init())), to: w)
            case .peerExpired(let w):
                events += ledger.workerLost(w, at: now).map(CoordinatorLoop.Event.ledger)
                events.append(.workerLeft(w, name: name(w), reason: "heartbeat expired"))
            case .reconnect: break                      // workers are `.forget` peers
            }
        }
        events += ledger.expireLeases(at: now).map(CoordinatorLoop.Event.ledger)
        for a in ledger.nextAssignments(at: now) {
            let w = a.task.work
            let m = Message(.task(.init(leaseMilliseconds: leaseMilliseconds, operation: w.operation,
                                        parametersJSON: w.parametersJSON)),
                            correlation: Correlation(task: a.task.key, attempt: a.attempt), payloads: w.payloads)
            if send(m, to: a.worker) { liveness.sentTraffic(to: a.worker, at: now) }
        }
        publish()
    }

    private mutating func publish() {
        let progress = ledger.progress
        let batch = events
        events = []
        let (r, d) = (refused, dropped)
        shared.withLock {
            $0.progress = progress
            $0.refused = r
            $0.dropped = d
            for case .ledger(let e) in batch { $0.events.append(e) }
        }
        if !batch.isEmpty { hooks.onEvents(batch) }
    }

    private func name(_ w: WorkerID) -> String { names[w] ?? w.description }

    mutating func handle(_ frames: [[UInt8]]) {
        guard frames.count >= 2 else { return }                  // a ROUTER always adds the identity
        let peer = WorkerID(bytes: frames[0])
        let body = Array(frames.dropFirst())
        let message: Message
        do { message = try Message.decode(body, limits: configuration.limits) } catch {
            refuse(peer, body, error)
            return
        }
        let now = clock.now
        let known = ledger.isRegistered(peer)
        if known {
            liveness.receivedTraffic(from: peer, at: now)
            ledger.heartbeat(peer, at: now)
        }
        switch message.body {
        case .ready(let r):
            events += ledger.workerReady(peer, credit: Int(r.credit), capabilities: Set(r.capabilities), at: now)
                .map(CoordinatorLoop.Event.ledger)
            liveness.addPeer(peer, at: now)
            names[peer] = r.workerID
            toldToReconnect.remove(peer)
            events.append(.workerJoined(peer, name: r.workerID, service: r.service))
        case .request:
            var reply = hooks.onRequest(message, peer)
            reply.correlation = message.correlation
            send(reply, to: peer)
        case .result(let r):
            handleResult(message, r, from: peer, known: known, at: now)
        case .heartbeat(let h):
            if known {
                ledger.setCredit(Int(h.credit) + h.renewals.count, for: peer)
            } else {
                answerUnknown(peer, message)
            }
        case .disconnect(let d):
            guard known else { return }
            events += ledger.workerDisconnected(peer).map(CoordinatorLoop.Event.ledger)
            liveness.removePeer(peer)
            events.append(.workerLeft(peer, name: name(peer), reason: d.reason))
        case .error(let e):
            dropped += 1
            events.append(.dropped(peer, "ERROR \(e.code) from \(name(peer)): \(e.message)"))
        case .task, .reply, .event:
            reject(peer, message, .malformed, "\(message.command) is not accepted by a coordinator")
        }
    }

    private mutating func handleResult(_ message: Message, _ r: Message.TaskResult, from peer: WorkerID,
                                       known: Bool, at now: MonotonicInstant) {
        let key = message.taskKey
        let attempt = message.correlation.attempt
        switch r.status {
        case .succeeded:
            let outcome = ledger.complete(key, worker: peer, attempt: attempt, at: now)
            switch outcome {
            case .accepted, .stale:
                hooks.onResult(.init(key: key, attempt: attempt, worker: peer, workerName: name(peer), result: r,
                                     payloads: message.payloads))
            case .duplicate:
                reject(peer, message, .duplicate, "duplicate result for \(key)")
            case .poisoned:
                reject(peer, message, .stale, "\(key) is parked as poison")
            case .unknown:
                reject(peer, message, withdrawn.contains(key.job) ? .stale : .notFound,
                       withdrawn.contains(key.job) ? "job \(key.job) was cancelled" : "no task \(key)")
            }
        case .failedRetryable, .failedPermanent:
            events += ledger.fail(key, worker: peer, attempt: attempt, reason: r.summaryJSON,
                                  permanent: r.status == .failedPermanent).map(CoordinatorLoop.Event.ledger)
        }
        if !known { tellToReconnect(peer) }
    }

    /// ERROR 401, then (once per routing id) DISCONNECT: "announce yourself again".
    private mutating func answerUnknown(_ peer: WorkerID, _ message: Message) {
        reject(peer, message, .unauthorised, "\(message.command) from a peer that has not sent READY")
        tellToReconnect(peer)
    }

    private mutating func tellToReconnect(_ peer: WorkerID) {
        if toldToReconnect.count > 10_000 { toldToReconnect.removeAll() }
        if toldToReconnect.insert(peer).inserted {
            send(Message(.disconnect(.init(reason: "unknown peer: reconnect and send READY"))), to: peer)
        }
    }

    private mutating func reject(_ peer: WorkerID, _ message: Message, _ code: WireErrorCode, _ why: String) {
        refused += 1
        events.append(.refused(peer, WireError(code: code, message: why)))
        send(message.errorReply(code, why), to: peer)
    }

    private mutating func refuse(_ peer: WorkerID, _ frames: [[UInt8]], _ error: WireError) {
        guard let reply = Message.refusal(of: frames, error: error) else {
            dropped += 1
            events.append(.dropped(peer, "undecodable ERROR: \(error)"))
            return
        }
        refused += 1
        events.append(.refused(peer, error))
        send(reply, to: peer)
        if error.code == .versionMismatch {
            send(Message(.disconnect(.init(reason: "version mismatch"))), to: peer)
        }
    }

    @discardableResult
    private mutating func send(_ message: Message, to peer: WorkerID) -> Bool {
        var m = message
        sequence &+= 1
        m.sequence = sequence
        // A vanished peer (EHOSTUNREACH) is the ledger's business: its lease will expire.
        return (try? socket.send([peer.bytes] + m.encode())) != nil
    }
}
