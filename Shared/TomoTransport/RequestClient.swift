import TomoWire

/// A client of a catalog's request link (docs/protocol.md §5.6–5.7): one DEALER socket, owned
/// by whoever created the client (not `Sendable`; one per thread), that sends a REQUEST and
/// waits for the REPLY or ERROR with the same request number (task id).
///
/// Messages that answer nothing outstanding (a late reply after a timeout, a HEARTBEAT) are
/// skipped. Used by workers to fetch tiles and tables (`tile.get`, `star.get`), by tests and by
/// the `sta` command.
public final class RequestClient {
    /// The endpoint it is connected to.
    public let endpoint: String
    private let socket: ZMQSocket
    private var number: UInt64 = 0
    private var sequence: UInt32 = 0
    private let limits: WireLimits

    /// What a call returns: the REPLY body and its payloads.
    public struct Response: Sendable {
        /// The method answered and its JSON result.
        public var reply: Message.Reply
        /// Tables or tiles.
        public var payloads: [Payload]
    }

    /// Connects a DEALER to `endpoint`, secured by `security` (a CURVE client, or `.off`).
    /// - Throws: `ZMQError` when the socket cannot be created or connected.
    public init(context: ZMQContext, endpoint: String, limits: WireLimits = .protocolDefault,
                security: CurveSecurity = .off) throws(ZMQError) {
        self.endpoint = endpoint
        self.limits = limits
        socket = try ZMQSocket(context, type: .dealer, lingerMilliseconds: 0, maxMessageSize: Int64(limits.maxMessageBytes))
        try security.apply(to: socket)
        try socket.connect(endpoint)
    }

    /// Calls `method` with `argumentsJSON` and waits at most `timeoutMilliseconds`.
    ///
    /// - Parameters:
    ///   - idempotencyKey: required (non-zero) for methods that change state (`job.submit`,
    ///     `job.cancel`); reuse it when retrying.
    /// - Throws: `RequestError`: the ERROR the catalog answered, a timeout (code nil), or a
    ///   reply that did not decode.
    public func call(_ method: String, argumentsJSON: String = "{}", payloads: [Payload] = [],
                     idempotencyKey: IdempotencyKey = .none, jobID: UInt64 = 0,
                     timeoutMilliseconds: Int = 10_000) throws(RequestError) -> Response {
        number += 1
        sequence &+= 1
        let request = Message(.request(.init(method: method, argumentsJSON: argumentsJSON)),
                              correlation: Correlation(jobID: jobID, taskID: number, idempotencyKey: idempotencyKey),
                              sequence: sequence, payloads: payloads)
        do { try socket.send(request.encode()) } catch {
            throw RequestError(code: nil, message: "\(method) to \(endpoint): \(error)")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(timeoutMilliseconds)
        while clock.now < deadline {
            let left = clock.now.duration(to: deadline).components
            let ms = max(1, Int(left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000))
            let frames: [[UInt8]]?
            do { frames = try socket.receive(timeoutMilliseconds: ms) } catch {
                throw RequestError(code: nil, message: "\(method) to \(endpoint): \(error)")
            }
            guard let frames else { break }
            guard let m = try? Message.decode(frames, limits: limits), m.correlation.taskID == number else { continue }
            switch m.body {
            case .reply(let r): return Response(reply: r, payloads: m.payloads)
            case .error(let e): throw RequestError(code: e.code, message: e.message)
            default: continue
            }
        }
        throw RequestError(code: nil, message: "\(method) to \(endpoint): no answer within \(timeoutMilliseconds) ms")
    }

    /// Sends raw frames as they are (fuzzing and interop tests).
    public func sendRaw(_ frames: [[UInt8]]) throws(ZMQError) { try socket.send(frames) }

    /// Receives raw frames, waiting at most `timeoutMilliseconds`; nil on timeout.
    public func receiveRaw(timeoutMilliseconds: Int) throws(ZMQError) -> [[UInt8]]? {
        try socket.receive(timeoutMilliseconds: timeoutMilliseconds)
    }
}

/// A REQUEST that failed: the catalog's ERROR (`code` set) or a transport failure or timeout
/// (`code` nil).
public struct RequestError: Error, Sendable, CustomStringConvertible {
    /// The ERROR's code, or nil for a timeout or socket failure.
    public var code: WireErrorCode?
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(code: WireErrorCode?, message: String) {
        self.code = code
        self.message = message
    }
    /// `"404 not found: no job 7"`.
    public var description: String { code.map { "\($0): \(message)" } ?? message }
}
