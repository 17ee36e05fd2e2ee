import TomoRefine

/// Runs the E-step (and the M-step that follows) of one iteration. The in-process default runs
/// fixed batches over threads; a distributed aligner pool can take its place. Implementations
/// must give results that do not depend on how the batches are split among workers (the engine
/// sums batches of `RefinementOptions.batchSize` particles in index order).
public protocol Class3DExecutor: Sendable {
    /// Runs one iteration of `engine`, calling `progress` as particles complete.
    func iterate(_ engine: inout ClassificationEngine,
                 progress: @escaping @Sendable (RefinementProgress) -> Void) async throws
}

/// The in-process executor: `threads` concurrent batches in this process.
public struct InProcessClass3DExecutor: Class3DExecutor {
    /// Concurrent batches (`--j`).
    public var threads: Int
    /// An executor with `threads` workers.
    public init(threads: Int) { self.threads = max(1, threads) }

    /// Runs ``ClassificationEngine/iterate(workers:progress:)``.
    public func iterate(_ engine: inout ClassificationEngine,
                        progress: @escaping @Sendable (RefinementProgress) -> Void) async throws {
        await engine.iterate(workers: threads, progress: progress)
    }
}

/// Where a Class3D job reports what it does, e.g. to publish `job.<id>.progress` and
/// `job.<id>.iteration` events. Called from the job's task; implementations must be thread-safe.
public protocol Class3DProgressSink: Sendable {
    /// Particles done within the iteration.
    func particles(_ progress: RefinementProgress)
    /// An iteration finished and its files were written.
    func iteration(_ summary: Class3DIterationSummary)
}

/// What one iteration achieved (spec §5.7, §5.9), as printed and published.
public struct Class3DIterationSummary: Sendable, Hashable {
    /// Iteration number (1-based).
    public var iteration: Int
    /// Iterations asked for (`--iter`).
    public var iterations: Int
    /// `rlnCurrentResolution` (Å).
    public var resolution: Double
    /// `rlnChangesOptimalOrientations` (degrees).
    public var changesOrientations: Double
    /// `rlnChangesOptimalOffsets` (Å).
    public var changesOffsets: Double
    /// `rlnChangesOptimalClasses` (fraction).
    public var changesClasses: Double
    /// `rlnClassDistribution` per class.
    public var classDistribution: [Double]
    /// `rlnEstimatedResolution` per class (Å).
    public var classResolution: [Double]
    /// `rlnAveragePmax`.
    public var averagePmax: Double
    /// `rlnLogLikelihood`.
    public var logLikelihood: Double
    /// Paths written for this iteration (project-relative).
    public var files: [String]
    /// Central sections of the class maps, for `job.<id>.classes` (nil when not computed).
    public var sections: Class3DClassSections? = nil

    /// One line as `sta class3d` prints it.
    public var line: String {
        func f(_ x: Double, _ d: Int) -> String {
            var s = String(Int((abs(x) * pow10(d)).rounded()))
            while s.count <= d { s = "0" + s }
            let cut = s.index(s.endIndex, offsetBy: -d)
            return (x < 0 ? "-" : "") + s[..<cut] + (d > 0 ? "." + s[cut...] : "")
        }
        let dist = classDistribution.map { f($0, 3) }.joined(separator: " ")
        return "iteration \(iteration)/\(iterations): resolution \(f(resolution, 2)) Å, changes: orientations \(f(changesOrientations, 2))°, "
            + "offsets \(f(changesOffsets, 2)) Å, classes \(f(changesClasses, 4)); class distribution [\(dist)]"
    }

    func pow10(_ d: Int) -> Double { var p = 1.0; for _ in 0..<d { p *= 10 }; return p }
}
