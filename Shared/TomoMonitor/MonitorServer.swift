import Foundation
import Synchronization
import TomoTransport
import TomoWire

/// `monitor serve`: the event bus (`EventBus`, XSUB ⇄ XPUB with the last-value cache) plus a
/// liveness watch on its own thread, which subscribes to `worker.` on the bus, judges silence
/// with `LivenessVerdicts` every `tickInterval`, and publishes its verdicts back on the bus.
public final class MonitorServer: Sendable {
    /// The bus.
    public let bus: EventBus
    private let publisher: EventPublisher
    private let stopFlag = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds the bus and starts the watch.
    /// - Parameters:
    ///   - xsub: the publisher-side endpoint to bind (`tcp://*:5557`).
    ///   - xpub: the subscriber-side endpoint to bind (`tcp://*:5558`).
    ///   - xsubSecurity, xpubSecurity: how the bus's two sides are secured (CURVE servers or `.off`).
    ///   - clientSecurity: how the liveness watch's own subscriber and publisher connect to the
    ///     bus (a CURVE client whose key the allow-list holds, when the bus is CURVE).
    /// - Throws: `ZMQError` when an endpoint cannot be bound.
    public init(context: ZMQContext, xsub: String, xpub: String, liveness: LivenessTracker.Configuration = .init(),
                tickInterval: Duration = .milliseconds(250), heartbeat: Duration = .seconds(1),
                xsubSecurity: CurveSecurity = .off, xpubSecurity: CurveSecurity = .off,
                clientSecurity: CurveSecurity = .off) throws(ZMQError) {
        bus = try EventBus(context: context, xsub: xsub, xpub: xpub, heartbeat: heartbeat,
                           xsubSecurity: xsubSecurity, xpubSecurity: xpubSecurity)
        let subscriber = try EventSubscriber(context: context, connectTo: Self.connectable(bus.xpubEndpoint),
                                             topics: ["worker."], security: clientSecurity)
        let publisher = EventPublisher(context: context, connectTo: Self.connectable(bus.xsubEndpoint),
                                       joinDelay: .milliseconds(50), security: clientSecurity)
        self.publisher = publisher
        let finished = self.finished
        let box = UncheckedBox(subscriber)
        Thread.detachNewThread { [self] in
            let subscriber = box.value
            let clock = SystemTransportClock()
            var verdicts = LivenessVerdicts(configuration: liveness)
            var nextTick = clock.now + tickInterval
            let tickMs = Int(tickInterval / .milliseconds(1))
            while !self.stopFlag.load(ordering: .acquiring) {
                if let e = try? subscriber.next(timeoutMilliseconds: tickMs) {
                    for v in verdicts.apply(e, at: clock.now) { publisher.publish(topic: v.topic, json: v.json) }
                }
                if clock.now >= nextTick {
                    for v in verdicts.tick(at: clock.now) { publisher.publish(topic: v.topic, json: v.json) }
                    nextTick = clock.now + tickInterval
                }
            }
            finished.signal()
        }
    }

    /// Stops the watch and the bus.
    public func stop() {
        guard !stopFlag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
        publisher.close()
        bus.stop()
    }

    /// A bound endpoint as a peer on this host connects to it (`tcp://0.0.0.0:5557` →
    /// `tcp://127.0.0.1:5557`).
    public static func connectable(_ bound: String) -> String {
        bound.replacingOccurrences(of: "tcp://0.0.0.0:", with: "tcp://127.0.0.1:")
            .replacingOccurrences(of: "tcp://*:", with: "tcp://127.0.0.1:")
    }
}

/// Moves a non-`Sendable` value (a socket owner) to the one thread that will own it from then on.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
