private import CZeroMQ

/// CURVE security on a socket (`zmq_curve(7)`). Call before `bind`/`connect`: libzmq applies the
/// mechanism to connections made afterwards.
extension ZMQSocket {
    /// The ZAP domain every CURVE server of this project uses (`ZMQ_ZAP_DOMAIN`); `ZAPHandler`
    /// refuses requests for any other domain.
    public static let zapDomain = "sta"

    /// The security mechanism a socket uses.
    public enum Mechanism: Sendable, Equatable {
        /// No security (`ZMQ_NULL`).
        case null
        /// User name and password in clear (`ZMQ_PLAIN`); never used here.
        case plain
        /// CurveZMQ (`ZMQ_CURVE`).
        case curve
        /// Anything else (GSSAPI).
        case other(Int32)
    }

    /// Makes this socket a CURVE server with `secretKey`, asking the context's ZAP handler
    /// (`ZAPHandler`) about every client in domain `zapDomain`.
    ///
    /// Without a ZAP handler on the context libzmq accepts every client that knows the server's
    /// public key; `CurveSecurity.server` therefore requires one.
    public func makeCurveServer(secretKey: CurveKey, zapDomain: String = ZMQSocket.zapDomain) throws(ZMQError) {
        try setCurveInt(ZMQ_CURVE_SERVER, 1, "ZMQ_CURVE_SERVER")
        try setCurveBytes(ZMQ_CURVE_SECRETKEY, secretKey.bytes, "ZMQ_CURVE_SECRETKEY")
        try setCurveBytes(ZMQ_ZAP_DOMAIN, Array(zapDomain.utf8), "ZMQ_ZAP_DOMAIN")
    }

    /// Makes this socket a CURVE client that talks only to the server holding the secret key of
    /// `serverPublicKey`, and identifies itself with `clientKeyPair`.
    public func makeCurveClient(serverPublicKey: CurveKey, clientKeyPair: CurveKeyPair) throws(ZMQError) {
        try setCurveBytes(ZMQ_CURVE_SERVERKEY, serverPublicKey.bytes, "ZMQ_CURVE_SERVERKEY")
        try setCurveBytes(ZMQ_CURVE_PUBLICKEY, clientKeyPair.publicKey.bytes, "ZMQ_CURVE_PUBLICKEY")
        try setCurveBytes(ZMQ_CURVE_SECRETKEY, clientKeyPair.secretKey.bytes, "ZMQ_CURVE_SECRETKEY")
    }

    /// The socket's security mechanism (`ZMQ_MECHANISM`).
    public var mechanism: Mechanism {
        var value: Int32 = -1
        var size = MemoryLayout<Int32>.size
        _ = zmq_getsockopt(handle, ZMQ_MECHANISM, &value, &size)
        switch value {
        case ZMQ_NULL: return .null
        case ZMQ_PLAIN: return .plain
        case ZMQ_CURVE: return .curve
        default: return .other(value)
        }
    }

    private func setCurveInt(_ option: Int32, _ value: Int32, _ name: String) throws(ZMQError) {
        var v = value
        if zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) != 0 { throw ZMQError.last(name) }
    }

    private func setCurveBytes(_ option: Int32, _ bytes: [UInt8], _ name: String) throws(ZMQError) {
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError.last(name) }
    }
}
