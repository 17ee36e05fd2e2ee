import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct FourierShiftTests {
    /// A Fourier shift by whole pixels equals the circular shift `v'(x) = v(x − s)`, for odd and
    /// even sizes.
    @Test(arguments: [(8, 8, 8), (7, 6, 5)]) func integerShiftIsCircularShift(size: (Int, Int, Int)) {
        var rng = SplitMix64(seed: 9)
        let v = RealVolume(nx: size.0, ny: size.1, nz: size.2) { _, _, _ in Float(rng.gaussian()) }
        let s = (3, -2, 1)
        let shifted = FFT.inverse(FourierShift.shifted(FFT.forward(v), by: Vector3(Double(s.0), Double(s.1), Double(s.2))))
        var maxErr: Float = 0
        for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx {
            let src = v[(x - s.0 + 2 * v.nx) % v.nx, (y - s.1 + 2 * v.ny) % v.ny, (z - s.2 + 2 * v.nz) % v.nz]
            maxErr = max(maxErr, abs(shifted[x, y, z] - src))
        } } }
        #expect(maxErr < 1e-5, "max error \(maxErr)")
    }

    @Test func twoDimensionalShiftAndBack() {
        var rng = SplitMix64(seed: 10)
        let im = RealImage(nx: 12, ny: 10) { _, _ in Float(rng.gaussian()) }
        let f = FFT.forward(im)
        let there = FourierShift.shifted(f, sx: 1.3, sy: -0.6)
        let back = FFT.inverse(FourierShift.shifted(there, sx: -1.3, sy: 0.6))
        let err = zip(back.data, im.data).map { abs($0 - $1) }.max()!
        #expect(err < 1e-5)
        let whole = FFT.inverse(FourierShift.shifted(f, sx: 2, sy: 0))
        #expect(abs(whole[5, 3] - im[3, 3]) < 1e-5)
    }
}
