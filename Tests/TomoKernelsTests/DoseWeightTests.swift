import Testing
@testable import TomoKernels

@Suite struct DoseWeightTests {
    @Test func zeroFrequencyWeightIsOne() {
        for dose in [0.0, 3, 40, 120] {
            #expect(DoseWeight.weight(k: 0, dose: dose) == 1)
            #expect(DoseWeight.weight(k: 0, dose: dose, bFactorPerElectronDose: 4) == 1)
        }
    }

    /// Known values from numpy: exp(−N/(2·(0.245·k^−1.665 + 2.81))).
    @Test func grantGrigorieffKnownValues() {
        #expect(abs(DoseWeight.weight(k: 0.1, dose: 10) - 0.7021217681320779) < 1e-12)
        #expect(abs(DoseWeight.weight(k: 0.25, dose: 60) - 0.0033844770557826024) < 1e-14)
        #expect(abs(DoseWeight.criticalExposure(k: 0.1) - (0.245 * 46.238102139926036 + 2.81)) < 1e-9)
    }

    @Test func perElectronBFactorVariant() {
        // exp(−B_e·N·k²/4) = exp(−4·12·0.01/4) = exp(−0.12)
        #expect(abs(DoseWeight.weight(k: 0.1, dose: 12, bFactorPerElectronDose: 4) - 0.8869204367171575) < 1e-12)
    }

    /// Per-tilt images: half layout, 1 at the origin, radially decreasing, lower for higher dose.
    @Test func perTiltImages() {
        let n = 16, px = 1.5, w = n / 2 + 1
        let imgs = DoseWeight.images(size: n, pixelSize: px, doses: [0, 20, 60])
        #expect(imgs.count == 3 && imgs.allSatisfy { $0.count == w * n })
        #expect(imgs[0].allSatisfy { $0 == 1 })
        #expect(imgs[1][0] == 1 && imgs[2][0] == 1)
        let nyquist = Double(imgs[2][n / 2])   // x = 8, y = 0: k = 8/(16·1.5) Å⁻¹
        #expect(abs(nyquist - DoseWeight.weight(k: 1 / 3.0, dose: 60)) < 1e-6)
        for x in 1..<w {
            #expect(imgs[1][x] < imgs[1][x - 1])
            #expect(imgs[2][x] < imgs[1][x])
        }
        // Row y = 15 is ky = −1, same radius as y = 1.
        #expect(imgs[2][3 + w * 15] == imgs[2][3 + w * 1])
    }
}
