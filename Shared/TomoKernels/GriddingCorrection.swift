import TomoCore

/// Real-space gridding correction for trilinear interpolation in a padded Fourier grid
/// (RELION §10.3): trilinear interpolation multiplies real space by `sinc²(π r / P)`, where `r` is
/// the distance (pixels) from the box centre `n/2` and `P = padding·n` the padded box.
public enum GriddingCorrection {
    /// `sinc²(π r / P)` with `sinc(x) = sin x / x`.
    @inlinable public static func sincSquared(radius r: Double, paddedSize p: Int) -> Double {
        if r == 0 { return 1 }
        let a = Double.pi * r / Double(p)
        let s = _sin(a) / a
        return s * s
    }

    /// Divides every voxel by `sinc²(π r / paddedSize)` (r from the centre voxel `n/2`).
    public static func divide(_ v: inout RealVolume, paddedSize: Int) {
        let (cx, cy, cz) = v.centre
        var i = 0
        for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx {
            let dx = Double(x - cx), dy = Double(y - cy), dz = Double(z - cz)
            let r = (dx * dx + dy * dy + dz * dz).squareRoot()
            v.data[i] = Float(Double(v.data[i]) / sincSquared(radius: r, paddedSize: paddedSize))
            i += 1
        } } }
    }
}
