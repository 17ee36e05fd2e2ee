/// Where a job stands in its life. Transitions go one way:
///
/// ```
/// pending ─▶ running ─▶ succeeded | failed | cancelled
///    └──────────────────────────────────────▶ cancelled
/// ```
///
/// The raw value is what the ledger stores; ``relionLabel`` is what `default_pipeline.star` shows
/// (RELION 5 `procstatus_type2label`: a pending job is `Scheduled`, a cancelled one `Aborted`).
public enum JobStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Registered, not yet started.
    case pending
    /// Started; its outputs are being written.
    case running
    /// Finished; its outputs are complete.
    case succeeded
    /// Finished with an error; its outputs must not be used.
    case failed
    /// Stopped by the user (from pending or running).
    case cancelled

    /// RELION 5's `rlnPipeLineProcessStatusLabel` for this status.
    public var relionLabel: String {
        switch self {
        case .pending: "Scheduled"
        case .running: "Running"
        case .succeeded: "Succeeded"
        case .failed: "Failed"
        case .cancelled: "Aborted"
        }
    }

    /// Whether no transition leaves this status.
    public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }

    /// Whether a job may go from `self` to `next`.
    public func canTransition(to next: JobStatus) -> Bool {
        switch (self, next) {
        case (.pending, .running), (.pending, .cancelled): true
        case (.running, .succeeded), (.running, .failed), (.running, .cancelled): true
        default: false
        }
    }
}
