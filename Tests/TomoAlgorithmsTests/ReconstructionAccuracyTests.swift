import Testing
import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoKernels
import TomoSimulation

/// Reconstructions from our extraction of simulated data against the ground truth.
@Suite struct ReconstructionAccuracyTests {
    /// Noise-free, true poses, bin 1 (box 48 at 10 Å, 100 particles, 31 tilts): the 2D-stack
    /// reconstruction matches the truth with FSC ≥ 0.5 up to 0.8 × Nyquist (shell 19.2 of 24).
    @Test func noiseFreeStackReconstructionMatchesTruth() async throws {
        let sim = try await Fixture.noiseFree.value
        let settings = ExtractionSettings(boxSize: 48)
        var acc = ReconstructionAccumulator(size: 48)
        let all = Array(sim.dataset.particles.indices)
        Fixture.backProject(sim, indices: all, settings: settings, halves: HalfSets.alternating(count: all.count), into: &acc)
        let map = acc.reconstructMerged()
        let fsc = Fixture.maskedFSC(map, Fixture.truth(sim, size: 48), radius: 20)
        print("2D stack vs truth FSC:", fsc.map { ($0 * 1000).rounded() / 1000 })
        #expect(Double(Fixture.lastShellAbove(fsc, 0.5)) >= 0.8 * 24)
    }
}
