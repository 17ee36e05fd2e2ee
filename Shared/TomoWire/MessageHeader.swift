/// The fixed 56-byte little-endian header frame that leads every message (docs/protocol.md §4.1).
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | signature `"STAW"` |
/// | 4 | 1 | major version (1) |
/// | 5 | 1 | command |
/// | 6 | 1 | minor version (0) |
/// | 7 | 1 | flags |
/// | 8 | 8 | job id (u64) |
/// | 16 | 4 | iteration (u32) |
/// | 20 | 4 | attempt (u32) |
/// | 24 | 8 | task id (u64) |
/// | 32 | 16 | idempotency key |
/// | 48 | 2 | payload frame count (u16) |
/// | 50 | 2 | reserved, zero |
/// | 52 | 4 | sequence (u32) |
///
/// Python reads it with `struct.unpack_from('<4sBBBBQIIQ16sHHI', frame)`. A newer minor version
/// may append fields after byte 56; receivers ignore them.
public struct MessageHeader: Hashable, Sendable {
    /// The length of the fixed layout in bytes.
    public static let byteCount = 56

    /// The raw command byte (unknown values are kept so an ERROR can name them).
    public var commandByte: UInt8
    /// The sender's version (major from the signature, minor from byte 6).
    public var version: ProtocolVersion
    /// The flag byte.
    public var flags: MessageFlags
    /// Job, iteration, attempt, task and idempotency key.
    public var correlation: Correlation
    /// How many payload frames follow the body frame (always even: descriptor, data, …).
    public var payloadFrameCount: UInt16
    /// The sender's message counter, for logs (wraps at 2³²).
    public var sequence: UInt32

    /// The command, or `nil` if this version does not know the byte.
    public var command: Command? { Command(rawValue: commandByte) }

    /// Creates a header at the current version.
    public init(command: Command, flags: MessageFlags = [], correlation: Correlation = .none,
                payloadFrameCount: UInt16 = 0, sequence: UInt32 = 0) {
        self.commandByte = command.rawValue
        self.version = .current
        self.flags = flags
        self.correlation = correlation
        self.payloadFrameCount = payloadFrameCount
        self.sequence = sequence
    }

    /// Whether `frame` starts with the signature (regardless of version).
    public static func hasSignature(_ frame: [UInt8]) -> Bool {
        frame.count >= 4 && Array(frame[0..<4]) == ProtocolVersion.signature
    }

    /// The 56 header bytes.
    public func encode() -> [UInt8] {
        var w = ByteWriter(capacity: Self.byteCount)
        w.raw(ProtocolVersion.signature)
        w.u8(version.major)
        w.u8(commandByte)
        w.u8(version.minor)
        w.u8(flags.rawValue)
        w.u64(correlation.jobID)
        w.u32(correlation.iteration)
        w.u32(correlation.attempt)
        w.u64(correlation.taskID)
        w.raw(correlation.idempotencyKey.bytes)
        w.u16(payloadFrameCount)
        w.u16(0)
        w.u32(sequence)
        return w.bytes
    }

    /// Decodes a header frame found at index `frame` of a message.
    ///
    /// Throws 400 when the signature is missing or the frame is shorter than 56 bytes, and 426
    /// when the major version differs from ours. Unknown commands are not refused here (see
    /// `Message.decode`), so a receiver can still echo the correlation fields in its ERROR.
    public static func decode(_ bytes: [UInt8], frame: Int = 0) throws(WireError) -> MessageHeader {
        guard hasSignature(bytes) else {
            throw .at(.malformed, frame: frame, offset: 0, "header does not start with the signature \"STAW\"")
        }
        guard bytes.count >= 5 else {
            throw .at(.malformed, frame: frame, offset: 4, "header ends before the major version")
        }
        guard bytes[4] == ProtocolVersion.current.major else {
            throw .at(.versionMismatch, frame: frame, offset: 4,
                      "major version \(bytes[4]), this peer speaks \(ProtocolVersion.current.major)")
        }
        guard bytes.count >= byteCount else {
            throw .at(.malformed, frame: frame, offset: bytes.count,
                      "header is \(bytes.count) bytes, the fixed layout needs \(byteCount)")
        }
        var r = ByteReader(bytes, frame: frame)
        _ = try r.raw(5, "signature")
        let command = try r.u8("command")
        let minor = try r.u8("minor version")
        let flags = try r.u8("flags")
        let job = try r.u64("job id")
        let iteration = try r.u32("iteration")
        let attempt = try r.u32("attempt")
        let task = try r.u64("task id")
        let key = try r.raw(16, "idempotency key")
        let payloads = try r.u16("payload frame count")
        _ = try r.u16("reserved")
        let sequence = try r.u32("sequence")
        var h = MessageHeader(command: .heartbeat, flags: MessageFlags(rawValue: flags),
                              correlation: Correlation(jobID: job, iteration: iteration, attempt: attempt, taskID: task,
                                                       idempotencyKey: IdempotencyKey(key)),
                              payloadFrameCount: payloads, sequence: sequence)
        h.commandByte = command
        h.version = ProtocolVersion(major: bytes[4], minor: minor)
        return h
    }
}
