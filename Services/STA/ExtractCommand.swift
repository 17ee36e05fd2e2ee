import ArgumentParser
import Foundation
import TomoCluster
import TomoJobs
import TomoRelion

/// `sta extract`: RELION's "Extract subtomos" (`relion_tomo_subtomo`), same flags and defaults.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract subtomograms (2D tilt stacks or 3D pseudo-subtomograms), as relion_tomo_subtomo.",
        discussion: """
        Paths are relative to the project directory (the current directory, as in RELION, or \
        --project). Writes <o>/particles.star, <o>/optimisation_set.star and \
        <o>/Subtomograms/<tomo>/<n>_stack2d.mrcs (or _data.mrc/_weights.mrc).

        By default the job runs on a cluster: the catalog of --catalog or STA_CATALOG, else the \
        project's running local cluster (.sta/cluster.json), else a local cluster started now \
        (stop it with `sta down`). It is submitted as relion.pseudosubtomo, <o> is the job's own \
        Extract/jobNNN, tasks are (tomogram × --batch particles) and the progress is printed \
        until it ends. --in-process runs it in this process instead, in parallel batches (--j), \
        writing to --o; results do not depend on the split.
        """)

    @Option(help: "Input optimisation set.") var i: String?
    @Option(help: "Particle set (overrides the optimisation set's).") var p: String?
    @Option(help: "Tomogram set (overrides the optimisation set's).") var t: String?
    @Option(help: "Output directory, e.g. Extract/job002/ (--in-process; a cluster job writes to its own Extract/jobNNN).") var o: String?
    @Option(help: "Box size in binned pixels used to cut the tilt images.") var b: Int
    @Option(help: "Output (cropped) box size in binned pixels (default: --b).") var crop: Int?
    @Option(help: "Binning factor.") var bin: Double = 1
    @Flag(help: "Write 2D tilt stacks (RELION 5 default in the GUI) instead of 3D pseudo-subtomograms.") var stack2d = false
    @Flag(help: "Write MRC mode 12 (float16).") var float16 = false
    @Option(name: .customLong("max_dose"), help: "Exclude tilts with a pre-exposure above this (e/Å²); ≤ 0 keeps all.") var maxDose: Double = -1
    @Option(name: .customLong("min_frames"), help: "Keep a particle only if visible in at least this many tilts.") var minFrames = 1
    @Flag(name: .customLong("no_ic"), help: "Do not invert contrast.") var noIC = false
    @Flag(name: .customLong("no_ctf"), help: "Do not premultiply by the CTF.") var noCTF = false
    @Flag(name: .customLong("no_circle_crop"), help: "Skip the 2D circular crop.") var noCircleCrop = false
    @Flag(name: .customLong("dont_apply_offsets"), help: "Do not fold rlnOrigin into the coordinates.") var dontApplyOffsets = false
    @Option(name: .customLong("cutoff_fract"), help: "Ignore Fourier pixels whose dose weight is below this.") var cutoffFract = 0.01
    @Option(help: "Parallel batches.") var j = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Project directory (default: the current directory).") var project: String?
    @Flag(name: .customLong("in-process"), help: "Run in this process (parallel batches) instead of on a cluster.") var inProcess = false
    @Option(help: "Catalog endpoint of the cluster (env STA_CATALOG; default: the project's local cluster).") var catalog: String?
    @Option(help: "CURVE key directory for the catalog connection (env STA_KEYS).") var keys: String?
    @Option(help: "Particles per cluster task.") var batch = 8

    func validate() throws {
        guard i != nil || (p != nil && t != nil) else { throw ValidationError("give --i OPTIMISATION_SET, or --p and --t") }
        guard b > 0, (crop ?? b) > 0, (crop ?? b) <= b else { throw ValidationError("need 0 < --crop ≤ --b") }
        guard bin > 0, j > 0, batch > 0 else { throw ValidationError("--bin, --j and --batch must be positive") }
        guard !inProcess || o != nil else { throw ValidationError("--in-process needs --o OUTPUT_DIRECTORY") }
    }

    /// The `job.submit` parameters (docs/protocol.md, Appendix B, `relion.pseudosubtomo`).
    var clusterParameters: [String: Any] {
        var p: [String: Any] = ["box": b, "bin": bin, "max_dose": maxDose, "min_frames": minFrames,
                                "cutoff_fract": cutoffFract, "batch": batch]
        if let i { p["i"] = i }
        if let v = self.p { p["particles"] = v }
        if let t { p["tomograms"] = t }
        if let crop { p["crop"] = crop }
        for (k, on) in [("stack2d", stack2d), ("float16", float16), ("no_ic", noIC), ("no_ctf", noCTF),
                        ("no_circle_crop", noCircleCrop), ("dont_apply_offsets", dontApplyOffsets)] where on { p[k] = 1 }
        return p
    }

    func run() async throws {
        let dir = project ?? FileManager.default.currentDirectoryPath
        guard inProcess, let o else {
            if o != nil { print("note: --o is for --in-process; the cluster job writes to its own Extract/jobNNN") }
            let outcome = try ClusterJob.run(type: "relion.pseudosubtomo", parameters: clusterParameters, catalog: catalog, keys: keys,
                                             project: URL(fileURLWithPath: dir)) { print($0) }
            try ClusterReport.print(outcome, what: "extracted")
            return
        }
        var options = ExtractOptions(boxSize: b)
        options.cropSize = crop
        options.binning = bin
        options.stack2D = stack2d
        options.float16 = float16
        options.maxDose = maxDose
        options.minFrames = minFrames
        options.invertContrast = !noIC
        options.premultiplyCTF = !noCTF
        options.circleCrop = !noCircleCrop
        options.applyOffsets = !dontApplyOffsets
        options.doseCutoff = cutoffFract
        let job = try JobInputs.extractJob(i: i, p: p, t: t, project: dir, output: o, options: options)
        let n = job.particles.particles.count
        let start = Date()
        let records = try await Batches.run(count: n, parallel: j) { try job.extract(indices: $0) }
        let out = try job.finish(records.flatMap { $0 })
        let seconds = Date().timeIntervalSince(start)
        print("extracted \(out.particles.count) of \(n) particles" + (stack2d ? " as 2D stacks" : " as 3D pseudo-subtomograms")
              + String(format: " in %.1f s (%.1f particles/s)", seconds, Double(n) / max(seconds, 1e-9)))
        print("output: \(o)/particles.star, \(o)/optimisation_set.star")
    }
}

/// Reads job inputs as RELION's tomography programs do: an optimisation set, with --p/--t overrides.
enum JobInputs {
    static func sets(i: String?, p: String?, t: String?, project: String) throws -> (ParticleSet, TomogramSet, OptimisationSet?) {
        let full = { (x: String) in x.hasPrefix("/") ? x : project + "/" + x }
        let set = try i.map { try OptimisationSet.read(path: full($0)) }
        guard let tf = t ?? set?.tomogramsFile else { throw ValidationError("no tomogram set: give --t or an optimisation set with rlnTomoTomogramsFile") }
        guard let pf = p ?? set?.particlesFile else { throw ValidationError("no particle set: give --p or an optimisation set with rlnTomoParticlesFile") }
        let tomograms = try TomogramSet.read(path: full(tf), projectDirectory: project)
        let particles = try ParticleSet.read(path: full(pf), tomograms: tomograms)
        return (particles, tomograms, set)
    }

    static func extractJob(i: String?, p: String?, t: String?, project: String, output: String,
                           options: ExtractOptions) throws -> ExtractJob {
        let (particles, tomograms, set) = try sets(i: i, p: p, t: t, project: project)
        return ExtractJob(particles: particles, tomograms: tomograms, optimisationSet: set,
                          projectDirectory: project, outputDirectory: output, options: options)
    }
}

/// Splits `count` items into `parallel` contiguous batches and runs them concurrently; results come
/// back in batch order, so the output does not depend on scheduling.
enum Batches {
    static func run<T: Sendable>(count: Int, parallel: Int,
                                 _ body: @escaping @Sendable ([Int]) throws -> T) async throws -> [T] {
        let k = max(1, min(parallel, count))
        let bounds = (0...k).map { $0 * count / k }
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for b in 0..<k {
                let indices = Array(bounds[b]..<bounds[b + 1])
                group.addTask { (b, try body(indices)) }
            }
            var out = [T?](repeating: nil, count: k)
            for try await (b, r) in group { out[b] = r }
            return out.map { $0! }
        }
    }
}
