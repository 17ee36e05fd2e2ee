/// The event bus's last-value cache: the most recent EVENT per topic, kept as the frames that
/// were forwarded, so a subscriber that arrives late is sent the current state of every topic it
/// asks for at once (the zguide's "Last Value Caching" pattern).
///
/// A pure value type: the bus's owner thread stores and looks up; tests drive it directly.
public struct LastValueCache: Sendable {
    private var frames: [[UInt8]: [[UInt8]]] = [:]

    /// An empty cache.
    public init() {}

    /// How many topics have a cached value.
    public var count: Int { frames.count }

    /// Remembers `message` (an EVENT's frames, topic first) as the last value of its topic,
    /// replacing any earlier one.
    /// - Precondition: `message` has at least one frame (the topic).
    public mutating func store(_ message: [[UInt8]]) {
        precondition(!message.isEmpty, "an EVENT has a topic frame")
        frames[message[0]] = message
    }

    /// The cached frames of `topic`, if any.
    public func lastValue(topic: [UInt8]) -> [[UInt8]]? { frames[topic] }

    /// The cached messages whose topic starts with `prefix` (an empty prefix matches every
    /// topic), ordered by topic bytes so a replay is deterministic.
    public func matching(prefix: [UInt8]) -> [[[UInt8]]] {
        frames.filter { $0.key.starts(with: prefix) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            .map(\.value)
    }
}
