import Testing
import TomoCore
import TomoRefine
import TomoSimulation

@Suite struct DeterminismTests {
    /// Same seed → bit-identical particle results, maps, σ² and statistics whether the batches
    /// run on 1, 2 or 4 workers (local searches and K = 2, so weights, pruning and all sums matter).
    @Test func resultsDoNotDependOnWorkers() async throws {
        let sim = try await RefineTestData.alignment.value
        let data = SimulatedObservations(sim, box: 32)
        let particles = Array(data.observations.prefix(12))
        let start = ParticleReconstruction.reconstruct(particles)
        var o = RefinementOptions()
        o.classCount = 2
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.healpixOrder = 2
        o.sigmaAngles = 6
        o.offsetRange = 1
        o.offsetStep = 1
        o.strictHighResExpectation = 80
        o.randomSeed = 42
        o.batchSize = 3
        var runs: [ClassificationEngine] = []
        for workers in [1, 2, 4] {
            var engine = try ClassificationEngine(particles: particles, references: [start], pixelSize: data.pixelSize, options: o)
            for _ in 0..<2 { await engine.iterate(workers: workers) }
            runs.append(engine)
        }
        for r in runs.dropFirst() {
            #expect(r.results == runs[0].results)
            #expect(r.classes.map(\.map.data) == runs[0].classes.map(\.map.data))
            #expect(r.sigma2 == runs[0].sigma2)
            #expect(r.history == runs[0].history)
        }
        // The run did something: classes were populated and poses moved.
        #expect(runs[0].history[0].changesOrientations > 0)
        print("determinism: classes \(runs[0].classes.map(\.distribution)), pmax \(runs[0].history.last!.averagePmax)")
    }
}
