import TomoWire

/// One EVENT as a subscriber receives it.
public struct ReceivedEvent: Sendable, Hashable {
    /// The topic, e.g. `job.42.progress`.
    public var topic: String
    /// The JSON body.
    public var json: String
    /// The header's correlation fields (job and iteration for a job's events).
    public var correlation: Correlation
    /// The publisher's message counter.
    public var sequence: UInt32

    /// Creates a received event (tests script sequences of these).
    public init(topic: String, json: String, correlation: Correlation = .none, sequence: UInt32 = 0) {
        self.topic = topic
        self.json = json
        self.correlation = correlation
        self.sequence = sequence
    }
}

/// Receives EVENTs from the bus: a SUB socket connected to the monitor's XPUB endpoint,
/// subscribed to topic prefixes. Not `Sendable`: like its socket, it lives in one owner.
///
/// A subscription reaches the bus's last-value cache, so right after connecting the subscriber
/// receives the current last value of every topic it covers, then live events.
public final class EventSubscriber {
    private let socket: ZMQSocket
    /// Messages received that were not well-formed EVENTs (skipped).
    public private(set) var malformed = 0

    /// Connects to `endpoint` (the bus's XPUB side) and subscribes to `topics`, each a prefix
    /// (`job.42.` for one job, `worker.` for every worker); an empty list subscribes to all.
    /// `security` secures the connection (a CURVE client when the bus's XPUB is CURVE).
    public init(context: ZMQContext, connectTo endpoint: String, topics: [String] = [],
                security: CurveSecurity = .off) throws(ZMQError) {
        socket = try ZMQSocket(context, type: .sub, lingerMilliseconds: 0)
        try security.apply(to: socket)
        for t in topics.isEmpty ? [""] : topics { try socket.subscribe(Array(t.utf8)) }
        try socket.connect(endpoint)
    }

    /// The next event, waiting at most `timeoutMilliseconds` (−1: forever); nil on timeout.
    /// Malformed messages are skipped and counted in `malformed`.
    public func next(timeoutMilliseconds: Int) throws(ZMQError) -> ReceivedEvent? {
        while let frames = try socket.receive(timeoutMilliseconds: timeoutMilliseconds) {
            if let event = Self.decode(frames) { return event }
            malformed += 1
        }
        return nil
    }

    /// Waits until at least one of `subscribers` has an event waiting, or the timeout passes;
    /// returns, per subscriber, whether it is readable.
    public static func waitAny(_ subscribers: [EventSubscriber], timeoutMilliseconds: Int) throws(ZMQError) -> [Bool] {
        try ZMQSocket.pollReadable(subscribers.map(\.socket), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Decodes an EVENT's frames; nil when they are not one.
    public static func decode(_ frames: [[UInt8]]) -> ReceivedEvent? {
        guard let m = try? Message.decode(frames), case .event(let e) = m.body else { return nil }
        return ReceivedEvent(topic: e.topic, json: e.json, correlation: m.correlation, sequence: m.sequence)
    }
}
