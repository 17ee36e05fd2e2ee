import Testing
@testable import TomoTransport

@Suite struct ZMQSocketTests {
    @Test func routerDealerRoundTripOverLoopback() throws {
        let ctx = try ZMQContext()
        let router = try ZMQSocket(ctx, type: .router)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ZMQSocket(ctx, type: .dealer)
        try dealer.connect(router.lastEndpoint)
        try dealer.send([[1, 2, 3], Array("tile".utf8)])
        let got = try #require(try router.receive(timeoutMilliseconds: 5000))
        #expect(got.count == 3)                       // identity + two frames
        #expect(got[1] == [1, 2, 3] && got[2] == Array("tile".utf8))
        try router.send([got[0], Array("ack".utf8)])
        let reply = try #require(try dealer.receive(timeoutMilliseconds: 5000))
        #expect(reply == [Array("ack".utf8)])
    }

    @Test func receiveTimesOutWithNil() throws {
        let ctx = try ZMQContext()
        let s = try ZMQSocket(ctx, type: .pair)
        try s.bind("inproc://timeout")
        #expect(try s.receive(timeoutMilliseconds: 10) == nil)
    }

    @Test func oversizedInboundMessageIsDropped() throws {
        let ctx = try ZMQContext()
        let router = try ZMQSocket(ctx, type: .router, maxMessageSize: 1024)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ZMQSocket(ctx, type: .dealer)
        try dealer.connect(router.lastEndpoint)
        try dealer.send([[UInt8](repeating: 0, count: 4096)])
        #expect(try router.receive(timeoutMilliseconds: 300) == nil)
    }

    @Test func badEndpointNamesTheCall() throws {
        let ctx = try ZMQContext()
        let s = try ZMQSocket(ctx, type: .pair)
        #expect { try s.bind("nonsense://x") } throws: { ($0 as? ZMQError)?.call.contains("nonsense://x") == true }
    }
}
