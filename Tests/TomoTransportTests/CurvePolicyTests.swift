import Testing
@testable import TomoTransport

/// Endpoint policy and ZAP decisions, without sockets.
@Suite struct CurvePolicyTests {
    @Test(arguments: [
        ("tcp://*:5555", EndpointPolicy.Requirement.curve),
        ("tcp://0.0.0.0:5555", .curve),
        ("tcp://10.99.7.1:5555", .curve),
        ("tcp://catalog.lab:5555", .curve),
        ("tcp://eth0:5555", .curve),
        ("tcp://[::]:5555", .curve),
        ("tcp://[2001:db8::1]:5555", .curve),
        ("tcp://127.0.0.1:5555", .plain),
        ("tcp://127.5.6.7:*", .plain),
        ("tcp://localhost:5555", .plain),
        ("tcp://lo:5555", .plain),
        ("tcp://[::1]:5555", .plain),
        ("tcp://[0:0:0:0:0:0:0:1]:5555", .plain),
        ("tcp://[::ffff:127.0.0.1]:5555", .plain),
        ("tcp://10.0.0.5;127.0.0.1:5555", .plain),      // source;destination: the destination counts
        ("tcp://127.0.0.1;10.0.0.5:5555", .curve),
        ("tcp://127.0.0.256:5555", .curve),             // not an IPv4 address: a name, not loopback
        ("ipc:///tmp/sta/catalog", .plain),
        ("inproc://zeromq.zap.01", .plain),
        ("pgm://eth0;239.192.1.1:5555", .unsupported(transport: "pgm")),
        ("catalog:5555", .unsupported(transport: "catalog:5555")),
    ])
    func endpointRequirement(endpoint: String, expected: EndpointPolicy.Requirement) {
        #expect(EndpointPolicy.requirement(for: endpoint) == expected)
    }

    /// Keys make every TCP endpoint CURVE (the binder decides the mechanism); no keys refuse
    /// non-loopback TCP; ipc never uses CURVE.
    @Test func usesCurveFollowsKeys() throws {
        #expect(throws: EndpointPolicyError.keysRequired(endpoint: "tcp://*:5555")) {
            try EndpointPolicy.usesCurve("tcp://*:5555", keysGiven: false)
        }
        #expect(try EndpointPolicy.usesCurve("tcp://*:5555", keysGiven: true))
        #expect(try EndpointPolicy.usesCurve("tcp://127.0.0.1:5555", keysGiven: true))
        #expect(try !EndpointPolicy.usesCurve("tcp://127.0.0.1:5555", keysGiven: false))
        #expect(try !EndpointPolicy.usesCurve("ipc:///tmp/x", keysGiven: true))
        #expect(throws: EndpointPolicyError.self) { try EndpointPolicy.usesCurve("udp://x:1", keysGiven: true) }
        #expect("\(EndpointPolicyError.keysRequired(endpoint: "tcp://*:1"))".contains("--keys DIR"))
    }

    /// A service without `--keys` cannot bind beyond loopback: `CurveSecurity.forBinding` throws
    /// before any socket exists; on loopback it is `.off`.
    @Test func forBindingRefusesWithoutKeys() throws {
        let ctx = try ZMQContext()
        #expect(throws: EndpointPolicyError.keysRequired(endpoint: "tcp://*:5555")) {
            try CurveSecurity.forBinding("tcp://*:5555", keys: nil, context: ctx)
        }
        guard case .off = try CurveSecurity.forBinding("tcp://127.0.0.1:5555", keys: nil, context: ctx) else {
            Issue.record("loopback without keys should be .off"); return
        }
        #expect(throws: CurveKeyError.self) {                     // keys given but no server.key_secret
            try CurveSecurity.forBinding("tcp://*:5555", keys: CurveKeyDirectory(path: "/nonexistent"), context: ctx)
        }
    }

    @Test func zapRequestParsesAndRepliesPerRFC27() throws {
        let key = try CurveKeyPair.generate().publicKey
        let request = ZAPRequest(requestID: [7], domain: "sta", address: "10.99.7.3", routingID: [],
                                 mechanism: "CURVE", credentials: [key.bytes])
        #expect(ZAPRequest(frames: request.frames[...]) == request)
        #expect(request.curvePublicKey == key)
        #expect(ZAPRequest(frames: [Array("2.0".utf8), [], [], [], [], []][...]) == nil)
        #expect(ZAPDecision.allow(userID: "w.key").replyFrames(requestID: [7])
                == [Array("1.0".utf8), [7], Array("200".utf8), Array("OK".utf8), Array("w.key".utf8), []])
        let deny = ZAPDecision.deny(reason: "no").replyFrames(requestID: [7])
        #expect(deny[2] == Array("400".utf8) && deny.count == 6)
    }

    @Test func zapPolicyAllowsOnlyListedCurveKeysInOurDomain() throws {
        let known = try CurveKeyPair.generate().publicKey, unknown = try CurveKeyPair.generate().publicKey
        let list = CurveAllowList(keys: [known: "/k/allowed/worker-a.key"])
        func request(_ key: CurveKey, domain: String = "sta", mechanism: String = "CURVE") -> ZAPRequest {
            ZAPRequest(requestID: [1], domain: domain, address: "10.0.0.2", mechanism: mechanism, credentials: [key.bytes])
        }
        #expect(ZAPPolicy.decide(request(known), allowList: list) == .allow(userID: "worker-a.key"))
        guard case .deny(let why) = ZAPPolicy.decide(request(unknown), allowList: list) else { Issue.record("allowed"); return }
        #expect(why.contains(unknown.z85))
        #expect(ZAPPolicy.decide(request(known, domain: "other"), allowList: list) == .deny(reason: "unknown ZAP domain 'other'"))
        #expect(ZAPPolicy.decide(request(known, mechanism: "PLAIN"), allowList: list)
                == .deny(reason: "mechanism PLAIN is not accepted (CURVE only)"))
    }
}
