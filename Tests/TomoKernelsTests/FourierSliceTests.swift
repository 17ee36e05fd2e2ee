import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct FourierSliceTests {
    /// Acceptance: a slice extracted in Fourier space matches the FFT of the real-space projection
    /// (Σ_z) of the volume rotated in real space, correlation ≥ 0.99 up to 0.8 × Nyquist.
    @Test func sliceMatchesRealSpaceProjectionOfRotatedVolume() {
        let n = 32
        let v = FourierTestSupport.phantom(n, seed: 3, blobs: 24, sigma: 1.5...3.0, extent: 0.55)
        let ref = PaddedFourierReference(v)
        let angles = [EulerAngles(rot: 0, tilt: 0, psi: 0), EulerAngles(rot: 30, tilt: 40, psi: 50),
                      EulerAngles(rot: -110, tilt: 75, psi: 12), EulerAngles(rot: 200, tilt: 130, psi: -70)]
        for e in angles {
            let a = e.matrix
            let projection = FourierTestSupport.projectZ(FourierTestSupport.rotateRealSpace(v, a))
            let expected = FFT.forward(projection)
            let slice = ref.extractSlice(rotation: a)
            let cc = FourierTestSupport.correlation(slice, expected, maxRadius: 0.8 * Double(n) / 2)
            #expect(cc >= 0.99, "correlation \(cc) at \(e)")
            // Amplitude scale agrees too (the slice is the transform of Σ_z, divided by n²), up
            // to the known gridding bias of trilinear interpolation at grid nodes (DC), which
            // shrinks with padding.
            let ratio = Double(slice.data[0].re) / Double(expected.data[0].re)
            #expect(abs(ratio - 1) < 0.07, "DC ratio \(ratio) at \(e)")
            let slice4 = PaddedFourierReference(v, padding: 4).extractSlice(rotation: a)
            let ratio4 = Double(slice4.data[0].re) / Double(expected.data[0].re)
            #expect(abs(ratio4 - 1) < 0.02, "DC ratio \(ratio4) at \(e), padding 4")
            print("slice vs projection \(e): cc \(cc), DC ratio pad2 \(ratio) pad4 \(ratio4)")
        }
    }

    /// At the identity the slice is the kz = 0 plane of the 3D transform times n (exact up to
    /// the gridding round trip), and odd sizes work.
    @Test(arguments: [16, 15]) func identitySliceIsCentralPlane(n: Int) {
        let v = FourierTestSupport.phantom(n, seed: 4, blobs: 12, sigma: 1.2...2.5, extent: 0.5)
        let f = FFT.forward(v)
        let slice = PaddedFourierReference(v).extractSlice(rotation: .identity)
        let plane = FourierImage(nx: n, ny: n, data: (0..<(n / 2 + 1) * n).map { Float(n) * f.data[$0] })
        let cc = FourierTestSupport.correlation(slice, plane, maxRadius: Double(n) / 2 * 0.9)
        #expect(cc > 0.999, "identity slice correlation \(cc)")
    }

    /// Friedel: the slice through A rotated 180° about z is the conjugate-mirrored slice.
    @Test func friedelSymmetryOfNegativeKx() {
        let n = 16
        let v = FourierTestSupport.phantom(n, seed: 5, blobs: 10, sigma: 1.0...2.0, extent: 0.5)
        let ref = PaddedFourierReference(v)
        let a = EulerAngles(rot: 20, tilt: 60, psi: 10).matrix
        let s = ref.extractSlice(rotation: a)
        let s180 = ref.extractSlice(rotation: Matrix3.rotationZ(degrees: 180) * a)
        // Pixel (kx, ky) of s180 samples Aᵀ(−kx, −ky, 0), so it is conj s(kx, ky) (the centring
        // phase (−1)^(kx+ky) is real and common to both).
        var maxDiff: Float = 0
        for y in 0..<n { for x in 0...(n / 2) {
            maxDiff = max(maxDiff, (s180[x, y] - s[x, y].conjugate).magnitude)
        } }
        #expect(maxDiff < 1e-4, "max |s180 − conj s| = \(maxDiff)")
    }

    /// 3D extraction equals the transform of the real-space rotated (smooth) volume.
    @Test func rotatedVolumeMatchesRealSpaceRotation() {
        let n = 24
        let v = FourierTestSupport.phantom(n, seed: 6, blobs: 16, sigma: 1.6...3.0, extent: 0.5)
        let a = EulerAngles(rot: 35, tilt: 70, psi: -20).matrix
        let got = PaddedFourierReference(v).extractVolume(rotation: a)
        let expected = FFT.forward(FourierTestSupport.rotateRealSpace(v, a))
        // Real-space trilinear rotation itself blurs the (tiny) high-frequency content, so the
        // per-shell check stops at 0.4 Nyquist; the whole band up to 0.8 Nyquist is checked as
        // one correlation, as for slices.
        let fsc = FSC.curve(got, expected)
        let minimum = fsc[1...Int(0.4 * Double(n / 2))].min()!
        #expect(minimum > 0.99, "FSC up to 0.4 Nyquist, minimum \(minimum), curve \(fsc)")
        let cc = FourierTestSupport.correlation(got, expected, maxRadius: 0.8 * Double(n / 2))
        #expect(cc > 0.99, "correlation up to 0.8 Nyquist \(cc)")
    }
}
