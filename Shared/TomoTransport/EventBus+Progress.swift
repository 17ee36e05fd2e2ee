/// Rate and time remaining of one stage of a job, from its `job.<id>.progress` events: a pure
/// value type with time injected.
///
/// The rate is the slope over a moving window: items done between the oldest sample no more than
/// `window` before the newest and the newest, divided by the time between them (the two newest
/// samples are always kept, however old). The ETA is the remaining items at that rate, counted from the
/// newest sample. A count that goes backwards or a changed total restarts the estimate.
public struct ProgressEstimator: Sendable {
    private struct Sample: Sendable {
        var at: MonotonicInstant
        var done: Int
    }

    /// How far back the rate looks.
    public let window: Duration
    /// Items done at the newest sample.
    public private(set) var done = 0
    /// Items in the stage.
    public private(set) var total = 0
    private var samples: [Sample] = []

    /// An estimator with no samples.
    /// - Precondition: `window > .zero`.
    public init(window: Duration = .seconds(30)) {
        precondition(window > .zero, "the window must be positive")
        self.window = window
    }

    /// Records that `done` of `total` items were finished at `now`.
    public mutating func record(done: Int, total: Int, at now: MonotonicInstant) {
        if done < self.done || total != self.total || (samples.last.map { now < $0.at } ?? false) {
            samples.removeAll()
        }
        self.done = done
        self.total = total
        samples.append(Sample(at: now, done: done))
        while samples.count > 2, now - samples[0].at > window { samples.removeFirst() }
    }

    /// The fraction done, 0…1 (0 when the total is 0).
    public var fraction: Double { total > 0 ? min(1, Double(done) / Double(total)) : 0 }

    /// Items per second over the window; nil until two samples at different times exist.
    public var rate: Double? {
        guard let first = samples.first, let last = samples.last, last.at > first.at else { return nil }
        return Double(last.done - first.done) / Self.seconds(last.at - first.at)
    }

    /// Time to finish at `rate`, from the newest sample; zero when done, nil while the rate is
    /// unknown or zero.
    public var eta: Duration? {
        if total > 0 && done >= total { return .zero }
        guard let r = rate, r > 0 else { return nil }
        return .milliseconds(Int64((Double(total - done) / r * 1000).rounded()))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
