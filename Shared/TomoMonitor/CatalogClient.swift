import TomoTransport
import TomoWire

/// A client of the catalog's REQUEST/REPLY methods (docs/protocol.md §5.6–5.7): a DEALER socket
/// connected to the catalog's ROUTER, one request at a time. Not `Sendable`: one owner.
public final class CatalogClient {
    private let socket: ZMQSocket
    private let endpoint: String
    private var requestNumber: UInt64 = 0

    /// Connects to the catalog at `endpoint` (e.g. `tcp://127.0.0.1:5555`), secured by `security`.
    public init(context: ZMQContext, endpoint: String, security: CurveSecurity = .off) throws(ZMQError) {
        socket = try ZMQSocket(context, type: .dealer, lingerMilliseconds: 0)
        try security.apply(to: socket)
        try socket.connect(endpoint)
        self.endpoint = endpoint
    }

    /// Calls `method` with `argumentsJSON` and returns the REPLY's result JSON.
    /// - Throws: `MonitorError` on timeout, an ERROR answer, or a REPLY that does not echo the
    ///   request number.
    public func call(_ method: String, argumentsJSON: String = "{}", timeoutMilliseconds: Int = 5000) throws -> String {
        requestNumber += 1
        let request = Message(.request(.init(method: method, argumentsJSON: argumentsJSON)),
                              correlation: Correlation(taskID: requestNumber), sequence: UInt32(truncatingIfNeeded: requestNumber))
        try socket.send(request.encode())
        while true {
            guard let frames = try socket.receive(timeoutMilliseconds: timeoutMilliseconds) else {
                throw MonitorError("no answer from the catalog at \(endpoint) to \(method) within \(timeoutMilliseconds) ms")
            }
            let answer = try Message.decode(frames)
            guard answer.correlation.taskID == requestNumber else { continue }   // a late answer to an earlier call
            switch answer.body {
            case .reply(let r): return r.resultJSON
            case .error(let e):
                throw MonitorError("the catalog at \(endpoint) answered \(method) with ERROR \(e.code): \(e.message)")
            default:
                throw MonitorError("the catalog at \(endpoint) answered \(method) with \(answer.command), not REPLY")
            }
        }
    }

    /// The catalog's jobs (`job.list`).
    public func jobs(timeoutMilliseconds: Int = 5000) throws -> [JobSummary] {
        try JobSummary.parseList(call("job.list", timeoutMilliseconds: timeoutMilliseconds))
    }
}
