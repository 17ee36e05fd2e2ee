import TomoCore

/// Real-space taper at the box edge (spec §4.2 step 6, `--taper`, default 10 px): the mean of the
/// voxels within `width` of any face is subtracted, then every voxel is multiplied by
/// `½(1 − cos(π·d/width))` where `d < width` is its distance (in voxels) to the nearest face.
public enum MapTaper {
    /// Tapers `v` in place; `width ≤ 0` leaves it unchanged.
    public static func apply(_ v: inout RealVolume, width: Int) {
        guard width > 0 else { return }
        func d(_ x: Int, _ y: Int, _ z: Int) -> Int {
            min(x, y, z, v.nx - 1 - x, v.ny - 1 - y, v.nz - 1 - z)
        }
        var sum = 0.0, n = 0.0
        for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx where d(x, y, z) < width {
            sum += Double(v[x, y, z]); n += 1
        } } }
        let mean = Float(n > 0 ? sum / n : 0)
        for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx {
            let e = d(x, y, z)
            let g: Float = e >= width ? 1 : Float(0.5 * (1 - _cos(Double.pi * Double(e) / Double(width))))
            v[x, y, z] = g * (v[x, y, z] - mean)
        } } }
    }

    /// The central `c³` of `v` (centre `n/2` ↦ `c/2`).
    public static func crop(_ v: RealVolume, to c: Int) -> RealVolume {
        let off = (v.nx / 2 - c / 2, v.ny / 2 - c / 2, v.nz / 2 - c / 2)
        return RealVolume(nx: c, ny: c, nz: c) { x, y, z in v[x + off.0, y + off.1, z + off.2] }
    }
}
