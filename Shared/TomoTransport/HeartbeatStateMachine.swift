import TomoCore

/// Liveness of the peers at the other end of a socket: when to send a heartbeat, when a silent
/// peer is dead, and (worker side) when to reconnect to a silent coordinator.
///
/// A value type with no I/O and no clock (STYLE habit 6): the owner of the socket reports
/// traffic with `receivedTraffic(from:at:)`, calls `tick(at:)` at least every `interval`
/// (or at `nextDeadline`) and performs the returned actions.
///
/// Rules (the Paranoid Pirate pattern of the zguide):
/// - Any inbound message from a peer counts as a sign of life, not only heartbeats.
/// - A heartbeat is due `interval` after the previous one (or after the peer was added).
/// - A peer is expired at the first tick with `now >= lastSeen + interval × liveness`,
///   and never before; the action `.peerExpired` is emitted exactly once per silence.
/// - A `.forget` peer (a worker seen by the coordinator) is then dropped.
/// - A `.reconnect` peer (the coordinator seen by a worker) is kept: after a back-off delay
///   the machine emits `.reconnect(peer)`; the owner recreates its socket and announces
///   itself again. The delay starts at `reconnectInitial` (1 s) and doubles after each
///   reconnect that is followed by more silence, up to `reconnectMax` (32 s): 1, 2, 4, 8, 16,
///   32, 32, … s. Any traffic from the peer resets it to `reconnectInitial`. With
///   `reconnectJitter = j` each wait is drawn uniformly from `[(1 − j)·delay, (1 + j)·delay]`
///   (seeded, so a machine is still deterministic), so that workers that lost the same
///   coordinator do not all reconnect in the same instant; the delay sequence is unchanged.
///
/// Actions from one tick are ordered by the order in which peers were first added.
public struct HeartbeatStateMachine<Peer: Hashable & Sendable>: Sendable {
    /// Timing parameters.
    public struct Configuration: Sendable, Equatable {
        /// Time between heartbeats to a peer (default 1 s).
        public var interval: Duration
        /// Number of intervals of silence after which a peer is dead (default 3).
        public var liveness: Int
        /// First reconnect delay after the peer expired (default 1 s).
        public var reconnectInitial: Duration
        /// Largest reconnect delay (default 32 s).
        public var reconnectMax: Duration
        /// Relative random spread `±j` of each reconnect wait (default 0: exact).
        public var reconnectJitter: Double

        /// - Precondition: `interval > 0`, `liveness >= 1`, `0 < reconnectInitial <= reconnectMax`,
        ///   `0 ≤ reconnectJitter < 1`.
        public init(interval: Duration = .seconds(1), liveness: Int = 3,
                    reconnectInitial: Duration = .seconds(1), reconnectMax: Duration = .seconds(32),
                    reconnectJitter: Double = 0) {
            precondition(interval > .zero && liveness >= 1, "heartbeat interval must be > 0 and liveness >= 1")
            precondition(reconnectInitial > .zero && reconnectInitial <= reconnectMax,
                         "reconnect delays must satisfy 0 < initial <= max")
            precondition(reconnectJitter >= 0 && reconnectJitter < 1, "reconnect jitter must be in [0, 1)")
            self.interval = interval
            self.liveness = liveness
            self.reconnectInitial = reconnectInitial
            self.reconnectMax = reconnectMax
            self.reconnectJitter = reconnectJitter
        }

        /// The silence after which a peer is expired: `interval × liveness`.
        public var expiry: Duration { interval * liveness }
    }

    /// What happens to a peer once it has been silent for `expiry`.
    public enum ExpiryPolicy: Sendable, Equatable {
        /// Drop it (coordinator side: a worker that went silent is gone).
        case forget
        /// Keep it and ask the owner to reconnect with exponential back-off (worker side).
        case reconnect
    }

    /// What the socket owner must do.
    public enum Action: Sendable, Equatable {
        /// Send a heartbeat message to the peer.
        case sendHeartbeat(Peer)
        /// The peer has been silent for `interval × liveness`: treat it as dead
        /// (coordinator: re-queue its tasks; worker: close the socket and wait).
        case peerExpired(Peer)
        /// The back-off delay after an expiry has passed: recreate the connection to the peer
        /// and announce yourself again (only for `.reconnect` peers).
        case reconnect(Peer)
    }

    private struct PeerState: Sendable {
        var policy: ExpiryPolicy
        var lastSeen: MonotonicInstant
        var nextHeartbeat: MonotonicInstant
        /// Set while a `.reconnect` peer waits out its back-off.
        var reconnectAt: MonotonicInstant?
        var backoff: Duration
    }

    /// The timing parameters.
    public let configuration: Configuration
    private var states: [Peer: PeerState] = [:]
    private var order: [Peer] = []
    private var random: SplitMix64

    /// An empty machine; `seed` draws its reconnect jitter (give each worker its own).
    public init(configuration: Configuration = Configuration(), seed: UInt64 = 0) {
        self.configuration = configuration
        random = SplitMix64(seed: seed)
    }

    /// The peers being tracked, in the order they were added.
    public var peers: [Peer] { order }

    /// Whether `peer` is tracked (a `.reconnect` peer stays tracked while backing off).
    public func isTracking(_ peer: Peer) -> Bool { states[peer] != nil }

    /// The current reconnect delay of a `.reconnect` peer (what the next expiry will wait).
    public func reconnectDelay(for peer: Peer) -> Duration? { states[peer]?.backoff }

    /// Starts tracking `peer` as seen at `now`; its first heartbeat is due at `now + interval`.
    /// Re-adding a tracked peer only refreshes it, like `receivedTraffic`.
    public mutating func addPeer(_ peer: Peer, policy: ExpiryPolicy = .forget, at now: MonotonicInstant) {
        if states[peer] != nil { receivedTraffic(from: peer, at: now); return }
        states[peer] = PeerState(policy: policy, lastSeen: now, nextHeartbeat: now + configuration.interval,
                                 reconnectAt: nil, backoff: configuration.reconnectInitial)
        order.append(peer)
    }

    /// Stops tracking `peer` (it said goodbye, or the owner dropped it for another reason).
    public mutating func removePeer(_ peer: Peer) {
        guard states.removeValue(forKey: peer) != nil else { return }
        order.removeAll { $0 == peer }
    }

    /// Records inbound traffic of any kind from `peer`. An unknown peer starts being tracked
    /// with the `.forget` policy. A `.reconnect` peer's back-off returns to `reconnectInitial`.
    public mutating func receivedTraffic(from peer: Peer, at now: MonotonicInstant) {
        guard var s = states[peer] else { addPeer(peer, at: now); return }
        if now > s.lastSeen { s.lastSeen = now }
        s.reconnectAt = nil
        s.backoff = configuration.reconnectInitial
        states[peer] = s
    }

    /// Records that some other message was just sent to `peer`, which postpones the next
    /// heartbeat by one interval (outbound traffic also proves we are alive).
    public mutating func sentTraffic(to peer: Peer, at now: MonotonicInstant) {
        guard var s = states[peer], s.reconnectAt == nil else { return }
        s.nextHeartbeat = max(s.nextHeartbeat, now + configuration.interval)
        states[peer] = s
    }

    /// Advances to `now` and returns the actions due, at most one per peer.
    public mutating func tick(at now: MonotonicInstant) -> [Action] {
        var actions: [Action] = []
        var forgotten: [Peer] = []
        for peer in order {
            guard var s = states[peer] else { continue }
            defer { if states[peer] != nil { states[peer] = s } }
            if let at = s.reconnectAt {
                guard now >= at else { continue }
                actions.append(.reconnect(peer))
                s.reconnectAt = nil
                s.lastSeen = now                  // a fresh liveness window for the new connection
                s.nextHeartbeat = now + configuration.interval
                s.backoff = min(s.backoff * 2, configuration.reconnectMax)
            } else if now >= s.lastSeen + configuration.expiry {
                actions.append(.peerExpired(peer))
                switch s.policy {
                case .forget:
                    states[peer] = nil
                    forgotten.append(peer)
                case .reconnect:
                    let j = configuration.reconnectJitter
                    s.reconnectAt = now + (j > 0 ? s.backoff * (1 + j * random.uniform(-1, 1)) : s.backoff)
                }
            } else if now >= s.nextHeartbeat {
                actions.append(.sendHeartbeat(peer))
                s.nextHeartbeat = now + configuration.interval
            }
        }
        if !forgotten.isEmpty { order.removeAll { forgotten.contains($0) } }
        return actions
    }

    /// The earliest instant at which `tick` will have something to do, or nil with no peers.
    /// Socket owners use it as their poll timeout.
    public var nextDeadline: MonotonicInstant? {
        var best: MonotonicInstant?
        for s in states.values {
            let d = s.reconnectAt ?? min(s.nextHeartbeat, s.lastSeen + configuration.expiry)
            if best == nil || d < best! { best = d }
        }
        return best
    }
}
