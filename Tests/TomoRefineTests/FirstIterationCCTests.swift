import Testing
import TomoCore
import TomoRefine
import TomoSimulation

@Suite struct FirstIterationCCTests {
    /// `--firstiter_cc` with a reference on the wrong grey scale (×25): the CC iteration leaves σ²
    /// and the current resolution (`ini_high`) alone, binarises the weights (pmax = 1, one
    /// significant sample), and picks exactly the poses it picks with the reference at the right
    /// scale (the normalised cross-correlation does not see the grey scale).
    @Test func crossCorrelationFirstIteration() async throws {
        let sim = try await RefineTestData.alignment.value
        let data = SimulatedObservations(sim, box: 32)
        let particles = Array(data.observations.prefix(16))
        let start = ParticleReconstruction.reconstruct(particles)
        var scaled = start
        for i in scaled.data.indices { scaled.data[i] *= 25 }
        var o = RefinementOptions()
        o.firstIterationCC = true
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.healpixOrder = 2
        o.sigmaAngles = 8
        o.offsetRange = 2
        o.offsetStep = 1
        o.strictHighResExpectation = 60
        var engine = try ClassificationEngine(particles: particles, references: [scaled], pixelSize: data.pixelSize, options: o)
        var reference = try ClassificationEngine(particles: particles, references: [start], pixelSize: data.pixelSize, options: o)
        let sigma0 = engine.sigma2
        await engine.iterate()
        #expect(engine.sigma2 == sigma0)
        #expect(engine.currentResolution == 60)
        #expect(engine.history[0].averagePmax == 1)
        #expect(engine.results.allSatisfy { $0.significantSamples == 1 })
        await reference.iterate()
        #expect(engine.results.map(\.angles) == reference.results.map(\.angles))
        #expect(engine.results.map(\.offset) == reference.results.map(\.offset))
        let moved = engine.history[0].changesOrientations
        print("firstiter_cc: mean orientation change \(moved)°")
        #expect(moved > 0)
    }
}
