import Foundation
import TomoTransport
import TomoWire

/// The catalog's publisher on the event bus: a PUB socket connected to the monitor's XSUB
/// (docs/protocol.md §5.5). Publishing never blocks and never fails loudly: with no monitor the
/// events are dropped (events are best effort; the ledger is the record).
///
/// The socket is created on first use and used by one thread at a time (the coordinator loop's,
/// or the starting thread before the loop exists).
final class CatalogEvents: @unchecked Sendable {
    private let context: ZMQContext
    private let endpoint: String?
    private var socket: ZMQSocket?
    private var sequence: UInt32 = 0
    private let lock = NSLock()

    init(context: ZMQContext, endpoint: String?) {
        self.context = context
        self.endpoint = endpoint
    }

    /// `[a-z0-9._-]` only: other characters become `-`, upper case is lowered.
    static func topicPart(_ s: String) -> String {
        let mapped = s.lowercased().unicodeScalars.map { c -> Character in
            (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "." || c == "_" || c == "-" ? Character(c) : "-"
        }
        return mapped.isEmpty ? "-" : String(mapped)
    }

    /// Publishes `json` (an object) under `topic`.
    func publish(_ topic: String, _ json: [String: Any], job: Int = 0) {
        guard let endpoint else { return }
        lock.lock()
        defer { lock.unlock() }
        if socket == nil {
            socket = try? ZMQSocket(context, type: .pub, lingerMilliseconds: 100)
            try? socket?.setSendTimeout(milliseconds: 0)
            if (try? socket?.connect(endpoint)) == nil { socket = nil; return }
        }
        sequence &+= 1
        let m = Message(.event(.init(topic: String(topic.prefix(255)), json: JSON.string(json))),
                        correlation: Correlation(jobID: UInt64(max(0, job))), sequence: sequence)
        try? socket?.send(m.encode())
    }
}
