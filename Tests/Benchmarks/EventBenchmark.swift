import Foundation
import TomoTransport
import TomoWire

/// Event fan-out latency: one publisher → the bus (XSUB ⇄ XPUB, last-value cache) → 50
/// subscribers over tcp loopback. Each event carries its send time (ns on a clock shared by the
/// process); the latency of every (event, subscriber) pair is receive time − send time. Events
/// are paced `gapMicroseconds` apart so queueing does not dominate. Prints the median and p99.
func runEventBenchmark(subscribers: Int = 50, events: Int = 500, gapMicroseconds: Int = 2000) {
    do {
        let ctx = try ZMQContext()
        let bus = try EventBus(context: ctx, xsub: "tcp://127.0.0.1:*", xpub: "tcp://127.0.0.1:*")
        defer { bus.stop() }
        let publisher = EventPublisher(context: ctx, connectTo: bus.xsubEndpoint, joinDelay: .milliseconds(200))
        defer { publisher.close() }
        let clock = SystemTransportClock()
        publisher.publish(topic: "bench.ready", json: "{}")
        while bus.lastValue(topic: "bench.ready") == nil { Thread.sleep(forTimeInterval: 0.01) }
        let subs = try (0..<subscribers).map { _ in
            try EventSubscriber(context: ctx, connectTo: bus.xpubEndpoint, topics: ["bench."])
        }
        for s in subs { _ = try s.next(timeoutMilliseconds: 5000) }       // the cached "ready": subscribed

        let done = DispatchSemaphore(value: 0)
        let box = BenchmarkBox(subs)
        nonisolated(unsafe) var latencies: [Double] = []
        let expected = subscribers * events
        Thread.detachNewThread {
            var got: [Double] = []
            got.reserveCapacity(expected)
            let deadline = clock.now + .seconds(60)
            while got.count < expected, clock.now < deadline {
                guard let ready = try? EventSubscriber.waitAny(box.value, timeoutMilliseconds: 100) else { break }
                for (k, r) in ready.enumerated() where r {
                    while let e = try? box.value[k].next(timeoutMilliseconds: 0) {
                        let now = Double(clock.now.sinceOrigin / .nanoseconds(1))
                        if e.topic == "bench.tick", let sent = Double(e.json.dropFirst(5).dropLast()) {
                            got.append((now - sent) / 1000)
                        }
                    }
                }
            }
            latencies = got
            done.signal()
        }
        for _ in 0..<events {
            let t = Int64(clock.now.sinceOrigin / .nanoseconds(1))
            publisher.publish(topic: "bench.tick", json: #"{"t":\#(t)}"#)
            Thread.sleep(forTimeInterval: Double(gapMicroseconds) / 1e6)
        }
        done.wait()
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { print("events: nothing received"); return }
        let median = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        print("events: fan-out to \(subscribers) subscribers, \(events) events, tcp loopback: "
              + "delivered \(sorted.count)/\(expected), median \(String(format: "%.0f", median)) µs, "
              + "p99 \(String(format: "%.0f", p99)) µs, publisher dropped \(publisher.statistics.dropped)")
    } catch {
        print("events: failed: \(error)")
    }
}

/// Hands the subscribers to the one thread that receives on them.
private struct BenchmarkBox: @unchecked Sendable {
    let value: [EventSubscriber]
    init(_ value: [EventSubscriber]) { self.value = value }
}
