import Foundation

/// The ZAP authenticator of one `ZMQContext`: a ROUTER bound to `inproc://zeromq.zap.01` on its
/// own thread, answering libzmq's ZAP requests (RFC 27) with `ZAPPolicy`: CURVE clients whose
/// public key is in the allow-list directory are accepted, everything else is refused (status
/// 400, before any application message passes).
///
/// A ROUTER rather than a REP: libzmq's ZAP client speaks REQ framing (routing id, empty
/// delimiter), which a ROUTER answers the same way and the socket wrapper already offers.
///
/// The allow-list is read at start, again by `reload()`, and again automatically when an
/// unknown key arrives and the directory changed since the last read (so `sta keys allow`
/// takes effect without a restart). Each refusal is recorded (`refusals`) and logged once per
/// peer address and key.
///
/// One per context: libzmq asks whoever is bound to the inproc endpoint, and a second bind fails.
public final class ZAPHandler: Sendable {
    /// The endpoint libzmq sends ZAP requests to.
    public static let endpoint = "inproc://zeromq.zap.01"

    /// One refused connection.
    public struct Refusal: Equatable, Sendable {
        /// The peer's address (IP for TCP).
        public var address: String
        /// The mechanism the peer used.
        public var mechanism: String
        /// The client's public key (Z85), when it presented one.
        public var clientKey: String?
        /// Why it was refused.
        public var reason: String
    }

    private struct State: Sendable {
        var allowList = CurveAllowList()
        var stamp: Date?
        var refusals: [Refusal] = []
        var refusedTotal = 0
        var accepted = 0
        var logged: Set<String> = []
        var stop = false
    }

    /// The allow-list directory (`<keys>/allowed`).
    public let allowedDirectory: String
    private let state: Locked<State>
    private let finished = Latch<Bool>()
    /// Most refusals kept in `refusals` (older ones are dropped; `refusedCount` counts all).
    public static let refusalMemory = 1000

    /// Binds the handler on `context` and starts answering.
    /// - Parameters:
    ///   - allowedDirectory: the directory of accepted client `*.key` files.
    ///   - log: where refusals and allow-list problems are reported (default: standard error).
    /// - Throws: `ZMQError` when the socket cannot bind (errno `EADDRINUSE`: this context already
    ///   has a ZAP handler).
    public init(context: ZMQContext, allowedDirectory: String,
                log: @escaping @Sendable (String) -> Void = ZAPHandler.logToStandardError) throws(ZMQError) {
        self.allowedDirectory = allowedDirectory
        var initial = State()
        initial.allowList = CurveAllowList.load(directory: allowedDirectory)
        initial.stamp = CurveAllowList.modificationStamp(of: allowedDirectory)
        for p in initial.allowList.problems { log("zap: \(p)") }
        let state = Locked(initial)
        self.state = state
        let finished = self.finished
        let started = Latch<Result<Void, ZMQError>>()
        startOwnerThread(name: "zap \(allowedDirectory)") {
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .router, lingerMilliseconds: 0)
                try socket.bind(Self.endpoint)
            } catch {
                started.fulfil(.failure(error as! ZMQError))
                finished.fulfil(false)
                return
            }
            started.fulfil(.success(()))
            while !state.withLock({ $0.stop }) {
                guard let frames = try? socket.receive(timeoutMilliseconds: 50), frames.count >= 2 else { continue }
                let envelope = Array(frames.prefix(2))           // routing id, empty delimiter
                guard let request = ZAPRequest(frames: frames[2...]) else { continue }
                let decision = Self.decide(request, state: state, directory: allowedDirectory, log: log)
                try? socket.send(envelope + decision.replyFrames(requestID: request.requestID))
            }
            finished.fulfil(true)
        }
        if case .failure(let e) = started.wait()! { throw e }
    }

    deinit { state.withLock { $0.stop = true } }

    /// Stops answering and closes the socket (synchronous). Connections attempted afterwards
    /// get no ZAP answer from this handler.
    public func stop() {
        state.withLock { $0.stop = true }
        _ = finished.wait()
    }

    /// Re-reads the allow-list directory now; returns the list in force.
    @discardableResult
    public func reload() -> CurveAllowList {
        let list = CurveAllowList.load(directory: allowedDirectory)
        let stamp = CurveAllowList.modificationStamp(of: allowedDirectory)
        state.withLock { $0.allowList = list; $0.stamp = stamp }
        return list
    }

    /// The allow-list in force.
    public var allowList: CurveAllowList { state.withLock { $0.allowList } }

    /// Refused connections, oldest first (at most `refusalMemory`).
    public var refusals: [Refusal] { state.withLock { $0.refusals } }

    /// How many connections were refused in all.
    public var refusedCount: Int { state.withLock { $0.refusedTotal } }

    /// How many connections were accepted.
    public var acceptedCount: Int { state.withLock { $0.accepted } }

    /// Writes one line to standard error.
    public static let logToStandardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func decide(_ request: ZAPRequest, state: Locked<State>, directory: String,
                               log: @Sendable (String) -> Void) -> ZAPDecision {
        var decision = ZAPPolicy.decide(request, allowList: state.withLock { $0.allowList })
        if case .deny = decision, let key = request.curvePublicKey,
           CurveAllowList.modificationStamp(of: directory) != state.withLock({ $0.stamp }) {
            let list = CurveAllowList.load(directory: directory)
            let stamp = CurveAllowList.modificationStamp(of: directory)
            state.withLock { $0.allowList = list; $0.stamp = stamp }
            if list.allows(key) { decision = ZAPPolicy.decide(request, allowList: list) }
        }
        let key = request.curvePublicKey?.z85
        let line: String? = state.withLock { s in
            switch decision {
            case .allow:
                s.accepted += 1
                return nil
            case .deny(let reason):
                s.refusedTotal += 1
                s.refusals.append(Refusal(address: request.address, mechanism: request.mechanism,
                                          clientKey: key, reason: reason))
                if s.refusals.count > refusalMemory { s.refusals.removeFirst(s.refusals.count - refusalMemory) }
                let id = "\(request.address) \(key ?? "-")"
                guard s.logged.count < 10_000, s.logged.insert(id).inserted else { return nil }
                return "zap: refused \(request.mechanism) connection from \(request.address): \(reason)"
            }
        }
        if let line { log(line) }
        return decision
    }
}
