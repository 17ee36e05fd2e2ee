extension Message {
    /// RESULT (worker → coordinator): the outcome of one task, with the task's correlation
    /// fields echoed in the header and output tiles or tables as payloads. Body: status u8,
    /// reserved 3 bytes, compute ms u32, summary str (a JSON object).
    public struct TaskResult: WireBody {
        static var command: Command { .result }

        /// How the task ended.
        public enum Status: UInt8, Hashable, Sendable {
            /// Done; the payloads and summary are the output.
            case succeeded = 0
            /// Failed in a way another attempt may fix (out of memory, device lost).
            case failedRetryable = 1
            /// Failed on this input and will fail again (poison); do not reissue.
            case failedPermanent = 2
        }

        /// How the task ended (an unknown status byte is refused with 400).
        public var status: Status
        /// Time spent computing, in milliseconds.
        public var computeMilliseconds: UInt32
        /// A compact JSON object with scores or the failure reason.
        public var summaryJSON: String

        /// Creates a RESULT body.
        public init(status: Status, computeMilliseconds: UInt32, summaryJSON: String = "{}") {
            self.status = status
            self.computeMilliseconds = computeMilliseconds
            self.summaryJSON = summaryJSON
        }

        func encode(into w: inout ByteWriter) {
            w.u8(status.rawValue)
            w.raw([0, 0, 0])
            w.u32(computeMilliseconds)
            w.string(summaryJSON)
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> TaskResult {
            let raw = try r.u8("status")
            guard let status = Status(rawValue: raw) else { throw r.fail("unknown result status \(raw)") }
            _ = try r.raw(3, "reserved")
            return TaskResult(status: status, computeMilliseconds: try r.u32("compute ms"),
                              summaryJSON: try r.string("summary"))
        }
    }
}
