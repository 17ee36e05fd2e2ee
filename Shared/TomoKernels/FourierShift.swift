import TomoCore

/// Fourier-space translation (phase ramp), RELION §10.2: `F'(k) = F(k)·exp(−2πi k·s/n)` moves the
/// content by `+s` pixels (so an integer shift is a circular shift `v'(x) = v(x − s)`).
/// Shifts are in pixels; frequencies use the RELION core convention (Nyquist reads +n/2).
public enum FourierShift {
    /// In-place 3D shift by `s = (sx, sy, sz)` pixels.
    public static func apply(_ f: inout FourierVolume, by s: Vector3) {
        let ax = -2 * Double.pi * s.x / Double(f.nx)
        let ay = -2 * Double.pi * s.y / Double(f.ny)
        let az = -2 * Double.pi * s.z / Double(f.nz)
        let (nx, ny, nz) = (f.nx, f.ny, f.nz)
        f.data.withUnsafeMutableBufferPointer { d in
            forEachFrequency(nx: nx, ny: ny, nz: nz) { i, kx, ky, kz in
                d[i] = d[i] * ComplexF.unit(phase: ax * Double(kx) + ay * Double(ky) + az * Double(kz))
            }
        }
    }
    /// In-place 2D shift by `(sx, sy)` pixels.
    public static func apply(_ f: inout FourierImage, sx: Double, sy: Double) {
        var v = f.asVolume
        apply(&v, by: Vector3(sx, sy, 0))
        f = FourierImage(v)
    }
    /// A copy shifted by `s` pixels.
    public static func shifted(_ f: FourierVolume, by s: Vector3) -> FourierVolume { var g = f; apply(&g, by: s); return g }
    /// A copy shifted by `(sx, sy)` pixels.
    public static func shifted(_ f: FourierImage, sx: Double, sy: Double) -> FourierImage {
        var g = f; apply(&g, sx: sx, sy: sy); return g
    }
}
