import ArgumentParser
import Foundation
import TomoAlgorithms
import TomoJobs

/// `sta reconstruct`: RELION's "Reconstruct particle" (`relion_tomo_reconstruct_particle`).
struct ReconstructCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct",
        abstract: "Average particles at their orientations into merged.mrc and half maps, as relion_tomo_reconstruct_particle.",
        discussion: """
        Half sets come from rlnRandomSubset (all in half 1 when absent, as RELION; --random_halves \
        assigns them with a seed instead). Writes <o>/merged.mrc, half1.mrc, half2.mrc and fsc.star \
        with the FSC-0.143 resolution. Batches run in parallel (--j) and are reduced exactly once \
        each, in batch order.
        """)

    @Option(help: "Input optimisation set.") var i: String?
    @Option(help: "Particle set (overrides the optimisation set's).") var p: String?
    @Option(help: "Tomogram set (overrides the optimisation set's).") var t: String?
    @Option(help: "Output directory, e.g. Reconstruct/job003/.") var o: String
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

    func validate() throws {
        guard i != nil || (p != nil && t != nil) else { throw ValidationError("give --i OPTIMISATION_SET, or --p and --t") }
        guard b > 0, bin > 0, j > 0 else { throw ValidationError("--b, --bin and --j must be positive") }
    }

    func run() async throws {
        let dir = project ?? FileManager.default.currentDirectoryPath
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
