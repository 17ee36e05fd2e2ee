import Testing
import TomoCore
import TomoRefine
import TomoSimulation

@Suite struct IterationStepsTests {
    static func options() -> RefinementOptions {
        var o = RefinementOptions()
        o.classCount = 2
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.healpixOrder = 2
        o.sigmaAngles = 6
        o.offsetRange = 1
        o.offsetStep = 1
        o.strictHighResExpectation = 80
        o.randomSeed = 7
        o.batchSize = 3
        return o
    }

    /// `iterate` is the composition of the public steps, also when every exchanged value goes
    /// through its byte encoding and the batch sums arrive in reverse order with duplicates:
    /// particle results, maps, σ², σ_offset and statistics are bit-identical after 2 iterations.
    @Test func stepsThroughBytesEqualIterate() async throws {
        let sim = try await RefineTestData.alignment.value
        let data = SimulatedObservations(sim, box: 32)
        let particles = Array(data.observations.prefix(10))
        let start = ParticleReconstruction.reconstruct(particles)
        let o = Self.options()
        var reference = try ClassificationEngine(particles: particles, references: [start], pixelSize: data.pixelSize, options: o)
        var stepped = reference
        for _ in 0..<2 { await reference.iterate(workers: 2) }

        let images = try (0..<stepped.batchCount).map { try ParticleBatchImages(decoding: stepped.batchImages($0).encoded()) }
        var duplicatesRejected = 0
        for _ in 0..<2 {
            let state = try IterationState(decoding: stepped.nextIterationState().encoded())
            let prepared = PreparedIteration(state)
            var reduction = BatchReduction(batchCount: stepped.batchCount)
            for b in (0..<stepped.batchCount).reversed() {
                let poses = try ParticleBatchPoses(decoding: stepped.batchPoses(b).encoded())
                let sums = try BatchSums(decoding: BatchExpectation.run(images: images[b], poses: poses, context: prepared).encoded())
                let accepted = reduction.add(sums)
                #expect(accepted)
                if !reduction.add(sums) { duplicatesRejected += 1 }
            }
            #expect(reduction.isComplete)
            try stepped.maximise(#require(reduction.result), context: prepared)
        }
        #expect(duplicatesRejected == 2 * stepped.batchCount)
        #expect(stepped.batchCount == 4)
        #expect(stepped.results == reference.results)
        #expect(stepped.classes.map(\.map.data) == reference.classes.map(\.map.data))
        #expect(stepped.sigma2 == reference.sigma2)
        #expect(stepped.sigmaOffset.bitPattern == reference.sigmaOffset.bitPattern)
        #expect(stepped.history == reference.history)
        #expect(reference.history[1].changesOrientations > 0)
    }

    /// Truncated or foreign bytes are rejected with a message naming the type and position; a
    /// context for the wrong iteration and incomplete sums are refused by the M-step.
    @Test func malformedInputIsRejected() async throws {
        let sim = try await RefineTestData.alignment.value
        let data = SimulatedObservations(sim, box: 32)
        let particles = Array(data.observations.prefix(4))
        let start = ParticleReconstruction.reconstruct(particles)
        var engine = try ClassificationEngine(particles: particles, references: [start], pixelSize: data.pixelSize,
                                              options: Self.options())
        let state = engine.nextIterationState().encoded()
        #expect(throws: RefinementError.self) { try IterationState(decoding: Array(state.dropLast(3))) }
        do {
            _ = try IterationState(decoding: Array(state.prefix(40)))
            Issue.record("truncated state decoded")
        } catch {
            #expect(error.description.hasPrefix("IterationState: truncated at byte"))
        }
        #expect(throws: RefinementError.self) { try BatchSums(decoding: state) }
        let prepared = PreparedIteration(engine.nextIterationState())
        let first = BatchExpectation.run(images: engine.batchImages(0), poses: engine.batchPoses(0), context: prepared)
        #expect(first.results.map(\.index) == [0, 1, 2])
        var reduction = BatchReduction(batchCount: 2)
        reduction.add(first)
        #expect(reduction.result == nil)
        let again = reduction.add(first)
        #expect(!again)
        var empty = BatchReduction(batchCount: 0)
        let outOfRange = empty.add(first)
        #expect(!outOfRange)
        var stale = PreparedIteration(engine.nextIterationState()).state
        stale.iteration = 3
        #expect(throws: RefinementError.self) { try engine.maximise(first, context: PreparedIteration(stale)) }
        #expect(throws: RefinementError.self) { try engine.maximise(first, context: prepared) }
        #expect(engine.iteration == 0)
    }
}
