import Foundation
import TomoWire

/// The body of `WorkerLoop`: lives on the owner thread only, with the DEALER, the results PULL
/// socket and the link's liveness machine.
struct WorkerEngine {
    let context: ZMQContext
    let endpoint: String
    let configuration: WorkerLoop.Configuration
    let clock: any TransportClock
    let control: Locked<WorkerLoop.Control>
    let handler: WorkerLoop.Handler
    var link: HeartbeatStateMachine<Int>
    var socket: ZMQSocket?
    /// Tasks received and not yet answered, with their attempt.
    var inflight: [TaskKey: UInt32] = [:]
    /// Results computed while disconnected, sent after the next READY.
    var outbox: [[[UInt8]]] = []
    var processed = 0
    var connections = 0
    var sequence: UInt32 = 0
    var drainDeadline: MonotonicInstant?
    static let coordinator = 0

    init(context: ZMQContext, endpoint: String, configuration: WorkerLoop.Configuration, clock: any TransportClock,
         control: Locked<WorkerLoop.Control>, handler: @escaping WorkerLoop.Handler) {
        self.context = context
        self.endpoint = endpoint
        self.configuration = configuration
        self.clock = clock
        self.control = control
        self.handler = handler
        // Each worker its own jitter, so that a pool that lost its coordinator spreads out.
        link = HeartbeatStateMachine(configuration: configuration.heartbeat, seed: UInt64.random(in: .min ... .max))
    }

    mutating func run() -> Int {
        let resultsEndpoint = "inproc://sta-worker-results-\(UUID().uuidString)"
        guard let pull = try? ZMQSocket(context, type: .pull, lingerMilliseconds: 0),
              (try? pull.bind(resultsEndpoint)) != nil else { return 0 }
        let pool = ComputePool(threads: configuration.credit, context: context, resultsEndpoint: resultsEndpoint,
                               handler: handler)
        connect(pool)
        link.addPeer(Self.coordinator, policy: .reconnect, at: clock.now)
        while true {
            switch control.withLock({ $0.stop }) {
            case .kill?:
                pool.shutdown(kill: true)
                return processed
            case .graceful?:
                if drainDeadline == nil {
                    drainDeadline = clock.now + configuration.drainTimeout
                    for k in pool.removeQueued() { inflight[k] = nil }
                    sendHeartbeat()                                     // credit 0: no more work
                }
                if inflight.isEmpty || clock.now >= drainDeadline! {
                    send(Message(.disconnect(.init(reason: "shutdown"))))   // hands back what is left
                    pool.shutdown(kill: true)
                    return processed
                }
            case nil:
                break
            }
            let sockets = [pull] + (socket.map { [$0] } ?? [])
            let ready = (try? ZMQSocket.pollReadable(sockets, timeoutMilliseconds: configuration.pollMilliseconds)) ?? []
            if ready.first == true {
                while pull.hasInput, let frames = try? pull.receive(timeoutMilliseconds: 0) { forward(frames) }
            }
            if ready.count > 1, ready[1], let s = socket {
                var budget = 1000
                while budget > 0, s.hasInput, let frames = try? s.receive(timeoutMilliseconds: 0) {
                    budget -= 1
                    handle(frames, pool)
                    if socket !== s { break }                          // reconnected meanwhile
                }
            }
            for action in link.tick(at: clock.now) {
                switch action {
                case .sendHeartbeat: sendHeartbeat()
                case .peerExpired: drop(pool)                           // coordinator silent
                case .reconnect: connect(pool)
                }
            }
        }
    }

    /// A RESULT from a compute thread: send it (or keep it for after the reconnect).
    private mutating func forward(_ frames: [[UInt8]]) {
        guard let tag = frames.first, let (key, attempt) = ComputePool.decodeTag(tag) else { return }
        if inflight[key] == attempt { inflight[key] = nil }
        var message = Array(frames.dropFirst())
        if socket == nil {
            outbox.append(message)
        } else {
            sequence &+= 1
            if message[0].count >= 56 {                               // stamp our sequence (header bytes 52–55)
                for i in 0..<4 { message[0][52 + i] = UInt8(truncatingIfNeeded: sequence >> (8 * UInt32(i))) }
            }
            sendRaw(message)
        }
        processed += 1
        let n = processed
        control.withLock { $0.processed = n }
    }

    private mutating func handle(_ frames: [[UInt8]], _ pool: ComputePool) {
        let message: Message
        do { message = try Message.decode(frames, limits: configuration.limits) } catch {
            if let reply = Message.refusal(of: frames, error: error) { send(reply) }
            return
        }
        link.receivedTraffic(from: Self.coordinator, at: clock.now)
        switch message.body {
        case .task(let t):
            let key = message.taskKey
            guard drainDeadline == nil, inflight[key] != message.correlation.attempt else { return }
            inflight[key] = message.correlation.attempt
            pool.submit(.init(key: key, attempt: message.correlation.attempt, operation: t.operation,
                              parametersJSON: t.parametersJSON, payloads: message.payloads,
                              correlation: message.correlation))
        case .disconnect:                          // the coordinator forgot us or is leaving: start afresh
            connect(pool)
        case .heartbeat, .error:
            break
        case .ready, .result, .request, .reply, .event:
            send(message.errorReply(.malformed, "\(message.command) is not accepted by a worker"))
        }
    }

    /// Closes the link; tasks not yet started are forgotten (the coordinator re-queues them).
    private mutating func drop(_ pool: ComputePool) {
        socket = nil
        for k in pool.removeQueued() { inflight[k] = nil }
    }

    private mutating func connect(_ pool: ComputePool) {
        drop(pool)
        guard let s = try? ZMQSocket(context, type: .dealer, lingerMilliseconds: 200,
                                     maxMessageSize: Int64(configuration.limits.maxMessageBytes)),
              (try? configuration.security.apply(to: s)) != nil,
              (try? s.connect(endpoint)) != nil else { return }
        socket = s
        connections += 1
        let n = connections
        control.withLock { $0.connections = n }
        let free = drainDeadline == nil ? max(0, configuration.credit - inflight.count) : 0
        send(Message(.ready(.init(credit: UInt32(free), service: configuration.service, workerID: configuration.name,
                                  capabilities: configuration.capabilities))))
        let pending = outbox
        outbox = []
        for m in pending { sendRaw(m) }
    }

    private mutating func sendHeartbeat() {
        let renewals = inflight.sorted { $0.key < $1.key }.map {
            Message.Heartbeat.LeaseRenewal(jobID: $0.key.job, iteration: $0.key.iteration, taskID: $0.key.task,
                                           attempt: $0.value)
        }
        let free = drainDeadline == nil ? max(0, configuration.credit - inflight.count) : 0
        send(Message(.heartbeat(.init(credit: UInt32(free), renewals: renewals))))
    }

    private mutating func send(_ message: Message) {
        var m = message
        sequence &+= 1
        m.sequence = sequence
        sendRaw(m.encode())
    }

    private mutating func sendRaw(_ frames: [[UInt8]]) {
        guard let s = socket else { return }
        if (try? s.send(frames)) != nil { link.sentTraffic(to: Self.coordinator, at: clock.now) }
    }
}
