extension Message {
    /// READY (worker → coordinator): the worker announces which service it serves, what it can
    /// do and how many tasks it accepts at once. Body: credit u32, service str, worker id str,
    /// capability count u32, capabilities str….
    public struct Ready: WireBody {
        static var command: Command { .ready }
        /// How many tasks the worker accepts in flight (its initial credit).
        public var credit: UInt32
        /// The service pool it joins: `"extractor"`, `"aligner"`, `"classifier"`, `"reconstructor"`.
        public var service: String
        /// A stable, unique worker name, e.g. `"aligner-3f2a"`.
        public var workerID: String
        /// Free-form capability words, e.g. `"float16"`, `"shuffle+zstd"`, `"gpu"`.
        public var capabilities: [String]

        /// Creates a READY body.
        public init(credit: UInt32, service: String, workerID: String, capabilities: [String] = []) {
            self.credit = credit
            self.service = service
            self.workerID = workerID
            self.capabilities = capabilities
        }

        func encode(into w: inout ByteWriter) {
            w.u32(credit)
            w.string(service)
            w.string(workerID)
            w.u32(UInt32(capabilities.count))
            for c in capabilities { w.string(c) }
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> Ready {
            let credit = try r.u32("credit")
            let service = try r.string("service")
            let worker = try r.string("worker id")
            let n = try r.count("capability", minElementBytes: 4)
            var caps: [String] = []
            for _ in 0..<n { caps.append(try r.string("capability")) }
            return Ready(credit: credit, service: service, workerID: worker, capabilities: caps)
        }
    }
}
