import Foundation
import TomoTransport

/// How `monitor subscribe` prints raw events, one per line.
public enum EventLine {
    /// One JSON object per event, for scripts:
    /// `{"topic":"job.42.state","job":42,"iteration":0,"sequence":7,"body":{"state":"running"}}`.
    /// The body is embedded as the JSON the publisher sent; a body that is not valid JSON is
    /// embedded as a string instead.
    public static func json(_ e: ReceivedEvent) -> String {
        let body: String
        if (try? JSONSerialization.jsonObject(with: Data(e.json.utf8))) != nil {
            body = e.json
        } else {
            body = EventPayload.encode([e.json]).dropFirst().dropLast().description
        }
        // Topics are `[a-z0-9._-]` (docs/protocol.md §5.5), so they need no escaping.
        return #"{"topic":"\#(e.topic)","job":\#(e.correlation.jobID),"iteration":\#(e.correlation.iteration),"sequence":\#(e.sequence),"body":\#(body)}"#
    }

    /// `topic body`, for people.
    public static func plain(_ e: ReceivedEvent) -> String { "\(e.topic) \(e.json)" }
}
