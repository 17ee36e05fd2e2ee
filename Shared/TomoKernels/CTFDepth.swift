/// Depth-dependent defocus of a particle in a tilt image (spec §2.4, `Tomogram::getCtf`).
///
/// `Δz [Å] = handedness · pixelSize · defocusSlope · depth`, where `depth` is the projected depth of
/// the particle relative to the tomogram centre in pixels at `pixelSize` (third row of `P_f`:
/// `(P_f·[p;1])_z − (P_f·[c;1])_z`), `handedness` is `rlnTomoHand` (±1), `pixelSize` the tilt-series
/// pixel size in Å and `defocusSlope` is `rlnTomoDefocusSlope` (dimensionless, usually 1).
/// With `handedness = +1` underfocus grows with depth.
public func depthDefocusOffset(handedness: Double, pixelSize: Double, defocusSlope: Double,
                               depth: Double) -> Double {
    handedness * pixelSize * defocusSlope * depth
}

extension CTF {
    /// This CTF with `deltaZAngstrom` (Å) added to both `defocusU` and `defocusV`; the astigmatism
    /// angle is unchanged (spec §2.4).
    public func withDepthOffset(_ deltaZAngstrom: Double) -> CTF {
        var c = self
        c.defocusU += deltaZAngstrom
        c.defocusV += deltaZAngstrom
        return c
    }
}
