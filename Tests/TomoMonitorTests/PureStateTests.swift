import Testing
import TomoTransport

@Suite struct PureStateTests {
    @Test func dropOldestQueueKeepsTheNewest() {
        var q = DropOldestQueue<Int>(capacity: 3)
        for i in 1...5 { q.push(i) }
        #expect(q.dropped == 2)
        #expect(q.drain() == [3, 4, 5])
        #expect(q.isEmpty)
        q.push(6)
        #expect(q.drain() == [6])
    }

    @Test func lastValueCacheMatchesPrefixesInTopicOrder() {
        var c = LastValueCache()
        c.store([Array("job.2.state".utf8), [1], [1]])
        c.store([Array("job.1.state".utf8), [2], [2]])
        c.store([Array("job.1.state".utf8), [3], [3]])
        c.store([Array("worker.a.liveness".utf8), [4], [4]])
        #expect(c.count == 3)
        #expect(c.matching(prefix: Array("job.".utf8)).map { $0[2] } == [[3], [1]])
        #expect(c.matching(prefix: []).count == 3)
        #expect(c.matching(prefix: Array("job.3".utf8)).isEmpty)
    }

    /// Interval 1 s: stale at 3 s of silence, lost at 6 s, alive again when heard.
    @Test func livenessStaleThenLostThenBack() {
        var t = LivenessTracker()
        #expect(t.heard("aligner-1", at: at(0))?.to == .alive)
        #expect(t.heard("aligner-1", at: at(1)) == nil)
        #expect(t.tick(at: at(3.99)).isEmpty)
        let stale = t.tick(at: at(4))
        #expect(stale == [.init(worker: "aligner-1", from: .alive, to: .stale, silence: .seconds(3))])
        #expect(t.tick(at: at(6.5)).isEmpty)
        #expect(t.tick(at: at(7)) == [.init(worker: "aligner-1", from: .stale, to: .lost, silence: .seconds(6))])
        #expect(t.heard("aligner-1", at: at(9)) == .init(worker: "aligner-1", from: .lost, to: .alive, silence: .seconds(8)))
        #expect(t.state(of: "aligner-1") == .alive)
    }

    /// A worker announcing a 5 s interval is stale only after 15 s.
    @Test func livenessUsesTheAnnouncedInterval() {
        var t = LivenessTracker()
        _ = t.heard("slow", at: at(0), interval: .seconds(5))
        _ = t.heard("fast", at: at(0))
        #expect(t.tick(at: at(14)).map { "\($0.worker):\($0.to)" } == ["fast:lost"])
        #expect(t.tick(at: at(15)).map { "\($0.worker):\($0.to)" } == ["slow:stale"])
    }

    /// 0 → 100 items in 10 s is 10/s; 380 left → ETA 38 s. The window then forgets old samples.
    @Test func progressRateAndETA() {
        var p = ProgressEstimator(window: .seconds(30))
        p.record(done: 0, total: 480, at: at(0))
        #expect(p.rate == nil && p.eta == nil)
        p.record(done: 100, total: 480, at: at(10))
        #expect(p.rate == 10)
        #expect(p.eta == .seconds(38))
        p.record(done: 160, total: 480, at: at(20))
        #expect(p.rate == 8)                         // 160 in 20 s
        #expect(p.eta == .seconds(40))
        p.record(done: 400, total: 480, at: at(40))  // window 30 s: the t=0 sample is gone
        #expect(p.rate == 10)                        // (400-100)/(40-10)
        #expect(p.eta == .seconds(8))
        p.record(done: 480, total: 480, at: at(45))
        #expect(p.eta == .zero)
        p.record(done: 5, total: 100, at: at(50))    // a new count restarts the estimate
        #expect(p.rate == nil)
        #expect(p.fraction == 0.05)
    }
}
