import Foundation
import Testing
import TomoCore
import TomoTesting
@testable import TomoSimulation

@Suite struct SimulationTests {
    static func small(seed: UInt64 = 3) -> SimulationParameters {
        var p = SimulationParameters()
        p.particleCount = 16
        p.pixelSize = 10
        p.imageSize = 256
        p.tomogramThickness = 50
        p.boxSize = 40
        p.tiltScheme = .doseSymmetric(step: 10)
        p.seed = seed
        return p
    }

    @Test func sameSeedSameDatasetOtherSeedOther() async throws {
        let a = try await TiltSeriesSimulation.run(Self.small())
        let b = try await TiltSeriesSimulation.run(Self.small())
        let c = try await TiltSeriesSimulation.run(Self.small(seed: 4))
        #expect(a.frames == b.frames)
        #expect(a.dataset.particles == b.dataset.particles)
        #expect(a.frames != c.frames)
    }

    @Test func doseSymmetricSchemeOrderAndCounts() {
        let s = TiltScheme.doseSymmetric(minimum: -60, maximum: 60, step: 3, groupSize: 2, dosePerTilt: 3)
        #expect(s.angles.count == 41)
        #expect(Array(s.angles.prefix(7)) == [0, 3, 6, -3, -6, 9, 12])
        #expect(Set(s.angles).count == 41 && s.angles.min() == -60 && s.angles.max() == 60)
        #expect(s.preExposures[10] == 30)
    }

    @Test func noiseIsCalibratedToTheRequestedSNR() async throws {
        var p = Self.small()
        let clean = try await TiltSeriesSimulation.run(p)
        p.snr = 0.05
        let noisy = try await TiltSeriesSimulation.run(p)
        #expect(noisy.noiseSigma > 0)
        var diff = 0.0, n = 0
        for (x, y) in zip(noisy.frames[0][5], clean.frames[0][5]) { let d = Double(x - y); diff += d * d; n += 1 }
        let measured = (diff / Double(n)).squareRoot()
        #expect(abs(measured / noisy.noiseSigma - 1) < 0.02, "noise std \(measured) vs σ \(noisy.noiseSigma)")
    }

    @Test func statesJunkAndPriorsAreAsConfigured() async throws {
        var p = Self.small()
        p.particleCount = 40
        p.imageSize = 384
        p.tomogramCount = 2
        p.secondStateFraction = 0.5
        p.junkFraction = 0.1
        p.angularPriorError = 6
        p.offsetPriorError = 10
        let d = try SimulatedDataset(p)
        #expect(d.particles.filter { $0.state == 0 }.count == 4)
        #expect(d.particles.filter { $0.state == 2 }.count == 18)
        #expect(d.particles.filter { $0.state == 1 }.count == 18)
        let errors = d.particles.map { angularDistance($0.truth.totalMatrix, $0.prior.totalMatrix) }.sorted()
        let median = errors[errors.count / 2]
        // Rotation angle of a 3D Gaussian rotation vector with σ per axis: median ≈ 1.54 σ.
        #expect(median > 6 && median < 15, "median prior error \(median)°")
        let phantom = PseudoAtomicPhantom(seed: 1, factorFraction: 0.15)
        #expect(phantom.factorMassFraction >= 0.10)
        #expect(phantom.withoutFactor.factorMassFraction == 0)
    }

    @Test func tooManyParticlesForTheTomogramIsAClearError() {
        var p = Self.small()
        p.particleCount = 5000
        #expect(throws: SimulationError.self) { try SimulatedDataset(p) }
    }

    @Test func writesAProjectOurReadersAndStarfileRead() async throws {
        var p = Self.small()
        p.secondStateFraction = 0.5
        let sim = try await TiltSeriesSimulation.run(p)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sta-sim-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ProjectWriter.write(sim, to: dir)
        for f in ["tomograms.star", "particles.star", "optimisation_set.star", "tilt_series/TS_01.star",
                  "tilt_series/TS_01.mrcs", "truth/state1.mrc", "truth/state2.mrc", "truth/truth.star", "truth/simulation.star"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + f), "missing \(f)")
        }
        if InteropPython.isAvailable {
            let out = try InteropPython.run("""
            import sys, starfile, mrcfile
            d = sys.argv[1]
            t = starfile.read(d + '/tomograms.star')
            ts = starfile.read(d + '/tilt_series/TS_01.star')
            p = starfile.read(d + '/particles.star')['particles']
            m = mrcfile.open(d + '/tilt_series/TS_01.mrcs', permissive=False)
            ok = mrcfile.validate(d + '/truth/state1.mrc', print_file=open('/dev/null', 'w'))
            print(len(t), len(ts), len(p), m.data.shape[0], round(float(m.voxel_size.x), 3), ok)
            """, arguments: [dir])
            #expect(out.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "1 \(p.tiltScheme.angles.count) \(p.particleCount) \(p.tiltScheme.angles.count) 10.0 True")
        }
    }
}
