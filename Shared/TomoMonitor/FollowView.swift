import TomoTransport

/// What `monitor follow JOB` shows, as a pure function of the event sequence and the instants
/// they arrived at: no terminal, no sockets, no clock (the shell passes `at:`).
///
/// - Each `job.<id>.progress` event redraws the status line of its stage: a bar, the count, the
///   percentage, the rate and the ETA (`ProgressEstimator`, one per stage). When a stage
///   completes, its bar is also printed once as a permanent line.
/// - Each `job.<id>.iteration` event prints one line, e.g.
///   `it 3  resolution 18.4 Å  changes: orient 12.1°  offsets 1.3 Å  classes 0.08  class dist 0.61 0.39`.
/// - Each `job.<id>.state` event prints `job <id> <state>`; a final state (succeeded, failed,
///   cancelled) ends the view.
/// - Worker liveness: heartbeats feed a `LivenessTracker`; `tick(at:)` flags workers that went
///   silent (`! worker W stale (silent 3.0 s)`, then `lost`) and `worker W back after …` when
///   they return. The monitor's own verdict events are shown the same way, once per change.
public struct FollowView: Sendable {
    /// One thing to show.
    public enum Output: Sendable, Hashable {
        /// Replace the live status line with this text.
        case status(String)
        /// Print this as a permanent line.
        case line(String)
    }

    /// The job followed (its id as in the topic).
    public let job: String
    /// Cells in a progress bar.
    public let barWidth: Int
    /// Whether the job reached a final state.
    public private(set) var isFinished = false
    /// The final state, once finished.
    public private(set) var finalState: String?
    private let window: Duration
    private var stages: [String: ProgressEstimator] = [:]
    private var completedStages: Set<String> = []
    private var tracker: LivenessTracker
    private var shown: [String: LivenessTracker.State] = [:]

    /// A view of `job` with no events yet.
    public init(job: String, barWidth: Int = 20, progressWindow: Duration = .seconds(30),
                liveness: LivenessTracker.Configuration = .init()) {
        self.job = job
        self.barWidth = barWidth
        self.window = progressWindow
        tracker = LivenessTracker(configuration: liveness)
    }

    /// The topic prefixes the view needs: its job and every worker's liveness.
    public var topics: [String] { ["job.\(job).", "worker."] }

    /// Applies one event received at `now`; returns what to show.
    public mutating func apply(_ event: ReceivedEvent, at now: MonotonicInstant) -> [Output] {
        guard let t = TopicParts(event.topic) else { return [] }
        switch (t.kind, t.facet) {
        case ("job", _) where t.subject == job:
            switch t.facet {
            case "progress": return progress(event.json, at: now)
            case "iteration": return EventPayload.decode(EventPayload.Iteration.self, event.json).map { [.line(Self.iterationLine($0))] } ?? []
            case "state": return state(event.json)
            default: return []
            }
        case ("worker", "liveness"):
            return liveness(worker: t.subject, event.json, at: now)
        default:
            return []
        }
    }

    /// Re-judges worker liveness at `now`; returns the flags to show.
    public mutating func tick(at now: MonotonicInstant) -> [Output] {
        tracker.tick(at: now).compactMap { show($0.worker, $0.to, silence: $0.silence) }
    }

    private mutating func progress(_ json: String, at now: MonotonicInstant) -> [Output] {
        guard let p = EventPayload.decode(EventPayload.Progress.self, json) else { return [] }
        let stage = p.stage ?? "job"
        var e = stages[stage] ?? ProgressEstimator(window: window)
        e.record(done: p.done, total: p.total, at: now)
        stages[stage] = e
        let text = Self.progressLine(stage: stage, e, barWidth: barWidth)
        var out: [Output] = [.status(text)]
        if p.total > 0, p.done >= p.total, !completedStages.contains(stage) {
            completedStages.insert(stage)
            out.append(.line(text))
        }
        return out
    }

    private mutating func state(_ json: String) -> [Output] {
        guard let s = EventPayload.decode(EventPayload.JobState.self, json) else { return [] }
        if s.isFinal {
            isFinished = true
            finalState = s.state
        }
        return [.line("job \(job) \(s.state)" + (s.message.map { ": \($0)" } ?? ""))]
    }

    private mutating func liveness(worker: String, _ json: String, at now: MonotonicInstant) -> [Output] {
        guard let l = EventPayload.decode(EventPayload.Liveness.self, json) else { return [] }
        if l.isVerdict {
            guard let s = l.state.flatMap(LivenessTracker.State.init(rawValue:)) else { return [] }
            return show(worker, s, silence: .milliseconds(l.silenceMs ?? 0)).map { [$0] } ?? []
        }
        if !l.alive {
            tracker.forget(worker)
            shown[worker] = nil
            return [.line("worker \(worker) left")]
        }
        let interval = l.intervalMs.map { Duration.milliseconds($0) }
        guard let t = tracker.heard(worker, at: now, interval: interval) else { return [] }
        return show(worker, t.to, silence: t.silence).map { [$0] } ?? []
    }

    /// A line for a worker's new state, once per change; nothing for a first "alive".
    private mutating func show(_ worker: String, _ state: LivenessTracker.State, silence: Duration) -> Output? {
        let before = shown[worker]
        guard before != state else { return nil }
        shown[worker] = state
        switch state {
        case .alive: return before == nil ? nil : .line("worker \(worker) back after \(ProgressFormat.seconds(silence))")
        case .stale, .lost: return .line("! worker \(worker) \(state.rawValue) (silent \(ProgressFormat.seconds(silence)))")
        }
    }

    /// `extract  [█████░░░…]  120/480  25%  12.0/s  ETA 30s`.
    public static func progressLine(stage: String, _ e: ProgressEstimator, barWidth: Int) -> String {
        let percent = Int((e.fraction * 100).rounded(.down))
        let rate = e.rate.map { ProgressFormat.fixed($0, 1) + "/s" } ?? "--/s"
        let eta = e.eta.map(ProgressFormat.duration) ?? "--"
        return "\(stage)  \(ProgressFormat.bar(fraction: e.fraction, width: barWidth))  \(e.done)/\(e.total)  \(percent)%  \(rate)  ETA \(eta)"
    }

    /// `it 3  resolution 18.4 Å  changes: orient 12.1°  offsets 1.3 Å  classes 0.08  class dist 0.61 0.39`;
    /// parts whose values are absent are left out.
    public static func iterationLine(_ it: EventPayload.Iteration) -> String {
        var parts = ["it \(it.iteration)"]
        if let r = it.resolutionA { parts.append("resolution \(ProgressFormat.fixed(r, 1)) Å") }
        var changes: [String] = []
        if let o = it.changeOrientationDeg { changes.append("orient \(ProgressFormat.fixed(o, 1))°") }
        if let s = it.changeOffsetA { changes.append("offsets \(ProgressFormat.fixed(s, 1)) Å") }
        if let c = it.changeClasses { changes.append("classes \(ProgressFormat.fixed(c, 2))") }
        if !changes.isEmpty { parts.append("changes: " + changes.joined(separator: "  ")) }
        if let d = it.classDistribution, !d.isEmpty {
            parts.append("class dist " + d.map { ProgressFormat.fixed($0, 2) }.joined(separator: " "))
        }
        return parts.joined(separator: "  ")
    }
}
