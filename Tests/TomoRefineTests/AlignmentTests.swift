import Testing
import TomoCore
import TomoKernels
import TomoRefine
import TomoSimulation

@Suite struct AlignmentTests {
    /// K = 1 with local searches from priors off by ~8° and 2 px: the median angular and offset
    /// errors against the truth fall well below the prior errors, and the map's FSC against the
    /// truth approaches that of a reconstruction at the true poses.
    @Test func localSearchesRecoverPoses() async throws {
        let sim = try await RefineTestData.alignment.value
        var data = SimulatedObservations(sim, box: 32)
        let px = data.pixelSize
        let truthMap = sim.maps[1]!
        let n = data.observations.count
        func errors(_ parts: [ParticleObservation]) -> (angle: Double, offset: Double) {
            let a = (0..<n).map { angularDistance(parts[$0].angles.matrix, data.trueAngles[$0].matrix) }
            let o = (0..<n).map { (parts[$0].offset - data.trueOffsets[$0]).norm }
            return (RefineTestData.median(a), RefineTestData.median(o))
        }
        let prior = errors(data.observations)
        var truePoses = data.observations
        for i in 0..<n { truePoses[i].angles = data.trueAngles[i]; truePoses[i].offset = data.trueOffsets[i] }
        let bestMap = ParticleReconstruction.reconstruct(truePoses)
        let bestRes = RefineTestData.fscResolution(bestMap, truthMap, pixelSize: px)
        let start = ParticleReconstruction.reconstruct(data.observations)
        let startRes = RefineTestData.fscResolution(start, truthMap, pixelSize: px)

        var o = RefinementOptions()
        o.iterations = 1
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.healpixOrder = 2
        o.sigmaAngles = 8
        o.offsetRange = 4
        o.offsetStep = 2
        o.strictHighResExpectation = 40
        o.randomSeed = 3
        var engine = try ClassificationEngine(particles: data.observations, references: [start], pixelSize: px, options: o)
        let schedule: [(order: Int, sigma: Double, range: Double, step: Double)] =
            [(2, 8, 4, 2), (3, 4, 2, 1), (4, 2, 1, 0.5), (4, 1.5, 1, 0.5)]
        for s in schedule {
            engine.options.healpixOrder = s.order; engine.options.sigmaAngles = s.sigma
            engine.options.offsetRange = s.range; engine.options.offsetStep = s.step
            let t = await seconds { await engine.iterate(workers: 2) }
            let e = errors(engine.particles)
            let h = engine.history.last!
            print("iteration \(h.iteration): \(t) s, median angle error \(e.angle)°, offset \(e.offset) px, res \(h.currentResolution) Å, size E/M \(h.expectationImageSize)/\(h.currentImageSize), pmax \(h.averagePmax), dAng \(h.changesOrientations), dOff \(h.changesOffsets), acc \(h.overallAccuracyRotations)° \(h.overallAccuracyTranslations) Å")
        }
        let final = errors(engine.particles)
        let finalRes = RefineTestData.fscResolution(engine.classes[0].map, truthMap, pixelSize: px)
        print("prior errors: \(prior.angle)°, \(prior.offset) px; final: \(final.angle)°, \(final.offset) px")
        print("FSC0.5 vs truth: start \(startRes) Å, refined \(finalRes) Å, true poses \(bestRes) Å")
        #expect(final.angle < 0.5 * prior.angle)
        #expect(final.offset < 0.5 * prior.offset)
        _ = data.states
        data.observations = []
    }
}
