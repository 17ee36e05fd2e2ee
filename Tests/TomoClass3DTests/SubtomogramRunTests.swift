import Foundation
import Testing
import TomoClass3D
import TomoJobs
import TomoJobsTesting
import TomoRelion
import TomoSimulation

/// 3D pseudo-subtomograms through the `sta class3d` job from RELION's files: the lattice E-step
/// and the direct-splat M-step (decision 0006) on a simulated project.
@Suite struct SubtomogramRunTests {
    /// 40 particles with priors off by 8° (rotation vector per axis), extracted as RELION
    /// pseudo-subtomograms at box 24 (bin 2, 20 Å), K = 1 with local searches for 3 iterations:
    /// the median angular error against the truth falls below 60 % of the priors' (measured
    /// 11.1° → 3.9°).
    @Test func localSearchesOnPseudoSubtomogramsImprovePoses() async throws {
        var parameters = SimulationParameters.small(particles: 40, seed: 23)
        parameters.angularPriorError = 8
        let dir = NSTemporaryDirectory() + "class3d-3d-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await ExtractedProject.make(parameters, in: dir, stack2D: false)
        let command = ["--o", "Class3D/job004/run", "--ios", "Extract/job002/optimisation_set.star",
                       "--ref", "Reconstruct/job003/merged.mrc", "--trust_ref_size", "--ini_high", "60", "--ctf",
                       "--iter", "3", "--tau2_fudge", "4", "--particle_diameter", "300", "--K", "1", "--flatten_solvent",
                       "--zero_mask", "--healpix_order", "3", "--sigma_ang", "5", "--offset_range", "2",
                       "--offset_step", "1", "--random_seed", "1", "--j", "2"]
        var job = try Class3DJob(options: try Class3DArguments.parse(command), projectDirectory: dir)
        try await job.run()
        let truth = try ParticleSet.read(path: dir + "/truth/truth.star")
        let before = PoseErrors(refined: try ParticleSet.read(path: dir + "/particles.star"), truth: truth)
        let after = PoseErrors(refined: try ParticleSet.read(path: dir + "/Class3D/job004/run_it003_data.star"), truth: truth)
        print("pseudo-subtomograms, 3 iterations: median angular error \(before.medianAngular)° → \(after.medianAngular)°, position \(before.medianPosition) → \(after.medianPosition) Å over \(after.count)")
        #expect(after.count == 40)
        #expect(after.medianAngular < 0.6 * before.medianAngular)
    }
}
