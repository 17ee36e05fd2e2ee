extension Message {
    /// EVENT (publisher → bus → subscribers). On the wire the topic is frame 0 (so SUB sockets
    /// can filter by prefix), the header frame 1 and this JSON object frame 2.
    ///
    /// Topics are 1–255 bytes of `[a-z0-9._-]`, dotted from general to specific:
    /// `job.<id>.progress`, `job.<id>.state`, `worker.<id>.liveness`, `task.<id>.failed`.
    public struct Event: Hashable, Sendable {
        /// The topic, e.g. `"job.42.progress"`.
        public var topic: String
        /// The event as one compact JSON object.
        public var json: String

        /// Creates an event.
        public init(topic: String, json: String) {
            self.topic = topic
            self.json = json
        }

        /// Whether `topic` is 1–255 bytes of lower-case letters, digits, `.`, `_` and `-`.
        public static func isValidTopic(_ topic: [UInt8]) -> Bool {
            guard (1...255).contains(topic.count) else { return false }
            return topic.allSatisfy { b in
                (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2E || b == 0x5F || b == 0x2D
            }
        }
    }
}
