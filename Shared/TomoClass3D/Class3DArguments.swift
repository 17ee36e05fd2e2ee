import TomoCore
import TomoKernels
import TomoRefine

/// Parses `relion_refine` command lines for Class3D into ``Class3DOptions`` (spec §5.10–5.11).
///
/// Flags are read as `--flag [value]` from a table of known flags: value flags take the next
/// argument (an empty string such as `--gpu ""` counts as a value); switches take none.
/// Compute-only flags are accepted and noted; flags of other programs (e.g. `--auto_refine`)
/// are refused, naming the flag.
public enum Class3DArguments {
    /// Flags that only steer RELION's compute layout: accepted, noted, ignored. `true` = takes a value.
    public static let computeOnly: [String: Bool] = [
        "--gpu": true, "--pool": true, "--dont_combine_weights_via_disc": false, "--preread_images": false,
        "--scratch_dir": true, "--mpi": true, "--dont_check_norm": false, "--free_gpu_memory": true,
        "--onthefly_shifts": false, "--only_flip_phases": false, "--no_parallel_disc_io": false,
        "--keep_free_scratch": true, "--reuse_scratch": false, "--fast_subsets": false, "--cpu": false,
    ]
    /// Switches (no value).
    public static let switches: Set<String> = [
        "--trust_ref_size", "--zero_mask", "--flatten_solvent", "--firstiter_cc", "--ctf", "--ctf_intact_first_peak",
        "--skip_align", "--norm", "--scale", "--fix_sigma_noise",
    ]
    /// Flags that take a value.
    public static let valued: Set<String> = [
        "--i", "--ios", "--tomograms", "--trajectories", "--ref", "--o", "--K", "--iter", "--tau2_fudge",
        "--particle_diameter", "--ini_high", "--pad", "--healpix_order", "--psi_step", "--sigma_ang",
        "--offset_range", "--offset_step", "--strict_highres_exp", "--sym", "--random_seed", "--continue", "--j",
        "--oversampling", "--maxsig", "--pipeline_control", "--offset", "--maskedge", "--incr_size",
        "--adaptive_fraction", "--perturb", "--nr_parts_sigma2noise", "--subtomo_multi_thr", "--sigma_tilt",
    ]

    /// Parses `arguments` (without the program name) on top of `base`.
    /// - Throws: ``Class3DError`` naming an unknown flag, a missing value or a malformed number.
    public static func parse(_ arguments: [String], base: Class3DOptions = Class3DOptions()) throws(Class3DError) -> Class3DOptions {
        var o = base
        o.commandLine = (["relion_refine"] + arguments.map { $0.isEmpty ? "\"\"" : $0 }).joined(separator: " ")
        var i = 0
        while i < arguments.count {
            let flag = arguments[i]
            i += 1
            if let takesValue = computeOnly[flag] {
                var line = "note: \(flag)"
                if takesValue, i < arguments.count { line += " \(arguments[i])"; i += 1 }
                o.notes.append(line + " only steers RELION's compute layout; ignored")
                continue
            }
            if switches.contains(flag) { applySwitch(flag, to: &o); continue }
            guard valued.contains(flag) else {
                throw Class3DError("class3d: unknown flag '\(flag)' (argument \(i)); not a relion_refine Class3D option")
            }
            guard i < arguments.count else { throw Class3DError("class3d: \(flag) needs a value") }
            let value = arguments[i]
            i += 1
            try apply(flag, value, to: &o)
        }
        return o
    }

    static func applySwitch(_ flag: String, to o: inout Class3DOptions) {
        switch flag {
        case "--trust_ref_size": o.trustReferenceSize = true
        case "--zero_mask": o.refinement.zeroMask = true
        case "--flatten_solvent": o.refinement.flattenSolvent = true
        case "--firstiter_cc": o.refinement.firstIterationCC = true
        case "--ctf": o.ctf = true
        case "--ctf_intact_first_peak": o.ctfIntactFirstPeak = true
        case "--skip_align": o.refinement.skipAlign = true
        case "--norm": o.normCorrection = true
        case "--scale": o.scaleCorrection = true
        case "--fix_sigma_noise": o.refinement.fixSigmaNoise = true
        default: break
        }
    }

    static func number(_ flag: String, _ v: String) throws(Class3DError) -> Double {
        guard let d = Double(v) else { throw Class3DError("class3d: \(flag) '\(v)' is not a number") }
        return d
    }

    static func integer(_ flag: String, _ v: String) throws(Class3DError) -> Int {
        guard let d = Int(v) else { throw Class3DError("class3d: \(flag) '\(v)' is not an integer") }
        return d
    }

    static func apply(_ flag: String, _ v: String, to o: inout Class3DOptions) throws(Class3DError) {
        switch flag {
        case "--i": o.particlesFile = v
        case "--ios": o.optimisationSetFile = v
        case "--tomograms": o.tomogramsFile = v
        case "--trajectories": o.trajectoriesFile = v
        case "--ref": o.referenceFile = v
        case "--o": o.outputRoot = v
        case "--continue": o.continueFrom = v
        case "--pipeline_control": o.pipelineControl = v
        case "--K": o.refinement.classCount = try integer(flag, v)
        case "--iter": o.refinement.iterations = try integer(flag, v)
        case "--tau2_fudge": o.refinement.tau2Fudge = try number(flag, v)
        case "--particle_diameter": let d = try number(flag, v); o.refinement.particleDiameter = d > 0 ? d : nil
        case "--ini_high": let d = try number(flag, v); o.refinement.initialHighResolution = d > 0 ? d : nil
        case "--pad": o.refinement.padding = try integer(flag, v)
        case "--healpix_order": o.refinement.healpixOrder = try integer(flag, v)
        case "--psi_step": let d = try number(flag, v); o.refinement.psiStep = d > 0 ? d : nil
        case "--sigma_ang": let d = try number(flag, v); o.refinement.sigmaAngles = d > 0 ? d : nil
        case "--sigma_tilt": o.notes.append("note: --sigma_tilt \(v) is not used by the engine (only --sigma_ang)")
        case "--offset_range": o.refinement.offsetRange = try number(flag, v)
        case "--offset_step": o.refinement.offsetStep = try number(flag, v)
        case "--strict_highres_exp": let d = try number(flag, v); o.refinement.strictHighResExpectation = d > 0 ? d : nil
        case "--sym":
            do { o.refinement.symmetry = try SymmetryGroup(v) } catch {
                throw Class3DError("class3d: --sym '\(v)': \(error)")
            }
        case "--random_seed":
            let s = try integer(flag, v)
            o.randomSeedArgument = s
            o.refinement.randomSeed = s >= 0 ? UInt64(s) : 0
        case "--j": o.threads = max(1, try integer(flag, v))
        case "--oversampling":
            let ov = try integer(flag, v)
            guard ov >= 0 else { throw Class3DError("class3d: --oversampling \(ov) must be 0 or more") }
            o.oversampling = ov; o.refinement.oversampling = ov
        case "--maxsig": o.maximumSignificantPoses = try integer(flag, v)
        case "--offset": o.refinement.initialSigmaOffset = try number(flag, v)
        case "--maskedge": o.refinement.maskEdge = try number(flag, v)
        case "--incr_size": o.refinement.incrementSize = try integer(flag, v)
        case "--adaptive_fraction": o.refinement.adaptiveFraction = try number(flag, v)
        case "--perturb": o.refinement.perturb = try number(flag, v)
        case "--nr_parts_sigma2noise": let n = try integer(flag, v); o.refinement.particlesForInitialNoise = n > 0 ? n : 10
        case "--subtomo_multi_thr": o.subtomogramMultiplicityThreshold = Float(try number(flag, v))
        default: throw Class3DError("class3d: unhandled flag \(flag)")
        }
    }

    /// Splits a command line as RELION writes it into `rlnCommandLine` (spaces; `""` = empty value).
    public static func split(_ commandLine: String) -> [String] {
        commandLine.split(separator: " ", omittingEmptySubsequences: true).map { $0 == "\"\"" ? "" : String($0) }
    }
}
