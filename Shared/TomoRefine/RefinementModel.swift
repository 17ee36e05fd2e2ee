import TomoCore

/// Per-class model results (`data_model_classes` and `data_model_class_K`, spec §6.3).
public struct ClassModel: Sendable {
    /// The class map (`run_itNNN_classKKK.mrc`), `N³` at the particle pixel size.
    public var map: RealVolume
    /// `rlnClassDistribution`.
    public var distribution: Double
    /// `rlnEstimatedResolution` (Å): last shell with SSNR ≥ 1.
    public var estimatedResolution: Double
    /// `rlnSsnrMap` per shell `0…N/2`.
    public var ssnr: [Double]
    /// `rlnFourierCompleteness` per shell `0…N/2` (fraction of voxels with SSNR ≥ 1; empty
    /// before any iteration).
    public var fourierCompleteness: [Double] = []
    /// `rlnOverallFourierCompleteness`: voxel-weighted mean of ``fourierCompleteness`` up to the
    /// estimated resolution.
    public var overallFourierCompleteness: Double = 0
    /// `rlnReferenceTau2` per shell (τ² used in this iteration's reconstruction).
    public var tau2: [Double]
    /// `rlnAccuracyRotations` (degrees; 999 for classes below 1 %; nil before any iteration).
    public var accuracyRotations: Double? = nil
    /// `rlnAccuracyTranslationsAngst` (Å).
    public var accuracyTranslations: Double? = nil
    /// `pdf_direction` of this class over the coarse directions (`data_model_pdf_orient_class_K`,
    /// `_angdist.bild`; empty before any iteration and with `--skip_align`). With local searches it
    /// is recorded too but not used as a prior (§5.2).
    public var directionDistribution: [Double]
}

/// Iteration-level numbers for `_model.star`/`_optimiser.star` (§5.7, §5.9, §6.3–6.4).
public struct IterationStatistics: Sendable, Hashable {
    /// Iteration number (1-based).
    public var iteration: Int
    /// `rlnCurrentResolution` (Å) after this iteration.
    public var currentResolution: Double
    /// `rlnCurrentImageSize` used in this iteration's M-step.
    public var currentImageSize: Int
    /// E-step (coarse) image size used in this iteration.
    public var expectationImageSize: Int
    /// `rlnChangesOptimalOrientations` (degrees).
    public var changesOrientations: Double
    /// `rlnChangesOptimalOffsets` (Å, `sqrt(Σ‖Δ‖²/(2N))`).
    public var changesOffsets: Double
    /// `rlnChangesOptimalClasses` (fraction).
    public var changesClasses: Double
    /// `rlnAveragePmax`.
    public var averagePmax: Double
    /// `rlnLogLikelihood` (sum of contributions).
    public var logLikelihood: Double
    /// `rlnSigmaOffsetsAngst`.
    public var sigmaOffset: Double
    /// `rlnSamplingPerturbInstance` of this iteration (grid shift in sampling steps).
    public var samplingPerturbation: Double
    /// `rlnOverallAccuracyRotations` (degrees): minimum over classes.
    public var overallAccuracyRotations: Double
    /// `rlnOverallAccuracyTranslationsAngst` (Å): minimum over classes.
    public var overallAccuracyTranslations: Double
}

/// Progress of an iteration, reported after each batch of particles.
public struct RefinementProgress: Sendable, Hashable {
    /// Iteration number (1-based).
    public var iteration: Int
    /// Particles done so far in this iteration.
    public var particlesDone: Int
    /// Particles in total.
    public var particleCount: Int

    /// `particlesDone` of `particleCount` particles of `iteration` (for executors outside this module).
    public init(iteration: Int, particlesDone: Int, particleCount: Int) {
        self.iteration = iteration
        self.particlesDone = particlesDone
        self.particleCount = particleCount
    }
}
