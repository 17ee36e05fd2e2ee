import Foundation
import TomoWire

/// The monitor's event bus: a proxy from an XSUB socket (publishers connect their PUB sockets
/// there) to an XPUB socket (subscribers connect their SUB sockets there), run by one owner
/// thread, with a last-value cache (docs/architecture.md, "Services, endpoints and who connects
/// to whom"; docs/protocol.md §3.1 and §5.5).
///
/// - The XSUB side subscribes to everything, so every EVENT reaches the cache whether or not
///   anyone listens yet; subscriptions from the XPUB side are not forwarded upstream.
/// - Every well-formed EVENT (three frames: topic, header, JSON) is stored as the last value of
///   its topic and forwarded; anything else is dropped and counted as `malformed`.
/// - The XPUB socket is verbose (`ZMQ_XPUB_VERBOSE`), so each subscription reaches the bus, even
///   a repeated one; the bus answers it by re-sending the cached last value of every topic that
///   starts with the subscribed prefix, in topic order. Like the zguide's lvcache, the replay
///   goes out on the XPUB socket, so earlier subscribers of those topics see it again.
/// - The bus keeps its own `service.<name>.liveness` event in the cache and refreshes it every
///   `heartbeat`, so a subscription to that topic is a ping: a live bus answers at once.
public final class EventBus: Sendable {
    /// Counters of the bus's work since it started.
    public struct Statistics: Sendable, Hashable {
        /// EVENTs received from publishers and forwarded to subscribers.
        public var forwarded = 0
        /// Messages from publishers that were not well-formed EVENTs (dropped).
        public var malformed = 0
        /// Subscription messages seen on the XPUB side.
        public var subscriptions = 0
        /// Cached events re-sent in answer to subscriptions.
        public var replayed = 0
    }

    private struct Shared: Sendable {
        var cache = LastValueCache()
        var statistics = Statistics()
        var stop = false
    }

    /// The publisher-side endpoint actually bound (resolves `tcp://127.0.0.1:*`).
    public let xsubEndpoint: String
    /// The subscriber-side endpoint actually bound.
    public let xpubEndpoint: String
    /// The bus's own liveness topic, `service.<name>.liveness`.
    public let livenessTopic: String
    private let shared = Locked(Shared())
    private let finished = Latch<Bool>()

    /// Binds both sockets on a new owner thread and starts forwarding.
    /// - Parameters:
    ///   - xsub: where publishers connect, e.g. `tcp://*:5557` or `ipc:///p/.sta/events.ipc`.
    ///   - xpub: where subscribers connect, e.g. `tcp://*:5558`.
    ///   - name: the service name in the bus's own liveness topic.
    ///   - heartbeat: how often the bus refreshes its liveness event.
    ///   - xsubSecurity, xpubSecurity: how each side is secured (CURVE servers, or `.off`).
    /// - Throws: `ZMQError` when either endpoint cannot be bound (the thread has then ended).
    public init(context: ZMQContext, xsub: String, xpub: String, name: String = "monitor",
                heartbeat: Duration = .seconds(1), xsubSecurity: CurveSecurity = .off,
                xpubSecurity: CurveSecurity = .off) throws(ZMQError) {
        let started = Latch<Result<(String, String), ZMQError>>()
        let shared = self.shared
        let finished = self.finished
        let topic = "service.\(name).liveness"
        livenessTopic = topic
        startOwnerThread(name: "event bus \(xsub) → \(xpub)") {
            let front: ZMQSocket, back: ZMQSocket
            do throws(ZMQError) {
                front = try ZMQSocket(context, type: .xsub, lingerMilliseconds: 0)
                back = try ZMQSocket(context, type: .xpub, lingerMilliseconds: 0)
                try back.setXPubVerbose(true)
                try xsubSecurity.apply(to: front)
                try xpubSecurity.apply(to: back)
                try front.bind(xsub)
                try back.bind(xpub)
                try front.send([[1]])                       // XSUB: subscribe to every topic
                started.fulfil(.success((front.lastEndpoint, back.lastEndpoint)))
            } catch {
                started.fulfil(.failure(error))
                finished.fulfil(false)
                return
            }
            var loop = ProxyLoop(front: front, back: back, shared: shared, name: name, topic: topic,
                                 heartbeat: heartbeat)
            loop.run()
            finished.fulfil(true)
        }
        switch started.wait()! {
        case .success(let (front, back)):
            xsubEndpoint = front
            xpubEndpoint = back
        case .failure(let error):
            throw error
        }
    }

    deinit { stop() }

    /// The cached last value of `topic`, if any.
    public func lastValue(topic: String) -> Message.Event? {
        let frames = shared.withLock { $0.cache.lastValue(topic: Array(topic.utf8)) }
        guard let frames, frames.count == 3 else { return nil }
        return Message.Event(topic: topic, json: String(decoding: frames[2], as: UTF8.self))
    }

    /// The bus's counters so far.
    public var statistics: Statistics { shared.withLock { $0.statistics } }

    /// Stops forwarding, closes both sockets and waits for the owner thread to end.
    public func stop() {
        shared.withLock { $0.stop = true }
        _ = finished.wait()
    }

    /// The owner thread's state: the two sockets and the heartbeat schedule.
    private struct ProxyLoop {
        let front: ZMQSocket
        let back: ZMQSocket
        let shared: Locked<Shared>
        let name: String
        let topic: String
        let heartbeat: Duration
        let clock = SystemTransportClock()
        var sequence: UInt32 = 0

        init(front: ZMQSocket, back: ZMQSocket, shared: Locked<Shared>, name: String, topic: String,
             heartbeat: Duration) {
            self.front = front
            self.back = back
            self.shared = shared
            self.name = name
            self.topic = topic
            self.heartbeat = heartbeat
        }

        mutating func run() {
            var nextBeat = clock.now
            while !shared.withLock({ $0.stop }) {
                if clock.now >= nextBeat {
                    beat()
                    nextBeat = clock.now + heartbeat
                }
                let wait = min(50, max(0, Int((nextBeat - clock.now) / .milliseconds(1))))
                guard let ready = try? ZMQSocket.pollReadable([front, back], timeoutMilliseconds: wait) else { return }
                if ready[0] { forwardFromPublishers() }
                if ready[1] { answerSubscriptions() }
            }
        }

        /// Refreshes the bus's own liveness event in the cache and sends it.
        mutating func beat() {
            sequence &+= 1
            let forwarded = shared.withLock { $0.statistics.forwarded }
            let json = #"{"service":"\#(name)","alive":true,"interval_ms":\#(Int(heartbeat / .milliseconds(1))),"forwarded":\#(forwarded)}"#
            let frames = Message(.event(.init(topic: topic, json: json)), sequence: sequence).encode()
            shared.withLock { $0.cache.store(frames) }
            try? back.send(frames)
        }

        /// Forwards up to 1,000 waiting EVENTs (then gives the XPUB side a turn).
        func forwardFromPublishers() {
            for _ in 0..<1000 {
                guard let frames = try? front.receive(timeoutMilliseconds: 0) else { return }
                guard Self.isEvent(frames) else {
                    shared.withLock { $0.statistics.malformed += 1 }
                    continue
                }
                shared.withLock {
                    $0.cache.store(frames)
                    $0.statistics.forwarded += 1
                }
                try? back.send(frames)
            }
        }

        /// Answers each subscription with the cached values of the topics it covers.
        func answerSubscriptions() {
            for _ in 0..<1000 {
                guard let frames = try? back.receive(timeoutMilliseconds: 0) else { return }
                guard frames.count == 1, let first = frames[0].first, first == 1 else { continue }
                let prefix = Array(frames[0].dropFirst())
                let replay = shared.withLock { s in
                    s.statistics.subscriptions += 1
                    let m = s.cache.matching(prefix: prefix)
                    s.statistics.replayed += m.count
                    return m
                }
                for message in replay { try? back.send(message) }
            }
        }

        /// Whether `frames` is a well-formed EVENT: a valid topic, a header, a body.
        static func isEvent(_ frames: [[UInt8]]) -> Bool {
            guard frames.count == 3, Message.Event.isValidTopic(frames[0]),
                  let m = try? Message.decode(frames), m.command == .event else { return false }
            return true
        }
    }
}
