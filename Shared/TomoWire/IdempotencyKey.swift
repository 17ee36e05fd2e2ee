/// A 16-byte key that names one logical operation across retries (docs/protocol.md §10).
///
/// The sender picks it (random, or derived from the job and task) and MUST reuse it when it
/// resends the same operation; the receiver applies an operation once per key. All zero means
/// "no key".
public struct IdempotencyKey: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes, in wire order.
    public private(set) var bytes: [UInt8]

    /// Wraps 16 bytes.
    /// - Precondition: `bytes.count == 16`.
    public init(_ bytes: [UInt8]) {
        precondition(bytes.count == 16, "an idempotency key is 16 bytes, got \(bytes.count)")
        self.bytes = bytes
    }

    /// A key from a random number generator.
    public init<G: RandomNumberGenerator>(using rng: inout G) {
        var b: [UInt8] = []
        for _ in 0..<2 { let v = rng.next(); for i in 0..<8 { b.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
        bytes = b
    }

    /// The all-zero key: no idempotency requested.
    public static let none = IdempotencyKey([UInt8](repeating: 0, count: 16))

    /// Lower-case hex, 32 characters.
    public var description: String {
        bytes.map { b in let s = String(b, radix: 16); return s.count == 1 ? "0" + s : s }.joined()
    }
}
