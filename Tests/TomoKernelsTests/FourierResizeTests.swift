import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct FourierResizeTests {
    /// A map band-limited below the coarse Nyquist, cropped from 32³ to 16³ in Fourier space,
    /// equals the map sampled at every second voxel.
    @Test func cropOfBandLimitedMapIsCoarserSampling() {
        let n = 32, m = 16
        var rng = SplitMix64(seed: 31)
        var f = FFT.forward(RealVolume(nx: n, ny: n, nz: n) { _, _, _ in Float(rng.gaussian()) })
        FourierFilter.lowPass(&f, radius: 6, edgeWidth: 0)                   // |k| ≤ 6 < m/2
        // Also zero every component outside the coarse box per axis (|k_i| < m/2).
        let fine = FFT.inverse(f)
        let coarse = FFT.inverse(FourierResize.resize(f, nx: m, ny: m, nz: m))
        var maxErr: Float = 0, maxVal: Float = 0
        for z in 0..<m { for y in 0..<m { for x in 0..<m {
            maxErr = max(maxErr, abs(coarse[x, y, z] - fine[2 * x, 2 * y, 2 * z]))
            maxVal = max(maxVal, abs(fine[2 * x, 2 * y, 2 * z]))
        } } }
        #expect(maxErr < 1e-5 * maxVal * 10, "max error \(maxErr) of \(maxVal)")
    }

    /// Padding then cropping back is the identity; padding keeps the mean.
    @Test func padThenCropIsIdentity() {
        var rng = SplitMix64(seed: 32)
        let v = RealVolume(nx: 9, ny: 8, nz: 7) { _, _, _ in Float(rng.gaussian()) }
        let f = FFT.forward(v)
        let padded = FourierResize.resize(f, nx: 18, ny: 16, nz: 14)
        #expect(padded.data[0] == f.data[0])
        let back = FourierResize.resize(padded, nx: 9, ny: 8, nz: 7)
        // The even y/z Nyquist (+4, +3 of 8, 7 → stored only once) survives the round trip.
        #expect(back == f)
        let big = FourierResize.resample(v, nx: 18, ny: 16, nz: 14)
        #expect(abs(big.mean - v.mean) < 1e-5)
    }
}
