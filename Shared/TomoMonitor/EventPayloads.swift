import Foundation

/// The JSON bodies of the events the monitor reads (docs/architecture.md, event topics).
/// Subscribers ignore members they do not know (docs/protocol.md §5.5); every member not needed
/// to make sense of an event is optional.
public enum EventPayload {
    /// `job.<id>.state`: `{"state":"running"}`; states `pending`, `running`, `succeeded`,
    /// `failed`, `cancelled`; optional `message`.
    public struct JobState: Codable, Sendable, Hashable {
        /// The job's state.
        public var state: String
        /// A human-readable reason (failures).
        public var message: String?

        /// Whether the job has ended (succeeded, failed or cancelled).
        public var isFinal: Bool { ["succeeded", "failed", "cancelled"].contains(state) }
    }

    /// `job.<id>.progress`: `{"stage":"extract","done":120,"total":480}`; `stage` defaults to
    /// `"job"`.
    public struct Progress: Codable, Sendable, Hashable {
        /// The stage of the job this count belongs to.
        public var stage: String?
        /// Items finished.
        public var done: Int
        /// Items in the stage.
        public var total: Int
    }

    /// `job.<id>.iteration`: one refinement or classification iteration finished, e.g.
    /// `{"iteration":3,"resolution_a":18.4,"change_orientation_deg":12.1,"change_offset_a":1.3,
    /// "change_classes":0.08,"class_distribution":[0.61,0.39]}`. Resolution in Å, orientation
    /// change in degrees, offset change in Å, class change as the fraction of particles that
    /// changed class.
    public struct Iteration: Codable, Sendable, Hashable {
        /// The iteration number.
        public var iteration: Int
        /// The FSC 0.143 resolution (Å).
        public var resolutionA: Double?
        /// The mean change of orientation (°).
        public var changeOrientationDeg: Double?
        /// The mean change of offset (Å).
        public var changeOffsetA: Double?
        /// The fraction of particles that changed class.
        public var changeClasses: Double?
        /// Each class's share of the particles.
        public var classDistribution: [Double]?

        /// Creates an iteration body.
        public init(iteration: Int, resolutionA: Double? = nil, changeOrientationDeg: Double? = nil,
                    changeOffsetA: Double? = nil, changeClasses: Double? = nil, classDistribution: [Double]? = nil) {
            self.iteration = iteration
            self.resolutionA = resolutionA
            self.changeOrientationDeg = changeOrientationDeg
            self.changeOffsetA = changeOffsetA
            self.changeClasses = changeClasses
            self.classDistribution = classDistribution
        }

        enum CodingKeys: String, CodingKey {
            case iteration
            case resolutionA = "resolution_a"
            case changeOrientationDeg = "change_orientation_deg"
            case changeOffsetA = "change_offset_a"
            case changeClasses = "change_classes"
            case classDistribution = "class_distribution"
        }
    }

    /// `worker.<name>.liveness`: a worker's heartbeat `{"service":"aligner","alive":true,
    /// "interval_ms":1000}`, or the monitor's verdict on a silent worker
    /// `{"service":"aligner","alive":false,"state":"stale","source":"monitor","silence_ms":3100}`.
    public struct Liveness: Codable, Sendable, Hashable {
        /// The worker's service kind.
        public var service: String?
        /// Whether the worker is alive (false in a goodbye or a monitor verdict).
        public var alive: Bool
        /// The worker's heartbeat interval (ms), if it announces one.
        public var intervalMs: Int?
        /// The monitor's verdict: `alive`, `stale` or `lost`.
        public var state: String?
        /// `"monitor"` when the monitor published this verdict.
        public var source: String?
        /// How long the worker had been silent (ms), in a verdict.
        public var silenceMs: Int?

        /// Creates a liveness body.
        public init(service: String? = nil, alive: Bool, intervalMs: Int? = nil, state: String? = nil,
                    source: String? = nil, silenceMs: Int? = nil) {
            self.service = service
            self.alive = alive
            self.intervalMs = intervalMs
            self.state = state
            self.source = source
            self.silenceMs = silenceMs
        }

        enum CodingKeys: String, CodingKey {
            case service, alive, state, source
            case intervalMs = "interval_ms"
            case silenceMs = "silence_ms"
        }

        /// Whether this is the monitor's verdict rather than the worker's own heartbeat.
        public var isVerdict: Bool { source == "monitor" }
    }

    /// Decodes `json` as `T`; nil when it does not fit.
    public static func decode<T: Decodable>(_ type: T.Type, _ json: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// `value` as one compact JSON object with sorted keys.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// A topic split into its dotted parts: `job.42.progress` → kind `job`, subject `42`, facet
/// `progress`. The subject may itself contain dots (`worker.host.1234.liveness`).
public struct TopicParts: Sendable, Hashable {
    /// The first part: `job`, `worker`, `service`, `task`.
    public var kind: String
    /// Everything between the first and last part: the job id or worker name.
    public var subject: String
    /// The last part: `state`, `progress`, `iteration`, `liveness`, ….
    public var facet: String

    /// Splits `topic`; nil when it has fewer than three parts.
    public init?(_ topic: String) {
        let parts = topic.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return nil }
        kind = parts[0]
        facet = parts[parts.count - 1]
        subject = parts[1..<(parts.count - 1)].joined(separator: ".")
    }
}
