import TomoTransport

/// The monitor's judgement of worker liveness, as a pure function of the events and instants:
/// heartbeats (`worker.<name>.liveness` with `alive: true`) feed a `LivenessTracker`; `tick`
/// returns the verdict events to publish on `worker.<name>.liveness` when a worker goes stale,
/// is lost, or comes back. Verdicts (`source: monitor`) are ignored on the way in, since the
/// monitor hears its own.
public struct LivenessVerdicts: Sendable {
    private var tracker: LivenessTracker
    private var service: [String: String] = [:]

    /// No workers known.
    public init(configuration: LivenessTracker.Configuration = .init()) {
        tracker = LivenessTracker(configuration: configuration)
    }

    /// Takes in one event; returns a verdict to publish when a silent worker came back.
    public mutating func apply(_ event: ReceivedEvent, at now: MonotonicInstant) -> [ReceivedEvent] {
        guard let t = TopicParts(event.topic), t.kind == "worker", t.facet == "liveness",
              let l = EventPayload.decode(EventPayload.Liveness.self, event.json), !l.isVerdict else { return [] }
        if let s = l.service { service[t.subject] = s }
        guard l.alive else {
            tracker.forget(t.subject)
            return []
        }
        guard let change = tracker.heard(t.subject, at: now, interval: l.intervalMs.map { .milliseconds($0) }),
              change.from != nil else { return [] }
        return [verdict(change)]
    }

    /// Re-judges every worker at `now`; returns the verdicts to publish.
    public mutating func tick(at now: MonotonicInstant) -> [ReceivedEvent] {
        tracker.tick(at: now).map(verdict)
    }

    /// The workers known and their states.
    public var workers: [(name: String, state: LivenessTracker.State)] { tracker.workers }

    private func verdict(_ t: LivenessTracker.Transition) -> ReceivedEvent {
        let body = EventPayload.Liveness(service: service[t.worker], alive: t.to == .alive, state: t.to.rawValue,
                                         source: "monitor", silenceMs: Int(t.silence / .milliseconds(1)))
        return ReceivedEvent(topic: "worker.\(t.worker).liveness", json: EventPayload.encode(body))
    }
}
