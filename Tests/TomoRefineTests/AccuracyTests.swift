import Foundation
import Testing
import TomoCore
import TomoKernels
import TomoRefine
import TomoSimulation

/// The accuracy statement for alignment (K = 1, local searches):
/// "1,000 particles, priors perturbed by σ = 8° and 2 binned pixels, `--sigma_ang 5` at a HEALPix
/// order giving ≤ 3.75° fine step (order 2 + ov 1 for 3 iterations, then order 3 + ov 1),
/// 10 iterations: median angular error ≤ 3°, median offset error ≤ 0.5 binned pixel, and the
/// FSC = 0.5 resolution against the truth within two shells of a reconstruction at the true poses."
///
/// Kept small where the statement allows: 24-pixel binned boxes (16 Å), 11 tilts (−60…60 in 12°
/// steps), E-step to Nyquist (32 Å) as the box allows.
@Suite struct AccuracyTests {
    /// Figures of one run.
    struct Figures {
        var priorAngle = 0.0, priorOffset = 0.0
        var angle = 0.0, offset = 0.0
        var shellRefined = 0.0, shellTrue = 0.0
        var resolutionRefined = 0.0, resolutionTrue = 0.0
    }

    static func run(particles: Int, oversampling: Int, iterations: Int = 10) async throws -> Figures {
        var p = RefineTestData.parameters(particles: particles, seed: 31)
        p.tomogramCount = max(1, particles / 50)
        p.tiltScheme = .doseSymmetric(step: 12)
        p.boxSize = 24
        p.snr = 0.5
        p.angularPriorError = 8
        p.offsetPriorError = 32   // 2 binned pixels (16 Å) per axis
        let sim = try await TiltSeriesSimulation.run(p)
        let data = SimulatedObservations(sim, box: 24)
        let px = data.pixelSize, n = data.observations.count, box = 24.0
        let truthMap = FourierResize.resample(sim.maps[1]!, nx: 24, ny: 24, nz: 24)
        func errors(_ parts: [ParticleObservation]) -> (angle: Double, offset: Double) {
            let a = (0..<n).map { angularDistance(parts[$0].angles.matrix, data.trueAngles[$0].matrix) }
            let o = (0..<n).map { (parts[$0].offset - data.trueOffsets[$0]).norm }
            return (RefineTestData.median(a), RefineTestData.median(o))
        }
        var f = Figures()
        (f.priorAngle, f.priorOffset) = errors(data.observations)
        var truePoses = data.observations
        for i in 0..<n { truePoses[i].angles = data.trueAngles[i]; truePoses[i].offset = data.trueOffsets[i] }
        f.resolutionTrue = RefineTestData.fscResolution(ParticleReconstruction.reconstruct(truePoses), truthMap, pixelSize: px)
        let start = ParticleReconstruction.reconstruct(data.observations)

        var o = RefinementOptions()
        o.initialHighResolution = 60
        o.particleDiameter = 360
        o.healpixOrder = 2
        o.oversampling = oversampling
        o.sigmaAngles = 5
        o.offsetRange = 4
        o.offsetStep = 2
        o.randomSeed = 3
        o.batchSize = 16
        var engine = try ClassificationEngine(particles: data.observations, references: [start], pixelSize: px, options: o)
        for it in 1...iterations {
            if it == 4 { engine.options.healpixOrder = 3; engine.options.offsetRange = 2; engine.options.offsetStep = 1 }
            let t = await seconds { await engine.iterate(workers: 2) }
            let e = errors(engine.particles)
            let h = engine.history.last!
            print("accuracy \(particles) ov \(oversampling) iteration \(it): \(t) s, median errors \(e.angle)°, \(e.offset) px, res \(h.currentResolution) Å, E/M \(h.expectationImageSize)/\(h.currentImageSize), pmax \(h.averagePmax)")
        }
        (f.angle, f.offset) = errors(engine.particles)
        f.resolutionRefined = RefineTestData.fscResolution(engine.classes[0].map, truthMap, pixelSize: px)
        f.shellRefined = box * px / f.resolutionRefined
        f.shellTrue = box * px / f.resolutionTrue
        print("accuracy \(particles) ov \(oversampling): prior \(f.priorAngle)°, \(f.priorOffset) px → \(f.angle)°, \(f.offset) px; FSC0.5 vs truth \(f.resolutionRefined) Å (shell \(f.shellRefined)), true poses \(f.resolutionTrue) Å (shell \(f.shellTrue))")
        return f
    }

    static func check(_ f: Figures) {
        #expect(f.angle <= 3)
        #expect(f.offset <= 0.5)
        #expect(f.shellRefined >= f.shellTrue - 2)
    }

    /// The scale: 1,000 particles, about 35 s on 2 cores. Measured: priors 12.3°, 3.05 px →
    /// 2.71°, 0.44 px; FSC-0.5 shell 12.0 as at the true poses. `STA_ACCURACY_COMPARE=1` adds the
    /// run without oversampling. (300 particles fall just short: 3.24°, 0.39 px.)
    @Test
    func alignmentAccuracy1000() async throws {
        let clock = ContinuousClock(), t0 = clock.now
        Self.check(try await Self.run(particles: 1000, oversampling: 1))
        print("alignmentAccuracy1000: \(clock.now - t0)")
        if ProcessInfo.processInfo.environment["STA_ACCURACY_COMPARE"] == "1" {
            _ = try await Self.run(particles: 1000, oversampling: 0)
        }
    }
}

@Suite struct OversamplingTests {
    /// Without grid perturbation the best pose lies on the grid of the last pass: with
    /// `--oversampling 1` psi is a coarse psi ± Δψ/4 and every offset component moves by an odd
    /// multiple of Δ/4 (sub-translations t ± Δ/4); with `--oversampling 0` on the coarse grid
    /// (psi a multiple of Δψ, offsets multiples of Δ). Pass-1 counts stay ≥ 1.
    @Test func bestPoseLiesOnTheOversampledGrid() async throws {
        let sim = try await RefineTestData.alignment.value
        let data = SimulatedObservations(sim, box: 32)
        let particles = Array(data.observations.prefix(6))
        for ov in [0, 1] {
            var o = RefinementOptions()
            o.iterations = 1
            o.initialHighResolution = 60
            o.particleDiameter = 400
            o.sigmaAngles = 8
            o.offsetRange = 4
            o.offsetStep = 2
            o.perturb = 0
            o.oversampling = ov
            o.strictHighResExpectation = 40
            var engine = try ClassificationEngine(particles: particles, references: [ParticleReconstruction.reconstruct(particles)],
                                                  pixelSize: data.pixelSize, options: o)
            await engine.iterate()
            let psiStep = 15.0
            for (r, p) in zip(engine.results, particles) {
                var psiPhase = (r.angles.psi / psiStep).truncatingRemainder(dividingBy: 1)
                if psiPhase < 0 { psiPhase += 1 }
                #expect(abs(psiPhase - (ov == 1 ? 0.25 : 0)) < 1e-9 || abs(psiPhase - (ov == 1 ? 0.75 : 1)) < 1e-9 || (ov == 0 && psiPhase < 1e-9))
                for d in [r.offset.x - p.offset.x, r.offset.y - p.offset.y, r.offset.z - p.offset.z] {
                    var phase = (d / 2).truncatingRemainder(dividingBy: 1)
                    if phase < 0 { phase += 1 }
                    let expected = ov == 1 ? [0.25, 0.75] : [0.0, 1.0]
                    #expect(expected.contains { abs(phase - $0) < 1e-9 }, "offset step \(d) px, ov \(ov)")
                }
                #expect(r.significantSamples >= 1)
            }
            // Fourier completeness per shell in [0, 1], complete at the lowest shells; local
            // searches record the direction distribution (summing to the class distribution).
            let c = engine.classes[0]
            #expect(c.fourierCompleteness.count == 17 && c.fourierCompleteness.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(c.fourierCompleteness[1] == 1 && c.overallFourierCompleteness > 0 && c.overallFourierCompleteness <= 1)
            #expect(abs(c.directionDistribution.reduce(0, +) - c.distribution) < 1e-9)
        }
    }
}
