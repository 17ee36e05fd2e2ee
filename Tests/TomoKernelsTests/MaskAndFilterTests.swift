import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct MaskAndFilterTests {
    @Test func softSphericalMaskProfile() {
        let m = SphericalMask.make(nx: 32, ny: 32, nz: 32, radius: 8, edgeWidth: 4)
        #expect(m[16, 16, 16] == 1)
        #expect(m[16 + 8, 16, 16] == 1)
        #expect(abs(m[16 + 10, 16, 16] - 0.5) < 1e-6)       // half-way through the edge
        #expect(m[16 + 12, 16, 16] == 0)
        #expect(m[0, 0, 0] == 0)
        // Volume of the mask ≈ ∫ profile 4πr² dr.
        let total = m.data.reduce(0.0) { $0 + Double($1) }
        var expected = 4.0 / 3 * .pi * 512
        var r = 8.0
        while r < 12 { expected += 4 * .pi * (r + 0.005) * (r + 0.005) * 0.01 * Double(SphericalMask.value(r + 0.005, radius: 8, edgeWidth: 4)); r += 0.01 }
        #expect(abs(total / expected - 1) < 0.02, "mask sum \(total), expected \(expected)")
    }

    @Test func raisedCosineLowAndHighPassAreComplementary() {
        var rng = SplitMix64(seed: 41)
        let f = FFT.forward(RealVolume(nx: 16, ny: 16, nz: 16) { _, _, _ in Float(rng.gaussian()) })
        var lo = f, hi = f
        FourierFilter.lowPass(&lo, radius: 5, edgeWidth: 2)
        FourierFilter.highPass(&hi, radius: 5, edgeWidth: 2)
        for i in 0..<f.count { #expect((lo.data[i] + hi.data[i] - f.data[i]).magnitude < 1e-6) }
        let p = RadialAverage.power(lo), p0 = RadialAverage.power(f)
        #expect(abs(p[3] / p0[3] - 1) < 1e-6)          // r ≤ 4: passed
        #expect(p[7] == 0)                               // r ≥ 6: removed
        #expect(abs(FourierFilter.lowPassGain(5, radius: 5, edgeWidth: 2) - 0.5) < 1e-12)
    }
}
