import TomoCore

/// An iteration as separate steps, for running the E-step elsewhere (an aligner pool):
/// ``iterate(workers:progress:)`` is exactly
/// ```
/// let state = engine.nextIterationState()
/// let prepared = PreparedIteration(state)
/// var reduction = BatchReduction(batchCount: engine.batchCount)
/// for b in 0..<engine.batchCount {     // any order, any process
///     reduction.add(BatchExpectation.run(images: engine.batchImages(b), poses: engine.batchPoses(b), context: prepared))
/// }
/// engine.maximise(reduction.result!, context: prepared)
/// ```
extension ClassificationEngine {
    /// Number of particle batches (`⌈particles / batchSize⌉`).
    public var batchCount: Int {
        let batch = max(1, options.batchSize)
        return (particles.count + batch - 1) / batch
    }

    /// Particle indices of batch `b`.
    public func batchRange(_ b: Int) -> Range<Int> {
        let batch = max(1, options.batchSize)
        return (b * batch)..<min(particles.count, (b + 1) * batch)
    }

    /// The prepared image data of batch `b` (fixed for the whole run).
    public func batchImages(_ b: Int) -> ParticleBatchImages {
        let r = batchRange(b)
        return ParticleBatchImages(batch: b, firstIndex: r.lowerBound, images: Array(prepared[r]))
    }

    /// The current poses of batch `b`.
    public func batchPoses(_ b: Int) -> ParticleBatchPoses {
        let r = batchRange(b)
        return ParticleBatchPoses(batch: b, firstIndex: r.lowerBound, particles: Array(particles[r]))
    }

    /// The state to broadcast for the next iteration (``iteration`` + 1).
    public func nextIterationState() -> IterationState { iterationState(iteration: iteration + 1) }

    /// The M-step from the reduced sums of every batch of the iteration `context` was prepared
    /// for: updates the classes, σ², σ_offset, resolution, poses, results and ``history``.
    /// - Throws: ``RefinementError`` when `context` is not for the next iteration or the sums do
    ///   not cover every particle exactly once.
    public mutating func maximise(_ sums: BatchSums, context: PreparedIteration) throws(RefinementError) {
        guard context.state.iteration == iteration + 1 else {
            throw RefinementError("ClassificationEngine.maximise: context is for iteration \(context.state.iteration), engine is at \(iteration + 1)")
        }
        let indices = sums.sums.results.map(\.index).sorted()
        guard indices == Array(0..<particles.count) else {
            throw RefinementError("ClassificationEngine.maximise: sums hold \(indices.count) particle results, need each of \(particles.count) once")
        }
        maximise(sums.sums, ctx: context.context)
    }
}
