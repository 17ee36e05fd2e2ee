import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct CrossCorrelationTests {
    static func blobImage(_ n: Int) -> RealImage {
        RealImage(nx: n, ny: n) { x, y in
            let dx = Double(x - n / 2), dy = Double(y - n / 2)
            return Float(_exp(-(dx * dx + dy * dy) / 8) + 0.5 * _exp(-((dx - 4) * (dx - 4) + (dy + 3) * (dy + 3)) / 4))
        }
    }

    /// The CC peak finds a known sub-pixel shift within 0.1 px (2D and 3D). The 3-point fit on
    /// the map alone is biased by the peak shape (a sum of Gaussians of different widths here);
    /// the Fourier-series Newton refinement is not.
    @Test(arguments: [(2.3, -1.7), (-0.4, 0.45), (5.0, 3.0)]) func peakFindsSubPixelShift2D(shift: (Double, Double)) {
        let b = Self.blobImage(32)
        let a = FFT.inverse(FourierShift.shifted(FFT.forward(b), sx: shift.0, sy: shift.1))
        let p = CrossCorrelation.refinedPeak(FFT.forward(a).asVolume, FFT.forward(b).asVolume)
        #expect(abs(p.x - shift.0) < 0.1 && abs(p.y - shift.1) < 0.1, "found \(p) for \(shift)")
        let coarse = CrossCorrelation.peak(CrossCorrelation.map(a, b))
        #expect(abs(coarse.x - shift.0) < 0.25 && abs(coarse.y - shift.1) < 0.25, "3-point fit (\(coarse.x), \(coarse.y))")
    }

    @Test func peakFindsSubPixelShift3D() {
        let n = 20
        let b = RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            let d = Vector3(Double(x - 10), Double(y - 9), Double(z - 11))
            return Float(_exp(-d.dot(d) / 6))
        }
        let s = Vector3(1.35, -2.2, 0.7)
        let a = FFT.inverse(FourierShift.shifted(FFT.forward(b), by: s))
        let p = CrossCorrelation.refinedPeak(FFT.forward(a), FFT.forward(b))
        #expect((p - s).norm < 0.1, "found \(p) for \(s)")
        #expect((CrossCorrelation.peak(CrossCorrelation.map(a, b)).shift - s).norm < 0.25)
        // The CC value at zero lag of a map with itself is its mean square.
        let self0 = CrossCorrelation.map(b, b)[n / 2, n / 2, n / 2]
        let ms = b.data.reduce(0.0) { $0 + Double($1 * $1) } / Double(b.count)
        #expect(abs(Double(self0) - ms) < 1e-5)
    }
}
