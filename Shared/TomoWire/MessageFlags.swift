/// The flag byte at header offset 7. Senders MUST set undefined bits to zero; receivers MUST
/// ignore bits they do not know (docs/protocol.md §4.3, §8).
public struct MessageFlags: OptionSet, Hashable, Sendable {
    /// The raw byte.
    public var rawValue: UInt8
    /// Wraps a raw byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bit 0: the sender has sent this message before (a retry after a timeout or reconnect).
    /// Receivers deduplicate by the correlation fields and idempotency key either way; the flag
    /// is for logs and metrics.
    public static let retransmission = MessageFlags(rawValue: 0x01)
}
