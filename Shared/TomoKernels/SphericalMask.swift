import TomoCore

/// Soft spherical masks in real space (RELION's `softMaskOutsideMap` shape).
///
/// Distance `r` (pixels) from the centre voxel `n/2`: value 1 for `r ≤ radius`, 0 for
/// `r ≥ radius + edgeWidth`, `½(1 + cos(π (r − radius)/edgeWidth))` between.
public enum SphericalMask {
    /// Mask value at distance `r`.
    @inlinable public static func value(_ r: Double, radius: Double, edgeWidth: Double) -> Float {
        if r <= radius { return 1 }
        if edgeWidth <= 0 || r >= radius + edgeWidth { return 0 }
        return Float(0.5 * (1 + _cos(Double.pi * (r - radius) / edgeWidth)))
    }

    /// A mask volume of `nx×ny×nz`.
    public static func make(nx: Int, ny: Int, nz: Int, radius: Double, edgeWidth: Double) -> RealVolume {
        let (cx, cy, cz) = (nx / 2, ny / 2, nz / 2)
        return RealVolume(nx: nx, ny: ny, nz: nz) { x, y, z in
            let dx = Double(x - cx), dy = Double(y - cy), dz = Double(z - cz)
            return value((dx * dx + dy * dy + dz * dz).squareRoot(), radius: radius, edgeWidth: edgeWidth)
        }
    }

    /// Applies the mask in place: `v ← m·v + (1 − m)·background`.
    public static func apply(_ v: inout RealVolume, radius: Double, edgeWidth: Double, background: Float = 0) {
        let m = make(nx: v.nx, ny: v.ny, nz: v.nz, radius: radius, edgeWidth: edgeWidth)
        for i in 0..<v.count { v.data[i] = m.data[i] * v.data[i] + (1 - m.data[i]) * background }
    }

    /// Applies a circular mask to an image in place (the 2D case of ``apply(_:radius:edgeWidth:background:)``).
    public static func apply(_ image: inout RealImage, radius: Double, edgeWidth: Double, background: Float = 0) {
        var v = image.asVolume
        let (cx, cy) = (image.nx / 2, image.ny / 2)
        for y in 0..<image.ny { for x in 0..<image.nx {
            let dx = Double(x - cx), dy = Double(y - cy)
            let m = value((dx * dx + dy * dy).squareRoot(), radius: radius, edgeWidth: edgeWidth)
            v[x, y, 0] = m * v[x, y, 0] + (1 - m) * background
        } }
        image = RealImage(v)
    }
}
