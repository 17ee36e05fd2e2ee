import Synchronization
import TomoTransport

/// A `TransportClock` that only moves when a test says so.
final class ManualClock: TransportClock, @unchecked Sendable {
    private let instant: Mutex<MonotonicInstant>

    init(_ start: MonotonicInstant = .zero) { instant = Mutex(start) }

    var now: MonotonicInstant { instant.withLock { $0 } }

    /// Moves time forward by `d` and returns the new instant.
    @discardableResult
    func advance(by d: Duration) -> MonotonicInstant {
        precondition(d >= .zero, "a monotonic clock cannot go back")
        return instant.withLock { $0 = $0 + d; return $0 }
    }

    /// Moves time forward to `t` (no-op if `t` is not later).
    func advance(to t: MonotonicInstant) {
        instant.withLock { if t > $0 { $0 = t } }
    }
}
