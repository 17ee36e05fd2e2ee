import Testing
import TomoTransport

@Suite struct HeartbeatStateMachineTests {
    typealias Machine = HeartbeatStateMachine<String>

    @Test func defaultsAreOneSecondAndLivenessThree() {
        let c = Machine.Configuration()
        #expect(c.interval == .seconds(1) && c.liveness == 3 && c.expiry == .seconds(3))
        #expect(c.reconnectInitial == .seconds(1) && c.reconnectMax == .seconds(32))
    }

    @Test func heartbeatsEveryIntervalAndExpiresAtLivenessTimesIntervalNotBefore() {
        let clock = ManualClock()
        var hb = Machine()
        hb.addPeer("w1", at: clock.now)
        #expect(hb.tick(at: clock.advance(by: .milliseconds(999))) == [])
        #expect(hb.tick(at: clock.advance(by: .milliseconds(1))) == [.sendHeartbeat("w1")])   // t = 1 s
        #expect(hb.tick(at: clock.advance(by: .milliseconds(500))) == [])
        #expect(hb.tick(at: clock.advance(by: .milliseconds(500))) == [.sendHeartbeat("w1")]) // t = 2 s
        #expect(hb.tick(at: clock.advance(by: .milliseconds(999))) == [])                      // t = 2.999 s
        #expect(hb.isTracking("w1"))
        #expect(hb.tick(at: clock.advance(by: .milliseconds(1))) == [.peerExpired("w1")])     // t = 3 s
        #expect(!hb.isTracking("w1"))
        #expect(hb.tick(at: clock.advance(by: .seconds(10))) == [])                            // reported once
        #expect(hb.nextDeadline == nil)
    }

    @Test func anyTrafficPostponesExpiry() {
        var hb = Machine()
        hb.addPeer("w1", at: .zero)
        hb.receivedTraffic(from: "w1", at: .seconds(2.5))      // a RESULT, not a heartbeat
        #expect(hb.tick(at: .seconds(3)) == [.sendHeartbeat("w1")])
        #expect(hb.tick(at: .seconds(5.499)) == [.sendHeartbeat("w1")])
        #expect(hb.tick(at: .seconds(5.5)) == [.peerExpired("w1")])
    }

    @Test func trafficFromUnknownPeerStartsTrackingIt() {
        var hb = Machine()
        hb.receivedTraffic(from: "w9", at: .seconds(4))
        #expect(hb.peers == ["w9"])
        #expect(hb.nextDeadline == .seconds(5))
        #expect(hb.tick(at: .seconds(6.999)) == [.sendHeartbeat("w9")])
        #expect(hb.tick(at: .seconds(7)) == [.peerExpired("w9")])
    }

    @Test func outboundTrafficPostponesTheNextHeartbeat() {
        var hb = Machine()
        hb.addPeer("w1", at: .zero)
        hb.sentTraffic(to: "w1", at: .seconds(0.8))
        #expect(hb.tick(at: .seconds(1.5)) == [])
        #expect(hb.tick(at: .seconds(1.8)) == [.sendHeartbeat("w1")])
    }

    @Test func actionsFollowPeerOrderAndRemovedPeersAreSilent() {
        var hb = Machine()
        for p in ["c", "a", "b"] { hb.addPeer(p, at: .zero) }
        hb.removePeer("a")
        #expect(hb.tick(at: .seconds(1)) == [.sendHeartbeat("c"), .sendHeartbeat("b")])
        hb.receivedTraffic(from: "b", at: .seconds(2))
        #expect(hb.tick(at: .seconds(3)) == [.peerExpired("c"), .sendHeartbeat("b")])
        #expect(hb.peers == ["b"])
    }

    /// The worker side: a silent coordinator is reconnected to after 1, 2, 4, 8, 16, 32, 32 s.
    @Test func reconnectBackoffDoublesUpToThirtyTwoSeconds() {
        let clock = ManualClock()
        var hb = Machine()
        hb.addPeer("coordinator", policy: .reconnect, at: clock.now)
        var expiredAt: [Double] = []
        var reconnectedAt: [Double] = []
        while clock.now < .seconds(200) {
            let now = clock.advance(by: .milliseconds(250))
            for a in hb.tick(at: now) {
                let t = Double(now.sinceOrigin.components.seconds) + Double(now.sinceOrigin.components.attoseconds) * 1e-18
                switch a {
                case .peerExpired: expiredAt.append(t)
                case .reconnect: reconnectedAt.append(t)
                case .sendHeartbeat: break
                }
            }
        }
        #expect(hb.isTracking("coordinator"))
        // silent 3 s after every (re)connect, then wait the back-off
        #expect(expiredAt == [3, 7, 12, 19, 30, 49, 84, 119, 154, 189])
        #expect(reconnectedAt == [4, 9, 16, 27, 46, 81, 116, 151, 186])
        let delays = zip(expiredAt, reconnectedAt).map { $1 - $0 }
        #expect(delays == [1, 2, 4, 8, 16, 32, 32, 32, 32])
    }

    @Test func noHeartbeatsWhileBackingOffAndTrafficResetsBackoff() {
        var hb = Machine()
        hb.addPeer("coordinator", policy: .reconnect, at: .zero)
        #expect(hb.tick(at: .seconds(3)) == [.peerExpired("coordinator")])
        #expect(hb.nextDeadline == .seconds(4))
        #expect(hb.tick(at: .seconds(3.9)) == [])                                   // no heartbeat while down
        #expect(hb.tick(at: .seconds(4)) == [.reconnect("coordinator")])
        #expect(hb.reconnectDelay(for: "coordinator") == .seconds(2))
        #expect(hb.tick(at: .seconds(7)) == [.peerExpired("coordinator")])
        #expect(hb.tick(at: .seconds(9)) == [.reconnect("coordinator")])
        #expect(hb.reconnectDelay(for: "coordinator") == .seconds(4))
        hb.receivedTraffic(from: "coordinator", at: .seconds(9.5))                  // it answered
        #expect(hb.reconnectDelay(for: "coordinator") == .seconds(1))
        #expect(hb.tick(at: .seconds(12.5)) == [.peerExpired("coordinator")])
        #expect(hb.tick(at: .seconds(13.5)) == [.reconnect("coordinator")])
    }

    /// With ±20 % jitter each reconnect wait after an expiry lies within 0.8–1.2 × the delay
    /// (1, 2, 4, … s), the delays themselves still double, two seeds give different waits and
    /// one seed the same ones (protocol §9.4).
    @Test func reconnectJitterSpreadsTheWaitsWithinTwentyPercent() {
        func waits(seed: UInt64) -> [Double] {
            var hb = HeartbeatStateMachine<String>(configuration: .init(reconnectJitter: 0.2), seed: seed)
            hb.addPeer("coordinator", policy: .reconnect, at: .zero)
            var expired: Double?
            var out: [Double] = []
            var t = 0.0
            while t < 120 {
                t += 0.01
                let now = MonotonicInstant.zero + .milliseconds(Int((t * 1000).rounded()))
                for a in hb.tick(at: now) {
                    if case .peerExpired = a { expired = t }
                    if case .reconnect = a, let e = expired { out.append(t - e) }
                }
            }
            return out
        }
        let a = waits(seed: 1), b = waits(seed: 2)
        let delays = [1.0, 2, 4, 8, 16, 32]
        #expect(a.count >= 5)
        for (w, d) in zip(a, delays) { #expect(w >= 0.8 * d - 0.011 && w <= 1.2 * d + 0.011, "wait \(w) for delay \(d)") }
        #expect(a != b)
        #expect(a == waits(seed: 1))
    }
}
