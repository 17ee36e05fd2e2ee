/// A ZAP request (ZeroMQ RFC 27, version 1.0), as libzmq sends it to `inproc://zeromq.zap.01`
/// for each new connection to a socket with a security mechanism. Pure: parses and decides,
/// no sockets.
public struct ZAPRequest: Equatable, Sendable {
    /// The request id to echo in the reply (opaque bytes).
    public var requestID: [UInt8]
    /// The server socket's `ZMQ_ZAP_DOMAIN`.
    public var domain: String
    /// The peer's address (an IP address for TCP).
    public var address: String
    /// The peer's routing id (may be empty).
    public var routingID: [UInt8]
    /// `NULL`, `PLAIN`, `CURVE` or `GSSAPI`.
    public var mechanism: String
    /// The mechanism's credentials (CURVE: one frame, the client's 32-byte public key).
    public var credentials: [[UInt8]]

    /// A request.
    public init(requestID: [UInt8], domain: String, address: String, routingID: [UInt8] = [],
                mechanism: String, credentials: [[UInt8]]) {
        self.requestID = requestID
        self.domain = domain
        self.address = address
        self.routingID = routingID
        self.mechanism = mechanism
        self.credentials = credentials
    }

    /// Parses the frames after the REQ-style envelope (routing id and empty delimiter):
    /// version, request id, domain, address, identity, mechanism, credentials….
    /// Returns nil when there are fewer than 6 frames or the version is not `1.0`.
    public init?(frames: ArraySlice<[UInt8]>) {
        guard frames.count >= 6 else { return nil }
        let f = Array(frames)
        guard f[0] == Array("1.0".utf8) else { return nil }
        self.init(requestID: f[1], domain: String(decoding: f[2], as: UTF8.self),
                  address: String(decoding: f[3], as: UTF8.self), routingID: f[4],
                  mechanism: String(decoding: f[5], as: UTF8.self), credentials: Array(f[6...]))
    }

    /// The frames of this request (what libzmq sends after the envelope); tests use it.
    public var frames: [[UInt8]] {
        [Array("1.0".utf8), requestID, Array(domain.utf8), Array(address.utf8), routingID, Array(mechanism.utf8)]
            + credentials
    }

    /// The CURVE client public key, when this is a CURVE request with one 32-byte credential.
    public var curvePublicKey: CurveKey? {
        guard mechanism == "CURVE", credentials.count == 1 else { return nil }
        return try? CurveKey(bytes: credentials[0])
    }
}

/// A ZAP verdict.
public enum ZAPDecision: Equatable, Sendable {
    /// Status 200: the connection proceeds; `userID` goes into the reply (the allow-list file).
    case allow(userID: String)
    /// Status 400: the connection is refused for `reason`.
    case deny(reason: String)

    /// The reply frames (after the envelope): version, request id, status code, status text,
    /// user id, metadata (empty).
    public func replyFrames(requestID: [UInt8]) -> [[UInt8]] {
        switch self {
        case .allow(let user): [Array("1.0".utf8), requestID, Array("200".utf8), Array("OK".utf8), Array(user.utf8), []]
        case .deny(let why): [Array("1.0".utf8), requestID, Array("400".utf8), Array(why.utf8), [], []]
        }
    }
}

/// The project's ZAP rule: only CURVE, only domain `ZMQSocket.zapDomain`, only client keys in
/// the allow-list.
public enum ZAPPolicy {
    /// Decides one request.
    public static func decide(_ request: ZAPRequest, allowList: CurveAllowList,
                              domain: String = ZMQSocket.zapDomain) -> ZAPDecision {
        guard request.domain == domain else {
            return .deny(reason: "unknown ZAP domain '\(request.domain)'")
        }
        guard request.mechanism == "CURVE" else {
            return .deny(reason: "mechanism \(request.mechanism) is not accepted (CURVE only)")
        }
        guard let key = request.curvePublicKey else {
            return .deny(reason: "CURVE request without a 32-byte client public key")
        }
        guard let file = allowList.keys[key] else {
            return .deny(reason: "client key \(key.z85) is not in the allow-list")
        }
        return .allow(userID: file.split(separator: "/").last.map(String.init) ?? file)
    }
}
