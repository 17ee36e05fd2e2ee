import ArgumentParser
import Foundation
import TomoAlgorithms
import TomoCluster
import TomoJobs
import TomoSTAR

/// `sta reconstruct`: RELION's "Reconstruct particle" (`relion_tomo_reconstruct_particle`).
struct ReconstructCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct",
        abstract: "Average particles at their orientations into merged.mrc and half maps, as relion_tomo_reconstruct_particle.",
        discussion: """
        Half sets come from rlnRandomSubset (all in half 1 when absent, as RELION; --random_halves \
        assigns them with a seed instead). Writes <o>/merged.mrc, half1.mrc, half2.mrc and fsc.star \
        with the FSC-0.143 resolution.

        By default the job runs on a cluster (--catalog, STA_CATALOG, the project's running local \
        cluster, or one started now) as relion.reconstructparticletomo: reconstructor workers \
        back-project batches of --batch particles and the catalog adds each batch's partial sums \
        exactly once in batch order, writing to the job's own Reconstruct/jobNNN. --in-process runs \
        it here in parallel batches (--j), writing to --o (needed for --from-extracted).
        """)

    @Option(help: "Input optimisation set.") var i: String?
    @Option(help: "Particle set (overrides the optimisation set's).") var p: String?
    @Option(help: "Tomogram set (overrides the optimisation set's).") var t: String?
    @Option(help: "Output directory, e.g. Reconstruct/job003/ (--in-process; a cluster job writes to its own Reconstruct/jobNNN).") var o: String?
    @Option(help: "Box size in binned pixels.") var b: Int
    @Option(help: "Cropped output box (binned pixels; default none).") var crop: Int?
    @Option(help: "Binning factor.") var bin: Double = 1
    @Option(help: "Symmetry group (C1, Cn, Dn, T, O, I).") var sym = "C1"
    @Option(name: .customLong("SNR"), help: "Wiener SNR; ≤ 0 uses RELION's heuristic regularisation.") var snr: Double = -1
    @Option(help: "Taper width at the box edge (px).") var taper = 10
    @Option(name: .customLong("cutoff_fract"), help: "Ignore Fourier pixels whose dose weight is below this.") var cutoffFract = 0.01
    @Flag(help: "Use the extracted images (rlnImageName) instead of cutting from the tilt series.") var fromExtracted = false
    @Option(name: .customLong("random_halves"), help: "Assign half sets randomly with this seed when rlnRandomSubset is absent.") var randomHalves: UInt64?
    @Option(help: "Parallel batches.") var j = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Project directory (default: the current directory).") var project: String?
    @Flag(name: .customLong("in-process"), help: "Run in this process (parallel batches) instead of on a cluster.") var inProcess = false
    @Option(help: "Catalog endpoint of the cluster (env STA_CATALOG; default: the project's local cluster).") var catalog: String?
    @Option(help: "CURVE key directory for the catalog connection (env STA_KEYS).") var keys: String?
    @Option(help: "Particles per cluster task.") var batch = 8

    func validate() throws {
        guard i != nil || (p != nil && t != nil) else { throw ValidationError("give --i OPTIMISATION_SET, or --p and --t") }
        guard b > 0, bin > 0, j > 0, batch > 0 else { throw ValidationError("--b, --bin, --j and --batch must be positive") }
        guard !inProcess || o != nil else { throw ValidationError("--in-process needs --o OUTPUT_DIRECTORY") }
        guard inProcess || !fromExtracted else { throw ValidationError("--from-extracted runs only --in-process (give --o)") }
    }

    /// The `job.submit` parameters (docs/protocol.md, Appendix B, `relion.reconstructparticletomo`).
    var clusterParameters: [String: Any] {
        var q: [String: Any] = ["box": b, "bin": bin, "sym": sym, "snr": snr, "taper": taper, "cutoff_fract": cutoffFract,
                                "batch": batch]
        if let i { q["i"] = i }
        if let p { q["particles"] = p }
        if let t { q["tomograms"] = t }
        if let crop { q["crop"] = crop }
        if let randomHalves { q["random_halves"] = "\(randomHalves)" }
        return q
    }

    func run() async throws {
        let dir = project ?? FileManager.default.currentDirectoryPath
        guard inProcess, let o else {
            if o != nil { print("note: --o is for --in-process; the cluster job writes to its own Reconstruct/jobNNN") }
            let outcome = try ClusterJob.run(type: "relion.reconstructparticletomo", parameters: clusterParameters,
                                             catalog: catalog, keys: keys, project: URL(fileURLWithPath: dir)) { print($0) }
            try ClusterReport.print(outcome, what: "reconstructed")
            if let fsc = outcome.outputs.first(where: { $0.hasSuffix("fsc.star") }),
               let doc = try? StarDocument.read(path: dir + "/" + fsc),
               let r = doc["general"]?.string("rlnFinalResolution", row: 0) {
                print("gold-standard FSC 0.143 resolution: \(r.trimmingCharacters(in: .whitespaces)) Å")
            }
            return
        }
        var options = ReconstructOptions(boxSize: b)
        options.cropSize = crop
        options.binning = bin
        options.symmetry = sym
        options.snr = snr
        options.taper = taper
        options.doseCutoff = cutoffFract
        options.source = fromExtracted ? .extracted : .tiltSeries
        if let seed = randomHalves { options.halves = .randomSubsetOrRandom(seed: seed) }
        let (particles, tomograms, _) = try JobInputs.sets(i: i, p: p, t: t, project: dir)
        let job = try ReconstructJob(particles: particles, tomograms: tomograms, projectDirectory: dir,
                                     outputDirectory: o, options: options)
        let n = particles.particles.count
        let start = Date()
        let partials = try await Batches.run(count: n, parallel: j) { try job.backProject(indices: $0) }
        var total = partials[0]
        for other in partials.dropFirst() { total.add(other) }
        let result = try job.finish(total)
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "reconstructed %d particles in %.1f s (%.1f particles/s)", n, seconds, Double(n) / max(seconds, 1e-9)))
        print(String(format: "gold-standard FSC 0.143 resolution: %.2f Å (pixel %.2f Å)", result.resolution, job.pixelSize))
        print("maps: \(o)/merged.mrc, \(o)/half1.mrc, \(o)/half2.mrc; FSC: \(o)/fsc.star")
    }
}

/// Prints the end of a cluster job: the outputs and the rate, or the error (exit 1).
enum ClusterReport {
    static func print(_ o: ClusterJob.Outcome, what: String) throws {
        guard o.status == "succeeded" else {
            Swift.print("job \(o.id) \(o.status)" + (o.error.map { ": \($0)" } ?? ""))
            throw ExitCode(1)
        }
        Swift.print(String(format: "\(what) %d particles in %.1f s (%.1f particles/s)", o.particles, o.seconds,
                           Double(o.particles) / max(o.seconds, 1e-9)))
        Swift.print("outputs: " + o.outputs.joined(separator: ", "))
    }
}
