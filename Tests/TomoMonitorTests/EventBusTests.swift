import Foundation
import Testing
import TomoTransport
import TomoWire

@Suite struct EventBusTests {
    /// A late subscriber gets the current last value of every topic under its prefix, at once and
    /// in topic order, and nothing else; a second, repeated subscription gets it too (verbose XPUB).
    @Test func lateSubscriberReceivesLastValues() throws {
        let ctx = try ZMQContext()
        let bus = try EventBus(context: ctx, xsub: "tcp://127.0.0.1:*", xpub: "tcp://127.0.0.1:*")
        defer { bus.stop() }
        let publisher = EventPublisher(context: ctx, connectTo: bus.xsubEndpoint, joinDelay: .milliseconds(100))
        defer { publisher.close() }
        publisher.publish(topic: "job.7.state", json: #"{"state":"pending"}"#, jobID: 7)
        publisher.publish(topic: "job.7.progress", json: #"{"done":10,"total":40}"#, jobID: 7)
        publisher.publish(topic: "job.7.state", json: #"{"state":"running"}"#, jobID: 7)
        publisher.publish(topic: "job.7.progress", json: #"{"done":20,"total":40}"#, jobID: 7)
        publisher.publish(topic: "job.8.state", json: #"{"state":"failed"}"#, jobID: 8)
        #expect(publisher.flush())
        #expect(waitUntil { bus.statistics.forwarded == 5 })

        for _ in 0..<2 {
            let late = try EventSubscriber(context: ctx, connectTo: bus.xpubEndpoint, topics: ["job.7."])
            let got = try receive(late, count: 2)
            #expect(got.map(\.topic) == ["job.7.progress", "job.7.state"])
            #expect(got.map(\.json) == [#"{"done":20,"total":40}"#, #"{"state":"running"}"#])
            #expect(got.map(\.correlation.jobID) == [7, 7])
            #expect(try late.next(timeoutMilliseconds: 150) == nil)
        }
        #expect(bus.lastValue(topic: "job.8.state")?.json == #"{"state":"failed"}"#)
        #expect(bus.statistics.replayed >= 4)
    }

    /// The bus's own liveness is cached, so subscribing to it is a ping that answers at once.
    @Test func busAnswersPingFromItsCache() throws {
        let ctx = try ZMQContext()
        let bus = try EventBus(context: ctx, xsub: "tcp://127.0.0.1:*", xpub: "tcp://127.0.0.1:*", name: "monitor")
        defer { bus.stop() }
        let sub = try EventSubscriber(context: ctx, connectTo: bus.xpubEndpoint, topics: ["service.monitor.liveness"])
        let e = try #require(try sub.next(timeoutMilliseconds: 2000))
        #expect(e.topic == "service.monitor.liveness")
        #expect(e.json.hasPrefix(#"{"service":"monitor","alive":true,"interval_ms":1000,"forwarded":"#))
    }

    /// Something that is not an EVENT is dropped and counted, never cached or forwarded.
    @Test func malformedMessagesAreDropped() throws {
        let ctx = try ZMQContext()
        let bus = try EventBus(context: ctx, xsub: "tcp://127.0.0.1:*", xpub: "tcp://127.0.0.1:*")
        defer { bus.stop() }
        let raw = try ZMQSocket(ctx, type: .pub)
        try raw.connect(bus.xsubEndpoint)
        Thread.sleep(forTimeInterval: 0.1)
        try raw.send([Array("job.1.state".utf8), Array("not a header".utf8), Array("{}".utf8)])
        try raw.send(Message(.event(.init(topic: "job.1.state", json: #"{"state":"running"}"#))).encode())
        #expect(waitUntil { bus.statistics.forwarded == 1 })
        #expect(bus.statistics.malformed == 1)
        #expect(bus.lastValue(topic: "job.1.state")?.json == #"{"state":"running"}"#)
    }

    /// Every one of 100 events reaches every one of 50 subscribers, in order, over ipc and tcp.
    @Test(arguments: ["ipc", "tcp"]) func fanOutToFiftySubscribers(transport: String) throws {
        let ctx = try ZMQContext()
        let dir = try shortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (front, back) = transport == "ipc"
            ? ("ipc://\(dir.path)/in.ipc", "ipc://\(dir.path)/out.ipc") : ("tcp://127.0.0.1:*", "tcp://127.0.0.1:*")
        let bus = try EventBus(context: ctx, xsub: front, xpub: back)
        defer { bus.stop() }
        let publisher = EventPublisher(context: ctx, connectTo: bus.xsubEndpoint, joinDelay: .milliseconds(100))
        defer { publisher.close() }
        publisher.publish(topic: "fan.ready", json: "{}")
        #expect(waitUntil { bus.lastValue(topic: "fan.ready") != nil })
        let subscribers = try (0..<50).map { _ in try EventSubscriber(context: ctx, connectTo: bus.xpubEndpoint, topics: ["fan."]) }
        // The cached "fan.ready" arriving proves each subscription is in place.
        for s in subscribers { #expect(try s.next(timeoutMilliseconds: 3000)?.topic == "fan.ready") }
        for i in 0..<100 { publisher.publish(topic: "fan.data", json: #"{"i":\#(i)}"#) }
        var received = Array(repeating: [Int](), count: 50)
        let deadline = ContinuousClock.now + .seconds(10)
        while received.contains(where: { $0.count < 100 }) && ContinuousClock.now < deadline {
            let ready = try EventSubscriber.waitAny(subscribers, timeoutMilliseconds: 100)
            for (k, r) in ready.enumerated() where r {
                while let e = try subscribers[k].next(timeoutMilliseconds: 0) {
                    if e.topic == "fan.data", let n = Int(e.json.dropFirst(5).dropLast()) { received[k].append(n) }
                }
            }
        }
        for k in 0..<50 { #expect(received[k] == Array(0..<100), "subscriber \(k) got \(received[k].count) events") }
    }

    /// A full queue drops the oldest events and counts them; the caller never waits.
    @Test func publisherDropsOldestWhenFull() throws {
        let ctx = try ZMQContext()
        // Nobody listens and the join delay holds the queue, so everything stays queued.
        let publisher = EventPublisher(context: ctx, connectTo: "tcp://127.0.0.1:1", capacity: 10, joinDelay: .seconds(1))
        defer { publisher.close() }
        let start = ContinuousClock.now
        for i in 0..<25 { publisher.publish(topic: "x.y.z", json: #"{"i":\#(i)}"#) }
        #expect(ContinuousClock.now - start < .milliseconds(100))
        #expect(publisher.statistics.dropped == 15)
        #expect(publisher.statistics.queued == 10)
    }
}
