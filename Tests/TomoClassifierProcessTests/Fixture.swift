import Foundation
import TomoClass3D
import TomoJobs
import TomoJobsTesting
import TomoSimulation

/// A tiny project (as `Tests/TomoClass3DTests`): 24 simulated particles, 2D stacks extracted at
/// box 24 (bin 2, 20 Å), a reference reconstructed from them; Class3D K = 2 without alignment.
/// The reference runs are `Class3DJob.run` in this process (`InProcessClass3DExecutor`).
enum ClassifierFixture {
    static let project: Task<String, Error> = Task {
        // Short: the embedded cluster's ipc:// socket paths live under <project>/.sta/ (≤ 107 bytes).
        let dir = "/tmp/c3dp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try await ExtractedProject.make(.small(particles: 24, seed: 11, maxTilt: 45, tiltStep: 15), in: dir)
        return dir
    }

    /// relion_refine flags for `iter` iterations writing to `root` (fixed `--random_seed`).
    static func command(_ root: String?, iter: Int) -> [String] {
        (root.map { ["--o", $0] } ?? [])
            + ["--ios", "Extract/job002/optimisation_set.star", "--ref", "Reconstruct/job003/merged.mrc",
               "--trust_ref_size", "--ini_high", "80", "--dont_combine_weights_via_disc", "--pool", "3", "--pad", "2", "--ctf",
               "--iter", "\(iter)", "--tau2_fudge", "1", "--particle_diameter", "300", "--K", "2", "--flatten_solvent",
               "--zero_mask", "--skip_align", "--sym", "C1", "--norm", "--scale", "--random_seed", "7", "--j", "2"]
    }

    /// The in-process runs of 2 and 3 iterations (roots `Class3D/job090/run`, `Class3D/job091/run`).
    static let reference2: Task<String, Error> = Task { try await inProcess(root: "Class3D/job090/run", iter: 2) }
    static let reference3: Task<String, Error> = Task { try await inProcess(root: "Class3D/job091/run", iter: 3) }

    static func inProcess(root: String, iter: Int) async throws -> String {
        let dir = try await project.value
        var job = try Class3DJob(options: try Class3DArguments.parse(command(root, iter: iter)), projectDirectory: dir)
        try await job.run(executor: InProcessClass3DExecutor(threads: 2))
        return root
    }

    /// The files compared byte for byte: data, model and the first class map of the last iteration.
    static func files(iteration: Int) -> [String] {
        let it = String(format: "_it%03d", iteration)
        return [it + "_data.star", it + "_model.star", it + "_class001.mrc", it + "_class002.mrc"]
    }

    /// The bytes of `<dir>/<root><suffix>`, with every `Class3D/jobNNN/` in STAR text replaced by
    /// `Class3D/job/` (files name their own job directory).
    static func bytes(_ dir: String, _ root: String, _ suffix: String) throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + root + suffix))
        guard suffix.hasSuffix(".star") else { return data }
        let text = String(decoding: data, as: UTF8.self).replacing(/Class3D\/job\d+\//, with: "Class3D/job/")
        return Data(text.utf8)
    }

    /// The suffixes whose bytes differ between `root` and the reference `reference` (empty: identical).
    static func differences(_ dir: String, _ root: String, reference: String, iteration: Int) throws -> [String] {
        try files(iteration: iteration).filter { try bytes(dir, root, $0) != bytes(dir, reference, $0) }
    }
}
