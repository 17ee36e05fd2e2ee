/// A point on a monotonic timeline, measured as the `Duration` since an arbitrary origin.
///
/// Only differences between instants of the same clock mean anything; an instant never goes
/// backwards and is not affected by wall-clock changes. State machines in this target take
/// instants as arguments (`at:`) instead of reading a clock, so tests drive time by hand.
public struct MonotonicInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The time elapsed since the clock's origin.
    public var sinceOrigin: Duration

    /// An instant `sinceOrigin` after the clock's origin.
    public init(sinceOrigin: Duration) { self.sinceOrigin = sinceOrigin }

    /// The clock's origin.
    public static let zero = MonotonicInstant(sinceOrigin: .zero)

    /// An instant `seconds` after the origin (test and configuration convenience).
    public static func seconds(_ seconds: Double) -> MonotonicInstant {
        MonotonicInstant(sinceOrigin: .seconds(seconds))
    }

    public static func < (a: MonotonicInstant, b: MonotonicInstant) -> Bool { a.sinceOrigin < b.sinceOrigin }

    /// The instant `d` later.
    public static func + (a: MonotonicInstant, d: Duration) -> MonotonicInstant {
        MonotonicInstant(sinceOrigin: a.sinceOrigin + d)
    }
    /// The instant `d` earlier.
    public static func - (a: MonotonicInstant, d: Duration) -> MonotonicInstant {
        MonotonicInstant(sinceOrigin: a.sinceOrigin - d)
    }
    /// The time from `b` to `a` (negative when `a` is earlier).
    public static func - (a: MonotonicInstant, b: MonotonicInstant) -> Duration {
        a.sinceOrigin - b.sinceOrigin
    }

    public var description: String { "t+\(sinceOrigin)" }
}
