/// A worker's socket shell: one DEALER socket, owned by one dedicated thread, connected to a
/// coordinator. It announces its credit, runs the tasks it is sent with `handler` and answers
/// with results (or failures), heartbeats, and reconnects with back-off when the coordinator
/// falls silent (`HeartbeatStateMachine` with the `.reconnect` policy).
///
/// Limitation of this first shell: `handler` runs on the socket's thread, so a task must take
/// less than `interval × liveness` or the coordinator declares the worker lost. A long-running
/// worker should run tasks elsewhere and keep this thread for the socket.
/// Messages use the TEMPORARY framing of `PlaceholderFraming.swift`.
public final class WorkerLoop: Sendable {
    /// What a task handler returns: result frames, or a failure reason via `throw`.
    public typealias Handler = @Sendable (TaskKey, [[UInt8]]) throws -> [[UInt8]]

    /// How the loop ends.
    public enum StopMode: Sendable {
        /// SIGTERM: take no more work, finish the task in progress, hand the rest back and say
        /// goodbye.
        case graceful
        /// Simulated crash: stop at once; nothing more is sent (not even the result of the
        /// task in progress).
        case kill
    }

    private struct Control: Sendable {
        var stop: StopMode?
        var processed = 0
    }

    private let control = Locked(Control())
    private let finished = Latch<Int>()

    /// Connects a DEALER to `endpoint` on a new owner thread and starts working.
    /// - Parameters:
    ///   - credit: how many tasks the coordinator may send before results come back.
    ///   - heartbeat: heartbeat interval and liveness for the coordinator link, and the
    ///     reconnect back-off.
    ///   - security: CURVE client settings applied to every (re)connected socket (`.off`: none).
    public init(context: ZMQContext, connectTo endpoint: String, credit: Int, capabilities: [String] = [],
                heartbeat: HeartbeatStateMachine<Int>.Configuration = .init(), pollMilliseconds: Int = 10,
                security: CurveSecurity = .off,
                clock: any TransportClock = SystemTransportClock(), handler: @escaping Handler) {
        precondition(credit >= 1, "a worker needs credit >= 1")
        let control = self.control
        let finished = self.finished
        startOwnerThread(name: "worker \(endpoint)") {
            var engine = Engine(context: context, endpoint: endpoint, security: security, credit: UInt32(credit),
                                capabilities: capabilities, configuration: heartbeat, poll: pollMilliseconds,
                                clock: clock, control: control, handler: handler)
            finished.fulfil(engine.run())
        }
    }

    /// How many results this worker has sent.
    public var processed: Int { control.withLock { $0.processed } }

    /// Asks the loop to stop (`.kill` returns at once without waiting for the thread).
    public func kill() { control.withLock { if $0.stop == nil { $0.stop = .kill } } }

    /// Stops the loop and waits until its socket is closed; returns the number of results sent.
    @discardableResult
    public func stop(_ mode: StopMode = .graceful) -> Int {
        control.withLock { if $0.stop == nil { $0.stop = mode } }
        return finished.wait()!
    }

    private struct Engine {
        let context: ZMQContext
        let endpoint: String
        let security: CurveSecurity
        let credit: UInt32
        let capabilities: [String]
        let poll: Int
        let clock: any TransportClock
        let control: Locked<Control>
        let handler: Handler
        var link: HeartbeatStateMachine<Int>
        var socket: ZMQSocket?
        var pending: [(TaskKey, UInt32, [[UInt8]])] = []
        var processed = 0
        static let coordinator = 0

        init(context: ZMQContext, endpoint: String, security: CurveSecurity, credit: UInt32, capabilities: [String],
             configuration: HeartbeatStateMachine<Int>.Configuration, poll: Int, clock: any TransportClock,
             control: Locked<Control>, handler: @escaping Handler) {
            self.context = context
            self.endpoint = endpoint
            self.security = security
            self.credit = credit
            self.capabilities = capabilities
            self.poll = poll
            self.clock = clock
            self.control = control
            self.handler = handler
            link = HeartbeatStateMachine(configuration: configuration)
        }

        mutating func run() -> Int {
            connect()
            link.addPeer(Self.coordinator, policy: .reconnect, at: clock.now)
            while true {
                switch control.withLock({ $0.stop }) {
                case .kill?:
                    return processed
                case .graceful?:
                    send(.handBack(pending.map(\.0)))
                    send(.disconnect)
                    return processed
                case nil:
                    break
                }
                if let s = socket {
                    var timeout = pending.isEmpty ? poll : 0
                    while let frames = try? s.receive(timeoutMilliseconds: timeout) {
                        timeout = 0
                        handle(frames)
                    }
                } else {
                    sleepThisThread(milliseconds: poll)
                }
                if !pending.isEmpty { runOne() }
                for action in link.tick(at: clock.now) {
                    switch action {
                    case .sendHeartbeat: send(.heartbeat)
                    case .peerExpired:                        // coordinator silent: drop the link
                        socket = nil
                        pending = []
                    case .reconnect: connect()
                    }
                }
            }
        }

        private mutating func handle(_ frames: [[UInt8]]) {
            guard let message = TransportMessage.decode(frames[...]) else { return }
            link.receivedTraffic(from: Self.coordinator, at: clock.now)
            switch message {
            case .task(let k, let a, let payload): pending.append((k, a, payload))
            case .disconnect:                              // the coordinator forgot us: start afresh
                pending = []
                send(.ready(credit: credit, capabilities: capabilities))
            default: break
            }
        }

        private mutating func runOne() {
            let (key, attempt, payload) = pending.removeFirst()
            let reply: TransportMessage
            do { reply = .result(key, attempt: attempt, payload: try handler(key, payload)) }
            catch { reply = .failure(key, attempt: attempt, reason: "\(error)") }
            if control.withLock({ $0.stop }) == .kill { return }   // died before answering
            send(reply)
            if case .result = reply {
                processed += 1
                let n = processed
                control.withLock { $0.processed = n }
            }
        }

        private mutating func connect() {
            socket = nil
            pending = []
            guard let s = try? ZMQSocket(context, type: .dealer, lingerMilliseconds: 100),
                  (try? security.apply(to: s)) != nil,
                  (try? s.connect(endpoint)) != nil else { return }
            socket = s
            send(.ready(credit: credit, capabilities: capabilities))
        }

        private mutating func send(_ message: TransportMessage) {
            guard let s = socket else { return }
            if (try? s.send(message.encode())) != nil { link.sentTraffic(to: Self.coordinator, at: clock.now) }
        }
    }
}
