import TomoCore
import TomoFFT

/// Cross-correlation maps computed in Fourier space, and sub-pixel peak search.
///
/// `cc(s) = (1/N) Σ_x a(x + s)·b(x)` (circular), stored **centred**: zero shift at voxel `n/2`
/// per axis, so the peak of `a` = `b` moved by `+s` pixels lies at `n/2 + s`.
public enum CrossCorrelation {
    /// Centred cross-correlation map of two volumes of the same size.
    /// - Precondition: same sizes.
    public static func map(_ a: RealVolume, _ b: RealVolume, options: FFTOptions = .default) -> RealVolume {
        precondition(a.nx == b.nx && a.ny == b.ny && a.nz == b.nz, "CrossCorrelation.map: sizes differ")
        return map(FFT.forward(a, options: options), FFT.forward(b, options: options), options: options)
    }

    /// Centred cross-correlation map from two transforms: inverse of `A·conj(B)`, shifted so
    /// zero shift is at `n/2`.
    public static func map(_ fa: FourierVolume, _ fb: FourierVolume, options: FFTOptions = .default) -> RealVolume {
        precondition(fa.nx == fb.nx && fa.ny == fb.ny && fa.nz == fb.nz, "CrossCorrelation.map: sizes differ")
        var prod = fa
        for i in 0..<prod.count { prod.data[i] = fa.data[i] * fb.data[i].conjugate }
        let c = FFT.inverse(prod, options: options)
        var out = RealVolume(nx: c.nx, ny: c.ny, nz: c.nz)
        let (cx, cy, cz) = out.centre
        for z in 0..<c.nz { for y in 0..<c.ny { for x in 0..<c.nx {
            out[(x + cx) % c.nx, (y + cy) % c.ny, (z + cz) % c.nz] = c[x, y, z]
        } } }
        return out
    }

    /// Centred cross-correlation map of two images.
    public static func map(_ a: RealImage, _ b: RealImage) -> RealImage {
        RealImage(map(a.asVolume, b.asVolume))
    }

    /// The peak of a centred CC map: the shift (pixels, relative to the centre `n/2`) refined by
    /// a 3-point fit per axis (neighbours wrap): a parabola through the logarithms (exact for
    /// Gaussian peaks) when the three values are positive, else through the values; and the
    /// map maximum.
    public static func peak(_ map: RealVolume) -> (shift: Vector3, value: Float) {
        var best = 0
        for i in 1..<map.count where map.data[i] > map.data[best] { best = i }
        let x = best % map.nx, y = (best / map.nx) % map.ny, z = best / (map.nx * map.ny)
        func refine(_ m: Float, _ p: Float, _ c: Float) -> Double {
            // Gaussian (log-parabolic) fit when all three are positive, else plain parabolic.
            var (dm, dc, dp) = (Double(m), Double(c), Double(p))
            if m > 0 && c > 0 && p > 0 { dm = _log(dm); dc = _log(dc); dp = _log(dp) }
            let den = dm - 2 * dc + dp
            guard den < 0 else { return 0 }
            return max(-0.5, min(0.5, 0.5 * (dm - dp) / den))
        }
        let c = map.data[best]
        var s = Vector3(Double(x - map.nx / 2), Double(y - map.ny / 2), Double(z - map.nz / 2))
        if map.nx > 2 { s.x += refine(map[(x + map.nx - 1) % map.nx, y, z], map[(x + 1) % map.nx, y, z], c) }
        if map.ny > 2 { s.y += refine(map[x, (y + map.ny - 1) % map.ny, z], map[x, (y + 1) % map.ny, z], c) }
        if map.nz > 2 { s.z += refine(map[x, y, (z + map.nz - 1) % map.nz], map[x, y, (z + 1) % map.nz], c) }
        return (s, c)
    }

    /// The peak of a centred 2D CC map: shift `(x, y)` in pixels relative to `n/2` and the maximum.
    public static func peak(_ map: RealImage) -> (x: Double, y: Double, value: Float) {
        let p = peak(map.asVolume)
        return (p.shift.x, p.shift.y, p.value)
    }
}
