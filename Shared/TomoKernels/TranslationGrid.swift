import TomoCore

/// RELION's translational search grid (`HealpixSampling::setTranslations`, spec §5.3), in pixels.
///
/// With `m = ceil(range/step)`, offsets are `(ix, iy, iz)·step` for integers `|ix|,|iy|,|iz| ≤ m`,
/// kept when inside the sphere of radius `range`:
/// * 3D (`threeDimensional`, sub-tomograms and 2D-stack tomography): `x²+y²+z² ≤ range²`;
/// * 2D: `x²+y² < range² + 0.001` (RELION's tolerance), z = 0.
/// Order: ix outer, then iy, then iz (as RELION). `range = 0` gives the single offset 0.
/// The grid is relative to the particle's current offset.
public enum TranslationGrid {
    /// Offsets (pixels) for `range` and `step` (pixels, step > 0).
    public static func offsets(range: Double, step: Double, threeDimensional: Bool = true) -> [Vector3] {
        precondition(step > 0, "TranslationGrid: offset step \(step) px must be positive")
        precondition(range >= 0, "TranslationGrid: offset range \(range) px must not be negative")
        let m = Int((range / step).rounded(.up))
        let r2 = range * range
        var out: [Vector3] = []
        for ix in -m...m {
            let x = Double(ix) * step
            for iy in -m...m {
                let y = Double(iy) * step
                if threeDimensional {
                    for iz in -m...m {
                        let z = Double(iz) * step
                        if x * x + y * y + z * z <= r2 { out.append(Vector3(x, y, z)) }
                    }
                } else if x * x + y * y < r2 + 0.001 {
                    out.append(Vector3(x, y, 0))
                }
            }
        }
        return out
    }
}
