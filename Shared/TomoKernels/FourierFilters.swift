import TomoCore

/// Raised-cosine low- and high-pass filters applied in Fourier space.
///
/// Radius `r` is in Fourier pixels of the x axis (`|k|` for cubic maps; for other shapes
/// `|(kx, ky·nx/ny, kz·nx/nz)|`). A resolution `d` Å at pixel size `px` is radius `nx·px/d`.
/// Edge (RELION's `lowPassFilterMap`): gain 1 for `r ≤ radius − width/2`, 0 for
/// `r ≥ radius + width/2`, `½(1 + cos(π (r − radius + width/2)/width))` between; the high-pass is
/// one minus that. `edgeWidth = 0` gives a hard edge (gain 1 for `r ≤ radius`).
public enum FourierFilter {
    /// Low-pass gain at radius `r`.
    @inlinable public static func lowPassGain(_ r: Double, radius: Double, edgeWidth w: Double) -> Double {
        if w <= 0 { return r <= radius ? 1 : 0 }
        let lo = radius - w / 2
        if r <= lo { return 1 }
        if r >= radius + w / 2 { return 0 }
        return 0.5 * (1 + _cos(Double.pi * (r - lo) / w))
    }

    /// In-place low-pass filter.
    public static func lowPass(_ f: inout FourierVolume, radius: Double, edgeWidth: Double = 2) {
        apply(&f) { lowPassGain($0, radius: radius, edgeWidth: edgeWidth) }
    }
    /// In-place high-pass filter (`1 −` low-pass gain).
    public static func highPass(_ f: inout FourierVolume, radius: Double, edgeWidth: Double = 2) {
        apply(&f) { 1 - lowPassGain($0, radius: radius, edgeWidth: edgeWidth) }
    }
    /// In-place low-pass filter of an image transform.
    public static func lowPass(_ f: inout FourierImage, radius: Double, edgeWidth: Double = 2) {
        var v = f.asVolume; lowPass(&v, radius: radius, edgeWidth: edgeWidth); f = FourierImage(v)
    }
    /// In-place high-pass filter of an image transform.
    public static func highPass(_ f: inout FourierImage, radius: Double, edgeWidth: Double = 2) {
        var v = f.asVolume; highPass(&v, radius: radius, edgeWidth: edgeWidth); f = FourierImage(v)
    }

    /// Multiplies every element by `gain(radius)`.
    public static func apply(_ f: inout FourierVolume, gain: (Double) -> Double) {
        let (nx, ny, nz) = (f.nx, f.ny, f.nz)
        f.data.withUnsafeMutableBufferPointer { d in
            forEachFrequency(nx: nx, ny: ny, nz: nz) { i, kx, ky, kz in
                d[i] *= Float(gain(frequencyRadius(kx, ky, kz, nx: nx, ny: ny, nz: nz)))
            }
        }
    }
}
