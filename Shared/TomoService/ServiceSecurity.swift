import Foundation
import Synchronization
import TomoTransport

/// The CURVE security of one service process (docs/protocol.md §12): the key directory from
/// `--keys DIR` / `STA_KEYS` (nil when not given), the process's ZeroMQ context, and the one ZAP
/// handler that context may have (started on the first CURVE bind, shared by every bound socket).
///
/// `binding(_:)` and `connecting(_:)` apply `EndpointPolicy`: non-loopback TCP without keys is
/// refused with `ServiceSecurityError` naming the endpoint and the flag; with keys every `tcp://`
/// endpoint is CURVE. Binding sides get the allow-list `DIR/allowed/`; every refused client is
/// reported through `onRefusal` (the services log it, the catalog also publishes it).
public final class ServiceSecurity: Sendable {
    /// The key directory, when `--keys` was given.
    public let keys: CurveKeyDirectory?
    /// The context the sockets and the ZAP handler live on.
    public let context: ZMQContext
    private let zap = Mutex<ZAPHandler?>(nil)
    private let onRefusal: @Sendable (String) -> Void

    /// Security for `context` from the key directory `keysPath` (nil: no keys).
    /// - Parameter onRefusal: receives one line per refused client (and allow-list problems).
    public init(keysPath: String?, context: ZMQContext,
                onRefusal: @escaping @Sendable (String) -> Void = ZAPHandler.logToStandardError) {
        keys = keysPath.map(CurveKeyDirectory.init(path:))
        self.context = context
        self.onRefusal = onRefusal
    }

    /// The ZAP handler, once a CURVE endpoint was bound.
    public var authenticator: ZAPHandler? { zap.withLock { $0 } }

    /// The security of a socket that binds `endpoint` (a CURVE server with the allow-list when
    /// the policy says so).
    /// - Throws: `ServiceSecurityError` (keys required, unsupported transport, unreadable keys,
    ///   the ZAP handler cannot start).
    public func binding(_ endpoint: String) throws(ServiceSecurityError) -> CurveSecurity {
        let log = onRefusal
        let context = context
        do {
            return try zap.withLock { handler throws -> CurveSecurity in
                guard try EndpointPolicy.usesCurve(endpoint, keysGiven: keys != nil), let keys else { return .off }
                let pair = try keys.serverKeyPair()
                if handler == nil {
                    handler = try ZAPHandler(context: context, allowedDirectory: keys.allowedDirectory, log: log)
                }
                return .server(keyPair: pair, authenticator: handler!)
            }
        } catch {
            throw ServiceSecurityError(endpoint: endpoint, role: "bind", underlying: error)
        }
    }

    /// The security of a socket that connects to `endpoint` (a CURVE client when the policy says so).
    /// - Throws: `ServiceSecurityError`.
    public func connecting(_ endpoint: String) throws(ServiceSecurityError) -> CurveSecurity {
        do { return try CurveSecurity.forConnecting(endpoint, keys: keys) } catch {
            throw ServiceSecurityError(endpoint: endpoint, role: "connect to", underlying: error)
        }
    }

    /// Checks the policy of every endpoint without reading keys (for `validate()`): throws the
    /// first endpoint that needs `--keys` when none were given, or has an unsupported transport.
    public static func check(bind: [String] = [], connect: [String] = [], keysGiven: Bool) throws(ServiceSecurityError) {
        for (role, list) in [("bind", bind), ("connect to", connect)] {
            for e in list {
                do { _ = try EndpointPolicy.usesCurve(e, keysGiven: keysGiven) } catch {
                    throw ServiceSecurityError(endpoint: e, role: role, underlying: error)
                }
            }
        }
    }
}

/// A service cannot secure an endpoint as configured: which endpoint, whether it was to be bound
/// or connected to, and why (for a non-loopback endpoint without keys: pass `--keys DIR` or set
/// `STA_KEYS`).
public struct ServiceSecurityError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The endpoint.
    public var endpoint: String
    /// `bind` or `connect to`.
    public var role: String
    /// The reason (`EndpointPolicyError`, `CurveKeyError`, `ZMQError`, …) as text.
    public var reason: String
    /// Whether the reason is missing keys.
    public var keysRequired: Bool

    init(endpoint: String, role: String, underlying: any Error) {
        self.endpoint = endpoint
        self.role = role
        if case EndpointPolicyError.keysRequired? = underlying as? EndpointPolicyError {
            keysRequired = true
            reason = "TCP beyond loopback requires CURVE; pass --keys DIR or set STA_KEYS (make keys with `sta keys generate`)"
        } else {
            keysRequired = false
            reason = "\(underlying)"
        }
    }

    public var description: String { "cannot \(role) \(endpoint): \(reason)" }
    public var errorDescription: String? { description }
}
