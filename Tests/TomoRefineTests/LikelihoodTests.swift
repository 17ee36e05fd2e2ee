import Testing
import TomoCore
import TomoFFT
import TomoKernels
@testable import TomoRefine

@Suite struct LikelihoodTests {
    /// Pure-noise stacks (real-space σ = 1.5, `C = 1`) against a zero reference: the initial σ²
    /// and the σ² after one iteration both match the per-component variance of the transform,
    /// `σ_r²/(2N²)`, in every shell 1…N/2.
    @Test func sigma2FromPureNoise() async throws {
        let n = 24, sigmaReal = 1.5
        var rng = SplitMix64(seed: 5)
        var particles: [ParticleObservation] = []
        for _ in 0..<40 {
            var tilts: [TiltImage] = []
            for j in 0..<5 {
                let image = RealImage(nx: n, ny: n) { _, _ in Float(sigmaReal * rng.gaussian()) }
                tilts.append(TiltImage(data: FFT.forward(image), ctfSquared: Array(repeating: 1, count: (n / 2 + 1) * n),
                                       rotation: Matrix3.rotationY(degrees: Double(j - 2) * 20), dose: 0))
            }
            particles.append(ParticleObservation(data: .stack(tilts), angles: EulerAngles(rot: rng.uniform(0, 360), tilt: 90, psi: 0)))
        }
        var o = RefinementOptions()
        o.skipAlign = true
        o.flattenSolvent = false
        o.particlesForInitialNoise = 40
        var engine = try ClassificationEngine(particles: particles, references: [RealVolume(cube: n)], pixelSize: 10, options: o)
        let expected = sigmaReal * sigmaReal / Double(2 * n * n)
        let initial = engine.sigma2[0]
        await engine.iterate()
        let updated = engine.sigma2[0]
        var worst = 0.0
        for s in 1...(n / 2) {
            worst = max(worst, abs(initial[s] / expected - 1), abs(updated[s] / expected - 1))
        }
        print("σ² relative error, worst shell: \(worst); shell 6: initial \(initial[6] / expected), updated \(updated[6] / expected)")
        #expect(worst < 0.12)
        let mean = (1...(n / 2)).map { updated[$0] / expected }.reduce(0, +) / Double(n / 2)
        #expect(abs(mean - 1) < 0.03, "mean ratio \(mean)")
    }

    /// The significant set holds at least `adaptive_fraction` of the total weight, and is the
    /// smallest such set of largest weights.
    @Test func pruningKeepsTheAdaptiveFraction() {
        var rng = SplitMix64(seed: 9)
        for fraction in [0.5, 0.9, 0.999] {
            let w = (0..<500).map { _ in _exp(-8 * rng.uniform(0, 1)) }
            let threshold = ExpectationStep.significanceThreshold(w, fraction: fraction)
            let total = w.reduce(0, +)
            let kept = w.filter { $0 >= threshold }
            let keptFraction = kept.reduce(0, +) / total
            let withoutSmallest = keptFraction - threshold / total
            #expect(keptFraction >= fraction, "fraction \(fraction): kept \(keptFraction)")
            #expect(withoutSmallest < fraction, "fraction \(fraction): set is not minimal")
        }
    }

    /// τ² regularisation (§5.4): with `1/(u·T·τ²)` equal to the mean weight of a shell the
    /// amplitudes of shells ≥ 5 are about halved, shells below 5 are untouched, and a huge τ²
    /// reproduces the unregularised map.
    @Test func tau2RegularisationShrinksByWeightOverWeightPlusPrior() {
        let n = 16
        var rng = SplitMix64(seed: 3)
        let map = RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            let r2 = Double((x - 8) * (x - 8) + (y - 8) * (y - 8) + (z - 8) * (z - 8))
            return r2 < 25 ? Float(1 + 0.5 * rng.gaussian()) : 0
        }
        let ref = PaddedFourierReference(map)
        var bp = BackProjector(size: n)
        for i in 0..<60 {
            let a = EulerAngles(rot: Double(i) * 37, tilt: Double(i * 53 % 180), psi: Double(i) * 11).matrix
            bp.insert(volume: ref.extractVolume(rotation: a), rotation: a)
        }
        let meanWeight = MapReconstruction.shellMeanWeight(bp)
        let huge = [Double](repeating: 1e30, count: n / 2 + 1)
        let halving = meanWeight.map { $0 > 0 ? 1 / $0 : 0 }
        let free = MapReconstruction.reconstruct(bp, tau2: huge, fudge: 1, unitFactor: 1).map
        let shrunk = MapReconstruction.reconstruct(bp, tau2: halving, fudge: 1, unitFactor: 1)
        let pFree = RadialAverage.amplitude(FFT.forward(free)), pShrunk = RadialAverage.amplitude(FFT.forward(shrunk.map))
        let ratios = (1...7).map { pShrunk[$0] / pFree[$0] }
        print("amplitude ratio regularised/free per shell 1…7: \(ratios)")
        for s in 1...3 { #expect(abs(ratios[s - 1] - 1) < 0.05, "shell \(s): \(ratios[s - 1])") }
        for s in 6...7 { #expect(abs(ratios[s - 1] - 0.5) < 0.12, "shell \(s): \(ratios[s - 1])") }
        // SSNR = weight·u·T·τ² averages to ≈ 1 where τ² = 1/⟨W⟩ (x = 0 plane symmetrised first).
        #expect(abs(shrunk.ssnr[6] - 1) < 0.1, "SSNR shell 6: \(shrunk.ssnr[6])")
        let unregularised = bp.reconstruct(.shellFraction(0.001))
        let diff = zip(free.data, unregularised.data).map { abs(Double($0 - $1)) }.max()!
        #expect(diff < 1e-4, "max difference to BackProjector.reconstruct: \(diff)")
    }
}
