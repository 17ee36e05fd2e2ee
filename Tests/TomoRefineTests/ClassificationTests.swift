import Testing
import TomoCore
import TomoKernels
import TomoRefine
import TomoSimulation

@Suite struct ClassificationTests {
    /// Class–state agreement: every class is labelled with the state most of its particles have;
    /// returns the fraction of non-junk particles in a class labelled with their own state, and
    /// the fraction of junk gathered in the junk's majority class.
    static func agreement(states: [Int], classes: [Int], k: Int) -> (good: Double, junk: Double, junkClass: Int) {
        var counts = Array(repeating: [0, 0, 0], count: k + 1)
        for (s, c) in zip(states, classes) { counts[c][s] += 1 }
        let label = counts.map { $0[1] >= $0[2] ? 1 : 2 }
        let good = zip(states, classes).filter { $0.0 != 0 }
        let right = good.filter { label[$0.1] == $0.0 }.count
        let junkCounts = (1...k).map { counts[$0][0] }
        let junkClass = junkCounts.firstIndex(of: junkCounts.max()!)! + 1
        let junkTotal = max(1, junkCounts.reduce(0, +))
        return (Double(right) / Double(max(1, good.count)), Double(junkCounts.max()!) / Double(junkTotal), junkClass)
    }

    /// `skip_align`, K = 3, from one consensus reference: a 50/50 mixture of two states (the
    /// second lacks a 30 % factor domain) plus 10 % junk, at true poses. Small debug-sized version
    /// (120 particles, 13 tilts); the full-size version is in `runRefineBenchmark`.
    @Test func separatesStatesWithoutAlignment() async throws {
        var p = RefineTestData.parameters(particles: 120, seed: 21)
        p.tiltScheme = .doseSymmetric(step: 10)
        p.snr = 1
        p.secondStateFraction = 0.5
        p.junkFraction = 0.1
        p.factorFraction = 0.3
        let sim = try await TiltSeriesSimulation.run(p)
        let data = SimulatedObservations(sim, box: 32, usePriors: false)
        let consensus = ParticleReconstruction.reconstruct(data.observations)
        var o = RefinementOptions()
        o.classCount = 3
        o.skipAlign = true
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.randomSeed = 7
        var engine = try ClassificationEngine(particles: data.observations, references: [consensus],
                                              pixelSize: data.pixelSize, options: o)
        var t = 0.0
        for _ in 0..<6 {
            t += await seconds { await engine.iterate(workers: 2) }
            let h = engine.history.last!
            let a = Self.agreement(states: data.states, classes: engine.particles.map(\.classNumber), k: 3)
            print("iteration \(h.iteration): right \(a.good), junk together \(a.junk), dClasses \(h.changesClasses), distribution \(engine.classes.map(\.distribution)), res \(h.currentResolution) Å")
        }
        let a = Self.agreement(states: data.states, classes: engine.particles.map(\.classNumber), k: 3)
        print("classification: \(a.good) right, junk in class \(a.junkClass): \(a.junk); \(t) s for 6 iterations")
        #expect(a.good >= 0.95)
        #expect(a.junk >= 0.9)
    }
}
