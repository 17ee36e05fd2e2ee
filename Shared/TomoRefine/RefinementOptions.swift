import TomoCore
import TomoKernels

/// The `relion_refine` options the EM engine honours (spec §5.10), with RELION's CLI defaults.
///
/// Units as on RELION's command line: `offsetRange`/`offsetStep` in pixels (particle pixel size),
/// angles in degrees, resolutions and diameter in Å.
public struct RefinementOptions: Sendable {
    /// `--K`.
    public var classCount = 1
    /// `--iter`.
    public var iterations = 50
    /// `--tau2_fudge` T.
    public var tau2Fudge = 1.0
    /// `--particle_diameter` (Å); nil = `(N − maskedge)·px`.
    public var particleDiameter: Double? = nil
    /// `--maskedge` (pixels).
    public var maskEdge = 5.0
    /// `--zero_mask`: outside the particle mask the images take the background mean (§5.6).
    /// Without it the images are left unmasked (RELION would fill with coloured noise).
    public var zeroMask = true
    /// `--flatten_solvent`: multiply every reference by the particle-diameter sphere after each M-step.
    public var flattenSolvent = true
    /// `--ini_high` (Å); nil = off.
    public var initialHighResolution: Double? = nil
    /// `--firstiter_cc`.
    public var firstIterationCC = false
    /// `--pad`.
    public var padding = 2
    /// `--healpix_order` (coarse order).
    public var healpixOrder = 2
    /// `--psi_step` (degrees); nil = the HEALPix step.
    public var psiStep: Double? = nil
    /// `--offset_range` (pixels).
    public var offsetRange = 6.0
    /// `--offset_step` (pixels).
    public var offsetStep = 2.0
    /// `--sigma_ang` (degrees): local searches within ±3σ around the current angles; nil = global.
    public var sigmaAngles: Double? = nil
    /// `--skip_align`: keep orientations and offsets fixed, marginalise over classes only.
    public var skipAlign = false
    /// `--strict_highres_exp` (Å): E-step resolution limit; nil = off.
    public var strictHighResExpectation: Double? = nil
    /// `--sym`.
    public var symmetry: SymmetryGroup = .cyclic(1)
    /// `--offset` initial σ_offset (Å).
    public var initialSigmaOffset = 10.0
    /// `--incr_size` (shells).
    public var incrementSize = 10
    /// `--adaptive_fraction`.
    public var adaptiveFraction = 0.999
    /// `--oversampling` (adaptive oversampling order `ov`, §5.2/§5.3): the samples making up
    /// `adaptiveFraction` of the pass-1 weights (coarse grid, coarse image size) are re-evaluated in
    /// a second pass at the current image size, each orientation split into `4^ov` HEALPix children
    /// × `2^ov` psi sub-steps and each translation into `2^(3·ov)` sub-translations (step
    /// `offsetStep/2^ov`). 0 = one pass on the coarse grid.
    public var oversampling = 1
    /// `--perturb`: every iteration the orientation and translation grids are shifted by
    /// `u·step` with one random `u ∈ [−perturb, perturb]` (§5.3); 0 switches it off.
    public var perturb = 0.5
    /// `--random_seed`.
    public var randomSeed: UInt64 = 0
    /// `--nr_parts_sigma2noise` (RELION's STA default 10).
    public var particlesForInitialNoise = 10
    /// `--fix_sigma_noise`.
    public var fixSigmaNoise = false
    /// Particles per accumulation batch. Batches are reduced in index order, so results do not
    /// depend on how many workers process them (only on this size).
    public var batchSize = 8

    /// RELION's defaults.
    public init() {}
}

/// Why the engine cannot start: what, where and why.
public struct RefinementError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var description: String
    /// An error with `description`.
    public init(_ description: String) { self.description = description }
}
