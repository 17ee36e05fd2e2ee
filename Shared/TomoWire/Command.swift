/// The command byte at offset 5 of every header frame (docs/protocol.md §5).
public enum Command: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    /// Worker → coordinator: announce service, capabilities and credit.
    case ready = 0x01
    /// Coordinator → worker: one unit of work with a lease.
    case task = 0x02
    /// Worker → coordinator: the outcome of one task.
    case result = 0x03
    /// Either direction: liveness, credit and lease renewals.
    case heartbeat = 0x04
    /// Publisher → bus → subscribers: a topic-prefixed JSON event.
    case event = 0x05
    /// Client → catalog: a method call.
    case request = 0x06
    /// Catalog → client: the answer to a REQUEST.
    case reply = 0x07
    /// Either direction: a refused message, with a code from the error table.
    case error = 0x08
    /// Either direction: the sender is leaving; send nothing more.
    case disconnect = 0x09

    /// Whether messages of this command may carry payload frames (tiles, STAR tables).
    public var allowsPayloads: Bool {
        switch self {
        case .task, .result, .request, .reply: true
        default: false
        }
    }

    /// The upper-case name used in docs/protocol.md, e.g. `"READY"`.
    public var description: String {
        switch self {
        case .ready: "READY"
        case .task: "TASK"
        case .result: "RESULT"
        case .heartbeat: "HEARTBEAT"
        case .event: "EVENT"
        case .request: "REQUEST"
        case .reply: "REPLY"
        case .error: "ERROR"
        case .disconnect: "DISCONNECT"
        }
    }
}
