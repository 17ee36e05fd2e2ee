extension Message {
    /// HEARTBEAT (both directions): "I am alive". From a worker it also grants credit and
    /// renews the leases of the tasks it is still computing. Body: credit u32, renewal count u32,
    /// renewals (job u64, iteration u32, task u64, attempt u32: 24 bytes each).
    public struct Heartbeat: WireBody {
        static var command: Command { .heartbeat }

        /// One task whose lease the sender asks to extend by its full lease duration.
        public struct LeaseRenewal: Hashable, Sendable {
            /// The task's job.
            public var jobID: UInt64
            /// The task's iteration.
            public var iteration: UInt32
            /// The task.
            public var taskID: UInt64
            /// The attempt being worked on (a renewal for an older attempt is ignored).
            public var attempt: UInt32
            /// Creates a renewal.
            public init(jobID: UInt64, iteration: UInt32, taskID: UInt64, attempt: UInt32) {
                self.jobID = jobID
                self.iteration = iteration
                self.taskID = taskID
                self.attempt = attempt
            }
        }

        /// Additional tasks the sender is ready to accept (0 from a coordinator).
        public var credit: UInt32
        /// Leases to extend.
        public var renewals: [LeaseRenewal]

        /// Creates a HEARTBEAT body.
        public init(credit: UInt32 = 0, renewals: [LeaseRenewal] = []) {
            self.credit = credit
            self.renewals = renewals
        }

        func encode(into w: inout ByteWriter) {
            w.u32(credit)
            w.u32(UInt32(renewals.count))
            for l in renewals {
                w.u64(l.jobID)
                w.u32(l.iteration)
                w.u64(l.taskID)
                w.u32(l.attempt)
            }
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> Heartbeat {
            let credit = try r.u32("credit")
            let n = try r.count("renewal", minElementBytes: 24)
            var out: [LeaseRenewal] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                out.append(LeaseRenewal(jobID: try r.u64("renewal job id"), iteration: try r.u32("renewal iteration"),
                                        taskID: try r.u64("renewal task id"), attempt: try r.u32("renewal attempt")))
            }
            return Heartbeat(credit: credit, renewals: out)
        }
    }
}
