import TomoWire

extension Message {
    /// The ERROR that refuses `frames` (which failed to decode with `error`), echoing whatever
    /// correlation fields and command byte could be read (docs/protocol.md §5.8), or nil when
    /// the refused message was itself an ERROR: a peer never answers an ERROR with an ERROR,
    /// so such a message is dropped (and reported as an event by the caller).
    public static func refusal(of frames: [[UInt8]], error: WireError, sequence: UInt32 = 0) -> Message? {
        var correlation = Correlation.none
        var command: UInt8 = 0
        let headerIndex: Int? = if let f = frames.first, MessageHeader.hasSignature(f) { 0 }
            else if frames.count > 1, MessageHeader.hasSignature(frames[1]) { 1 } else { nil }
        if let i = headerIndex {
            if frames[i].count > 5 { command = frames[i][5] }
            if let h = try? MessageHeader.decode(frames[i], frame: i) { correlation = h.correlation }
        }
        if command == Command.error.rawValue { return nil }
        return Message(.error(ErrorReport(error, offendingCommand: command)), correlation: correlation, sequence: sequence)
    }

    /// The task key of a TASK or RESULT: (job, iteration, task) from the correlation fields.
    public var taskKey: TaskKey {
        TaskKey(job: correlation.jobID, iteration: correlation.iteration, task: correlation.taskID)
    }
}

extension Correlation {
    /// The correlation fields of dispatch `attempt` of `key`, with the idempotency key derived
    /// from the key (job id, then task id XOR iteration « 32, little-endian), so every attempt
    /// of a task carries the same idempotency key (docs/protocol.md §9.2).
    public init(task key: TaskKey, attempt: UInt32) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        let mixed = key.task ^ (UInt64(key.iteration) << 32)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: key.job >> (8 * UInt64(i)))) }
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: mixed >> (8 * UInt64(i)))) }
        self.init(jobID: key.job, iteration: key.iteration, attempt: attempt, taskID: key.task,
                  idempotencyKey: IdempotencyKey(bytes))
    }
}
