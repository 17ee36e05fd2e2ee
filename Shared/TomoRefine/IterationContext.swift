import TomoCore
import TomoKernels

/// Everything an E-step worker needs for one iteration, fixed before the particles are processed
/// (read-only, shared by all batches).
struct IterationContext: Sendable {
    var options: RefinementOptions
    /// Particle pixel size (Å).
    var pixelSize: Double
    /// Box `N`.
    var boxSize: Int
    /// Whether the data are 3D pseudo-subtomograms.
    var threeDimensional: Bool
    /// One prepared reference per class.
    var references: [FourierProjector]
    /// σ²(s) per optics group, shells `0…N/2`.
    var sigma2: [[Double]]
    /// `ln rlnClassDistribution` per class.
    var classLogPrior: [Double]
    /// `ln pdf_direction[k][dir]` (global searches).
    var directionLogPrior: [[Double]]
    /// Coarse orientation grid (nil with `skip_align`).
    var sampling: OrientationSampling?
    /// Translation grid relative to the current offset (pixels).
    var translations: [Vector3]
    /// σ_offset (Å).
    var sigmaOffset: Double
    /// E-step pixels (current coarse size, non-redundant).
    var expectationPixels: FourierPixelSet
    /// Pass-2 E-step pixels (adaptive oversampling, §5.2): the current image size (capped by
    /// `--strict_highres_exp`), non-redundant; nil when there is no second pass.
    var fineExpectationPixels: FourierPixelSet?
    /// HEALPix directions at the fine order `n + ov` (NESTED: the children of coarse pixel `d` are
    /// `d·4^ov ..< (d+1)·4^ov`); empty without oversampling.
    var fineDirections: [SamplingDirection]
    /// M-step pixels (current image size, full half layout).
    var maximisationPixels: FourierPixelSet
    /// First-iteration cross-correlation mode (`--firstiter_cc`).
    var crossCorrelation: Bool
    /// Restrict each particle to one random class (first iteration with K > 1 from one reference;
    /// RELION does this in the first non-CC iteration).
    var randomClassPerParticle: Bool
    /// `rlnSamplingPerturbInstance`: the grid shift of this iteration, in sampling steps.
    var perturbation: Double
    /// Seed of this iteration.
    var seed: UInt64
    /// 1, or 2 when accumulating per random half.
    var halves: Int

    var classCount: Int { references.count }
    var shellCount: Int { boxSize / 2 + 1 }
}
