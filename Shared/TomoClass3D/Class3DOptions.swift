import TomoCore
import TomoKernels
import TomoRefine

/// What `sta class3d` was asked to do: `relion_refine`'s Class3D command line (spec §5.10–5.11).
///
/// Paths are as given (relative to the project directory the job runs in). Engine settings are in
/// ``refinement`` with RELION's CLI defaults; flags that only steer RELION's compute layout
/// (`--gpu`, `--pool`, `--j`…) are recorded in ``notes`` (except `--j`, kept as ``threads``).
public struct Class3DOptions: Sendable {
    /// `--i` particles STAR file.
    public var particlesFile: String?
    /// `--ios` optimisation set.
    public var optimisationSetFile: String?
    /// `--tomograms` tomogram set.
    public var tomogramsFile: String?
    /// `--trajectories` (carried into the optimisation set only).
    public var trajectoriesFile: String?
    /// `--ref` reference map.
    public var referenceFile: String?
    /// `--o` output root, e.g. `Class3D/job013/run`.
    public var outputRoot: String?
    /// `--continue run_itNNN_optimiser.star`.
    public var continueFrom: String?
    /// `--trust_ref_size`: take the reference's box as is (only cropped/padded to the particle box).
    public var trustReferenceSize = false
    /// `--ctf`.
    public var ctf = false
    /// `--ctf_intact_first_peak`.
    public var ctfIntactFirstPeak = false
    /// `--norm` (recorded; norm correction is off for STA, §5.10).
    public var normCorrection = false
    /// `--scale` (recorded; one scale per group, 1).
    public var scaleCorrection = false
    /// `--oversampling` (recorded as `rlnAdaptiveOversampleOrder`; the engine samples at the coarse grid).
    public var oversampling = 1
    /// `--maxsig` (recorded as `rlnMaximumSignificantPoses`; -1 = off).
    public var maximumSignificantPoses = -1
    /// `--subtomo_multi_thr` (3D mode).
    public var subtomogramMultiplicityThreshold: Float = 0.01
    /// `--j` threads for the in-process E-step.
    public var threads = 1
    /// `--pipeline_control` directory (recorded).
    public var pipelineControl: String?
    /// The engine options.
    public var refinement = RefinementOptions()
    /// `--random_seed` as given (-1 = time, RELION's default).
    public var randomSeedArgument = -1
    /// One line per accepted-but-unused flag.
    public var notes: [String] = []
    /// The command line as given (written to the optimiser as RELION does).
    public var commandLine = ""

    /// Defaults as `relion_refine`'s, except the engine's `zeroMask`/`flattenSolvent`, which are
    /// off unless the flags are given.
    public init() {
        refinement.zeroMask = false
        refinement.flattenSolvent = false
    }
}

/// Why the Class3D job cannot go on: what, where and why.
public struct Class3DError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var description: String
    /// An error with `description`.
    public init(_ description: String) { self.description = description }
}
