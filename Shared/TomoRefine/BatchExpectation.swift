import TomoCore

/// The per-iteration context derived from an ``IterationState`` (Fourier projectors of the
/// references, grids, priors): built once per iteration by each E-step worker.
public struct PreparedIteration: Sendable {
    /// The state it was built from.
    public let state: IterationState
    let context: IterationContext

    /// Prepares `state` (one padded FFT per class).
    public init(_ state: IterationState) { self.state = state; context = state.context() }

    /// Number of classes.
    public var classCount: Int { context.classCount }
}

/// The E-step of one batch of particles (spec §5.2) with its share of the M-step sums (§5.4).
public enum BatchExpectation {
    /// Runs the E-step for every particle of the batch and returns the batch's partial sums.
    /// - Precondition: `images` and `poses` describe the same batch (same index, count).
    public static func run(images: ParticleBatchImages, poses: ParticleBatchPoses, context: PreparedIteration) -> BatchSums {
        precondition(images.batch == poses.batch && images.count == poses.particles.count && images.firstIndex == poses.firstIndex,
                     "BatchExpectation: images of batch \(images.batch) (\(images.count)) and poses of batch \(poses.batch) (\(poses.particles.count)) differ")
        let ctx = context.context
        var sums = PartialSums(classes: ctx.classCount, halves: ctx.halves, size: ctx.boxSize, padding: ctx.options.padding,
                               groups: ctx.sigma2.count, shells: ctx.shellCount,
                               directions: ctx.sampling?.directions.count ?? 0)
        for j in 0..<images.count {
            ExpectationStep.process(index: images.firstIndex + j, particle: poses.particles[j], images: images.images[j],
                                    ctx: ctx, into: &sums)
        }
        return BatchSums(batch: images.batch, sums: sums)
    }
}
