import Foundation
import TomoTransport
import TomoWire

/// The catalog's voice on the event bus (docs/protocol.md §5.5): an `EventPublisher` (PUB,
/// connected to the monitor's XSUB, its own owner thread and bounded queue) and the topic
/// naming rules. Publishing never blocks; with no monitor the events are dropped (events are
/// best effort; the ledger is the record).
final class CatalogEvents: Sendable {
    private let publisher: EventPublisher?

    init(context: ZMQContext, endpoint: String?, security: CurveSecurity = .off) {
        publisher = endpoint.map { EventPublisher(context: context, connectTo: $0, security: security) }
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
        publisher?.publish(topic: String(topic.prefix(255)), json: JSON.string(json), jobID: UInt64(max(0, job)))
    }

    /// Sends what is queued (bounded wait) and closes the socket.
    func close() {
        _ = publisher?.flush(timeout: .seconds(1))
        publisher?.close()
    }
}
