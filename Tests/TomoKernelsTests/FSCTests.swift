import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct FSCTests {
    static func noise(_ n: Int, seed: UInt64) -> RealVolume {
        var rng = SplitMix64(seed: seed)
        return RealVolume(nx: n, ny: n, nz: n) { _, _, _ in Float(rng.gaussian()) }
    }

    @Test func mapWithItselfIsOneAtEveryShell() {
        let f = FFT.forward(Self.noise(20, seed: 1))
        let fsc = FSC.curve(f, f)
        #expect(fsc.count == 11)
        for (s, v) in fsc.enumerated() { #expect(abs(v - 1) < 1e-9, "shell \(s): \(v)") }
    }

    /// Independent noise (4 pairs of 32³ maps): every shell's |FSC| < 3/√(shell voxels), and the
    /// mean of |FSC|·√(shell voxels) is near √(2/π) ≈ 0.80, the expectation for a unit normal.
    @Test func independentNoiseMapsAreUncorrelated() {
        let n = 32
        let counts = RadialAverage.shellVoxelCounts(nx: n, ny: n, nz: n)
        var scaled: [Double] = []
        for pair in 0..<4 {
            let a = FFT.forward(Self.noise(n, seed: UInt64(2 + 2 * pair)))
            let b = FFT.forward(Self.noise(n, seed: UInt64(3 + 2 * pair)))
            let fsc = FSC.curve(a, b)
            for s in 1..<fsc.count {
                let bound = 3 / counts[s].squareRoot()
                #expect(abs(fsc[s]) < bound, "pair \(pair) shell \(s): |FSC| \(abs(fsc[s])) ≥ \(bound)")
                scaled.append(abs(fsc[s]) * counts[s].squareRoot())
            }
        }
        let mean = scaled.reduce(0, +) / Double(scaled.count)
        #expect(mean > 0.6 && mean < 1.0, "mean |FSC|·√n = \(mean)")
    }

    @Test func shellVoxelCountsCoverTheSphere() {
        let c = RadialAverage.shellVoxelCounts(nx: 16, ny: 16, nz: 16)
        #expect(c[0] == 1)
        #expect(c[1] == 6 + 12 + 8 - 8)   // |k| rounds to 1 for |k|² ∈ {1, 2}: 6 + 12
        // Shell s holds about 4πs² voxels.
        #expect(abs(c[6] / (4 * .pi * 36) - 1) < 0.1)
    }

    /// Synthetic curve: FSC(s) = 1 − s/20 crosses 0.5 at s = 10 and 0.143 at 17.14.
    @Test func resolutionInterpolatesBetweenShells() {
        let fsc = (0...32).map { max(0, 1 - Double($0) / 20) }
        let s05 = FSC.crossingShell(fsc, threshold: 0.5)!
        #expect(abs(s05 - 10) < 1e-9)
        let s0143 = FSC.crossingShell(fsc, threshold: 0.143)!
        #expect(abs(s0143 - 17.14) < 1e-9)
        let res = FSC.resolution(fsc, threshold: 0.143, boxSize: 64, pixelSize: 1.5)
        #expect(abs(res - 64 * 1.5 / 17.14) < 1e-9)
        // A curve with a step between shells 5 (0.9) and 6 (0.1): 0.5 at 5.5.
        let step = [1, 1, 1, 1, 1, 0.9, 0.1, 0.05]
        #expect(abs(FSC.crossingShell(step, threshold: 0.5)! - 5.5) < 1e-12)
        // Never below: Nyquist.
        #expect(FSC.resolution([1, 1, 1, 1, 1], threshold: 0.143, boxSize: 8, pixelSize: 2) == 4)
    }
}
