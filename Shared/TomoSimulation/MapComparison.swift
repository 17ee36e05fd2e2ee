import TomoCore
import TomoFFT
import TomoKernels

/// A map against a simulation's truth map (`truth/stateN.mrc`), possibly at another pixel size and
/// box: the truth is brought to the map's sampling (Fourier crop or pad when the boxes' physical
/// sizes allow an integer box, trilinear resampling otherwise), then the FSC is taken.
public enum MapComparison {
    /// The FSC of `map` (cubic, `pixelSize` Å) with `truth` (cubic, `truthPixelSize` Å), shells
    /// `0…N/2`, and the resolutions (Å) where it crosses 0.5 and 0.143.
    public static func fsc(map: RealVolume, pixelSize: Double, truth: RealVolume, truthPixelSize: Double)
        -> (curve: [Double], resolution05: Double, resolution0143: Double) {
        let n = map.nx
        let t = resampled(truth, from: truthPixelSize, to: pixelSize, box: n)
        let curve = FSC.curve(FFT.forward(map), FFT.forward(t))
        return (curve, FSC.resolution(curve, threshold: 0.5, boxSize: n, pixelSize: pixelSize),
                FSC.resolution(curve, threshold: 0.143, boxSize: n, pixelSize: pixelSize))
    }

    /// `truth` at `pixelSize` in an `n³` box about its centre.
    static func resampled(_ truth: RealVolume, from truthPixelSize: Double, to pixelSize: Double, box n: Int) -> RealVolume {
        let exact = Double(truth.nx) * truthPixelSize / pixelSize
        let m = Int(exact.rounded())
        guard abs(exact - Double(m)) < 1e-3, m >= 2, m % 2 == 0 else {
            return MapResampling.resample(truth, sourcePixelSize: truthPixelSize, size: n, pixelSize: pixelSize)
        }
        let same = m == truth.nx ? truth : FourierResize.resample(truth, nx: m, ny: m, nz: m)
        if m == n { return same }
        // Crop or pad about the centre voxel (N/2).
        return RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            let sx = x - n / 2 + m / 2, sy = y - n / 2 + m / 2, sz = z - n / 2 + m / 2
            guard (0..<m).contains(sx), (0..<m).contains(sy), (0..<m).contains(sz) else { return 0 }
            return same[sx, sy, sz]
        }
    }
}
