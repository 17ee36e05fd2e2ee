import Foundation
import TomoWire

/// Publishes EVENTs to the bus: a PUB socket, owned by one thread, connected to the monitor's
/// XSUB endpoint (publishers connect, the bus binds).
///
/// `publish` never blocks the caller: events go into a bounded queue (`DropOldestQueue`) that
/// the owner thread drains; when the queue is full the oldest event is dropped and counted.
/// Events are best effort (docs/protocol.md §5.5): a PUB socket also drops what it sends before
/// its connection has carried the bus's subscription, which is why the owner thread waits
/// `joinDelay` after connecting before it sends the first event.
public final class EventPublisher: Sendable {
    /// Counters since the publisher started.
    public struct Statistics: Sendable, Hashable {
        /// Events handed to the socket.
        public var sent = 0
        /// Events dropped because the queue was full.
        public var dropped = 0
        /// Events waiting in the queue.
        public var queued = 0
    }

    private struct Pending: Sendable {
        var event: Message.Event
        var correlation: Correlation
    }

    private struct Shared: Sendable {
        var queue: DropOldestQueue<Pending>
        var sent = 0
        var inFlight = 0
        var stop = false
    }

    private let shared: Locked<Shared>
    private let wake = NSCondition()
    private let finished = Latch<Bool>()

    /// Connects a PUB socket to `endpoint` (the bus's XSUB side) on a new owner thread.
    /// - Parameters:
    ///   - capacity: the most events queued before the oldest are dropped.
    ///   - joinDelay: how long the owner thread waits after connecting before its first send.
    ///   - security: how the PUB socket is secured (a CURVE client when the bus's XSUB is CURVE).
    public init(context: ZMQContext, connectTo endpoint: String, capacity: Int = 10_000,
                joinDelay: Duration = .milliseconds(200), security: CurveSecurity = .off) {
        let shared = Locked(Shared(queue: DropOldestQueue(capacity: capacity)))
        self.shared = shared
        let wake = self.wake
        let finished = self.finished
        startOwnerThread(name: "event publisher \(endpoint)") {
            guard let socket = try? ZMQSocket(context, type: .pub), (try? security.apply(to: socket)) != nil,
                  (try? socket.connect(endpoint)) != nil else {
                finished.fulfil(false)
                return
            }
            Thread.sleep(forTimeInterval: Double(joinDelay / .milliseconds(1)) / 1000)
            var sequence: UInt32 = 0
            while true {
                wake.lock()
                while shared.withLock({ $0.queue.isEmpty && !$0.stop }) { wake.wait() }
                wake.unlock()
                let (batch, stop) = shared.withLock { s in
                    let b = s.queue.drain()
                    s.inFlight = b.count
                    return (b, s.stop)
                }
                for p in batch {
                    sequence &+= 1
                    try? socket.send(Message(.event(p.event), correlation: p.correlation, sequence: sequence).encode())
                }
                wake.lock()
                shared.withLock { $0.sent += batch.count; $0.inFlight = 0 }
                wake.broadcast()
                wake.unlock()
                if stop && batch.isEmpty { break }
            }
            finished.fulfil(true)
        }
    }

    deinit { close() }

    /// Queues `event` for sending and returns at once.
    /// - Parameter correlation: the header's correlation fields (job and iteration for a job's
    ///   events).
    /// - Precondition: `event.topic` is a valid topic (`Message.Event.isValidTopic`).
    public func publish(_ event: Message.Event, correlation: Correlation = .none) {
        precondition(Message.Event.isValidTopic(Array(event.topic.utf8)), "invalid event topic \"\(event.topic)\"")
        wake.lock()
        shared.withLock { $0.queue.push(Pending(event: event, correlation: correlation)) }
        wake.signal()
        wake.unlock()
    }

    /// Queues an event with topic `topic` and JSON body `json`.
    public func publish(topic: String, json: String, jobID: UInt64 = 0, iteration: UInt32 = 0) {
        publish(Message.Event(topic: topic, json: json), correlation: Correlation(jobID: jobID, iteration: iteration))
    }

    /// The publisher's counters.
    public var statistics: Statistics {
        shared.withLock { Statistics(sent: $0.sent, dropped: $0.queue.dropped, queued: $0.queue.count) }
    }

    /// Waits until every queued event has been handed to the socket, or `timeout` passes.
    /// Returns whether the queue was emptied.
    @discardableResult
    public func flush(timeout: Duration = .seconds(5)) -> Bool {
        let deadline = Date().addingTimeInterval(Double(timeout / .milliseconds(1)) / 1000)
        wake.lock()
        defer { wake.unlock() }
        while !shared.withLock({ $0.queue.isEmpty && $0.inFlight == 0 }) {
            if !wake.wait(until: deadline) { return false }
        }
        return true
    }

    /// Sends what is queued, closes the socket (with its linger) and ends the owner thread.
    public func close() {
        wake.lock()
        shared.withLock { $0.stop = true }
        wake.broadcast()
        wake.unlock()
        _ = finished.wait()
    }
}
