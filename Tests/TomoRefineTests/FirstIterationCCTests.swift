import Testing
import TomoCore
import TomoRefine
import TomoSimulation

@Suite struct FirstIterationCCTests {
    /// `--firstiter_cc` with a reference on the wrong grey scale (×25): the CC iteration leaves σ²
    /// and the current resolution (`ini_high`) alone, binarises the weights (pmax = 1), and the
    /// following likelihood iteration still improves the poses.
    @Test func crossCorrelationFirstIteration() async throws {
        let sim = try await RefineTestData.alignment.value
        let data = SimulatedObservations(sim, box: 32)
        let particles = Array(data.observations.prefix(16))
        var start = ParticleReconstruction.reconstruct(particles)
        for i in start.data.indices { start.data[i] *= 25 }
        var o = RefinementOptions()
        o.firstIterationCC = true
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.healpixOrder = 2
        o.sigmaAngles = 8
        o.offsetRange = 2
        o.offsetStep = 1
        o.strictHighResExpectation = 60
        var engine = try ClassificationEngine(particles: particles, references: [start], pixelSize: data.pixelSize, options: o)
        let sigma0 = engine.sigma2
        await engine.iterate()
        #expect(engine.sigma2 == sigma0)
        #expect(engine.currentResolution == 60)
        #expect(engine.history[0].averagePmax == 1)
        #expect(engine.results.allSatisfy { $0.significantSamples == 1 })
        await engine.iterate()
        func median(_ p: [ParticleObservation]) -> Double {
            RefineTestData.median(p.indices.map { angularDistance(p[$0].angles.matrix, data.trueAngles[$0].matrix) })
        }
        let before = median(particles), after = median(engine.particles)
        print("firstiter_cc: median angular error \(before)° → \(after)°")
        #expect(after < before)
    }
}
