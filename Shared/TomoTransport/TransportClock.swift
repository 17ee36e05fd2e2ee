/// The source of "now" for the socket shells (`CoordinatorLoop`, `WorkerLoop`).
///
/// The state machines never read a clock: the shells read one and pass instants in, so tests
/// substitute a manual clock and production uses `SystemTransportClock`.
public protocol TransportClock: Sendable {
    /// The current instant; successive reads never decrease.
    var now: MonotonicInstant { get }
}

/// The process's monotonic clock (`ContinuousClock`), with its origin at the clock's creation.
public struct SystemTransportClock: TransportClock {
    private let origin: ContinuousClock.Instant

    /// A clock whose origin (`MonotonicInstant.zero`) is the moment of this call.
    public init() { origin = ContinuousClock.now }

    public var now: MonotonicInstant {
        MonotonicInstant(sinceOrigin: origin.duration(to: ContinuousClock.now))
    }
}
