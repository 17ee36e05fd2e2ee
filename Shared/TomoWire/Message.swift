/// One protocol message (docs/protocol.md §4–5): the header's correlation fields, flags and
/// sequence, a command-specific body, and payloads (tiles, STAR tables).
///
/// The ROUTER identity frame is not part of a `Message`: the transport strips it on receipt and
/// prepends it when sending from a ROUTER socket.
public struct Message: Hashable, Sendable {
    /// The command-specific body; its case decides the command byte.
    public enum Body: Hashable, Sendable {
        /// READY.
        case ready(Ready)
        /// TASK.
        case task(TaskAssignment)
        /// RESULT.
        case result(TaskResult)
        /// HEARTBEAT.
        case heartbeat(Heartbeat)
        /// EVENT (its topic travels as frame 0).
        case event(Event)
        /// REQUEST.
        case request(Request)
        /// REPLY.
        case reply(Reply)
        /// ERROR.
        case error(ErrorReport)
        /// DISCONNECT.
        case disconnect(Disconnect)

        /// The command byte this body is sent with.
        public var command: Command {
            switch self {
            case .ready: .ready
            case .task: .task
            case .result: .result
            case .heartbeat: .heartbeat
            case .event: .event
            case .request: .request
            case .reply: .reply
            case .error: .error
            case .disconnect: .disconnect
            }
        }
    }

    /// Job, iteration, attempt, task and idempotency key.
    public var correlation: Correlation
    /// The flag byte.
    public var flags: MessageFlags
    /// The sender's message counter.
    public var sequence: UInt32
    /// The command and its fields.
    public var body: Body
    /// Tiles and tables (only TASK, RESULT, REQUEST and REPLY carry any).
    public var payloads: [Payload]

    /// Creates a message.
    public init(_ body: Body, correlation: Correlation = .none, flags: MessageFlags = [], sequence: UInt32 = 0,
                payloads: [Payload] = []) {
        self.body = body
        self.correlation = correlation
        self.flags = flags
        self.sequence = sequence
        self.payloads = payloads
    }

    /// The command.
    public var command: Command { body.command }

    /// The header this message is sent with.
    public var header: MessageHeader {
        MessageHeader(command: command, flags: flags, correlation: correlation,
                      payloadFrameCount: UInt16(truncatingIfNeeded: payloads.count * 2), sequence: sequence)
    }

    /// An ERROR that answers `self`, echoing its correlation fields.
    public func errorReply(_ code: WireErrorCode, _ message: String, sequence: UInt32 = 0) -> Message {
        Message(.error(ErrorReport(code: code, offendingCommand: command.rawValue, message: message)),
                correlation: correlation, sequence: sequence)
    }
}
