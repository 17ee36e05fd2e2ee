/// Which workers are alive, judged from their `worker.<name>.liveness` events: a pure state
/// machine with time injected (`at:` instants), so expiry is tested without sockets or sleeps.
///
/// A worker is `alive` while it is heard at least every `staleAfter` intervals; after
/// `staleAfter` intervals of silence it is `stale`, after `lostAfter` intervals `lost`. Hearing
/// it again makes it `alive`. Each change is returned as a `Transition`, which the caller shows
/// or publishes.
public struct LivenessTracker: Sendable {
    /// A worker's liveness.
    public enum State: String, Sendable, Hashable {
        /// Heard within `staleAfter` intervals.
        case alive
        /// Silent for at least `staleAfter` intervals.
        case stale
        /// Silent for at least `lostAfter` intervals.
        case lost
    }

    /// Thresholds, in heartbeat intervals.
    public struct Configuration: Sendable, Hashable {
        /// The interval assumed for a worker that does not announce its own.
        public var defaultInterval: Duration
        /// Intervals of silence before a worker is stale.
        public var staleAfter: Int
        /// Intervals of silence before a worker is lost.
        public var lostAfter: Int

        /// - Precondition: `1 <= staleAfter < lostAfter`.
        public init(defaultInterval: Duration = .seconds(1), staleAfter: Int = 3, lostAfter: Int = 6) {
            precondition(staleAfter >= 1 && staleAfter < lostAfter, "need 1 <= staleAfter < lostAfter")
            self.defaultInterval = defaultInterval
            self.staleAfter = staleAfter
            self.lostAfter = lostAfter
        }
    }

    /// A change of one worker's state.
    public struct Transition: Sendable, Hashable {
        /// The worker's name.
        public var worker: String
        /// The state before (nil: first heard).
        public var from: State?
        /// The state now.
        public var to: State
        /// How long the worker had been silent when the change was seen.
        public var silence: Duration

        /// Creates a transition.
        public init(worker: String, from: State?, to: State, silence: Duration) {
            self.worker = worker
            self.from = from
            self.to = to
            self.silence = silence
        }
    }

    private struct Entry: Sendable {
        var lastHeard: MonotonicInstant
        var interval: Duration
        var state: State
    }

    /// The thresholds.
    public let configuration: Configuration
    private var entries: [String: Entry] = [:]

    /// No workers known yet.
    public init(configuration: Configuration = .init()) { self.configuration = configuration }

    /// Records a liveness event from `worker` at `now`, announcing its heartbeat `interval` (nil:
    /// the default). Returns the transition when the worker is new or comes back.
    public mutating func heard(_ worker: String, at now: MonotonicInstant, interval: Duration? = nil) -> Transition? {
        let interval = interval ?? entries[worker]?.interval ?? configuration.defaultInterval
        let previous = entries[worker]
        entries[worker] = Entry(lastHeard: now, interval: interval, state: .alive)
        guard previous?.state != .alive else { return nil }
        return Transition(worker: worker, from: previous?.state, to: .alive,
                          silence: previous.map { now - $0.lastHeard } ?? .zero)
    }

    /// Re-judges every worker at `now`; returns the workers whose state changed, by name.
    public mutating func tick(at now: MonotonicInstant) -> [Transition] {
        var out: [Transition] = []
        for name in entries.keys.sorted() {
            let e = entries[name]!
            let silence = now - e.lastHeard
            let state: State = silence >= e.interval * configuration.lostAfter ? .lost
                : silence >= e.interval * configuration.staleAfter ? .stale : .alive
            if state != e.state {
                entries[name]!.state = state
                out.append(Transition(worker: name, from: e.state, to: state, silence: silence))
            }
        }
        return out
    }

    /// Forgets `worker` (it said goodbye).
    public mutating func forget(_ worker: String) { entries[worker] = nil }

    /// The state of `worker`, nil if unknown.
    public func state(of worker: String) -> State? { entries[worker]?.state }

    /// Every known worker and its state, by name.
    public var workers: [(name: String, state: State)] {
        entries.keys.sorted().map { ($0, entries[$0]!.state) }
    }
}
