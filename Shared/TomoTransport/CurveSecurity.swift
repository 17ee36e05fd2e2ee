/// How a socket is secured, decided once per endpoint by a service and applied by the socket's
/// owner before `bind`/`connect` (`CoordinatorLoop` and `WorkerLoop` take it as `security:`).
public enum CurveSecurity: Sendable {
    /// No mechanism (ipc, inproc, loopback TCP without `--keys`).
    case off
    /// CURVE server with `keyPair`; `authenticator` (the context's ZAP handler) decides which
    /// clients get in. Requiring it here means a CURVE server never runs without an allow-list.
    case server(keyPair: CurveKeyPair, authenticator: ZAPHandler)
    /// CURVE client that talks only to `serverPublicKey`, identified by `keyPair`.
    case client(serverPublicKey: CurveKey, keyPair: CurveKeyPair)

    /// Sets the socket options (`ZMQSocket.makeCurveServer` / `makeCurveClient`); `.off` does nothing.
    public func apply(to socket: ZMQSocket) throws(ZMQError) {
        switch self {
        case .off: break
        case .server(let pair, _): try socket.makeCurveServer(secretKey: pair.secretKey)
        case .client(let server, let pair): try socket.makeCurveClient(serverPublicKey: server, clientKeyPair: pair)
        }
    }

    /// The security of a socket that binds `endpoint`, from `--keys` (nil: not given), per
    /// `EndpointPolicy`. Starts the context's ZAP handler with `<keys>/allowed` when CURVE is on
    /// and `authenticator` is nil (pass the existing one when the context already has one).
    /// - Throws: `EndpointPolicyError`, `CurveKeyError` (missing or unreadable key files),
    ///   `ZMQError` (the ZAP handler cannot bind).
    public static func forBinding(_ endpoint: String, keys: CurveKeyDirectory?, context: ZMQContext,
                                  authenticator: ZAPHandler? = nil) throws -> CurveSecurity {
        guard try EndpointPolicy.usesCurve(endpoint, keysGiven: keys != nil), let keys else { return .off }
        let pair = try keys.serverKeyPair()
        let zap = try authenticator ?? ZAPHandler(context: context, allowedDirectory: keys.allowedDirectory)
        return .server(keyPair: pair, authenticator: zap)
    }

    /// The security of a socket that connects to `endpoint`, from `--keys` (nil: not given).
    /// - Throws: `EndpointPolicyError`, `CurveKeyError`.
    public static func forConnecting(_ endpoint: String, keys: CurveKeyDirectory?) throws -> CurveSecurity {
        guard try EndpointPolicy.usesCurve(endpoint, keysGiven: keys != nil), let keys else { return .off }
        return .client(serverPublicKey: try keys.serverPublicKey(), keyPair: try keys.clientKeyPair())
    }
}
