/// Extent of a tomogram in tilt-series pixels ("bin-1" in RELION 5): `rlnTomoSizeX/Y/Z`.
///
/// Two centres derive from it, and they differ by 0.5 px for odd sizes (spec §2.6.1, §13.11):
/// `projectionCentre` (⌊size/2⌋, used by projection matrices) and `coordinateCentre`
/// (size/2.0, used by centred particle coordinates).
public struct TomogramSize: Hashable, Sendable, CustomStringConvertible {
    /// Number of tilt-series pixels along X, Y, Z.
    public var x: Int
    public var y: Int
    public var z: Int

    /// A size of `x`×`y`×`z` tilt-series pixels.
    public init(x: Int, y: Int, z: Int) { self.x = x; self.y = y; self.z = z }

    /// `c_tomo = (⌊X/2⌋, ⌊Y/2⌋, ⌊Z/2⌋)`, the centre used by `Tomogram::setProjectionMatrix`.
    public var projectionCentre: Vector3 { Vector3(Double(x / 2), Double(y / 2), Double(z / 2)) }

    /// `(X/2.0, Y/2.0, Z/2.0)`, the centre of `rlnCenteredCoordinate*Angst` (0-based decentred pixels).
    public var coordinateCentre: Vector3 { Vector3(Double(x) / 2, Double(y) / 2, Double(z) / 2) }

    public var description: String { "\(x)×\(y)×\(z)" }
}

/// RELION's per-tilt projection `P_f` (spec §2.3): a 4×4 affine map from a tomogram point `p`
/// (0-based, decentred tilt-series pixels) to tilt-image pixel `(x, y)` and projected depth `z`
/// (pixels), `P_f·[p; 1]`.
///
/// ```
/// P_f = T(c_img) · T(s_f / px_ts) · R_z(zRot) · R_y(yTilt) · R_x(xTilt) · T(−c_tomo)
/// c_tomo = (⌊X/2⌋, ⌊Y/2⌋, ⌊Z/2⌋),  c_img = (⌊w/2⌋, ⌊h/2⌋, 0),  s_f = (xShiftÅ, yShiftÅ, 0)
/// ```
///
/// `rotation` is `R_f = R_z·R_y·R_x` with *active* right-handed rotations (not a RELION Euler
/// matrix); it is the only part `relion_refine` uses. `translation` is the fourth column.
/// RELION-4 `rlnTomoProjX/Y/Z/W` rows are exactly the rows of this matrix.
public struct TiltProjection: Hashable, Sendable, CustomStringConvertible {
    /// `R_f`, the 3×3 rotation block (orthonormal when built from angles).
    public var rotation: Matrix3
    /// The translation column `(P_f)_{0..2, 3}`, in pixels.
    public var translation: Vector3

    /// A projection with the given blocks.
    public init(rotation: Matrix3, translation: Vector3) {
        self.rotation = rotation
        self.translation = translation
    }

    /// Builds `P_f` exactly as `Tomogram::setProjectionMatrix` does.
    /// - Parameters:
    ///   - xTilt, yTilt, zRot: `rlnTomoXTilt`, `rlnTomoYTilt`, `rlnTomoZRot` (degrees).
    ///   - xShiftAngst, yShiftAngst: `rlnTomoXShiftAngst/YShiftAngst` (Å), applied after rotation.
    ///   - pixelSize: `rlnTomoTiltSeriesPixelSize` (Å/px).
    ///   - tomogramSize: `rlnTomoSizeX/Y/Z`.
    ///   - imageWidth, imageHeight: tilt-image size in pixels (not stored in any STAR file).
    public init(xTilt: Double, yTilt: Double, zRot: Double, xShiftAngst: Double, yShiftAngst: Double,
                pixelSize: Double, tomogramSize: TomogramSize, imageWidth: Int, imageHeight: Int) {
        let r = TiltProjection.rotation(xTilt: xTilt, yTilt: yTilt, zRot: zRot)
        let cImg = TiltProjection.imageCentre(width: imageWidth, height: imageHeight)
        let shift = Vector3(xShiftAngst / pixelSize, yShiftAngst / pixelSize, 0)
        rotation = r
        translation = cImg + shift - r * tomogramSize.projectionCentre
    }

    /// Builds from the four rows `rlnTomoProjX/Y/Z/W` (`[a,b,c,d]` each) of a legacy file.
    /// - Returns: nil unless there are 4 rows of 4 values and the last row is `[0,0,0,1]`.
    public init?(rows: [[Double]]) {
        guard rows.count == 4, rows.allSatisfy({ $0.count == 4 }),
              rows[3] == [0, 0, 0, 1] else { return nil }
        rotation = Matrix3(rows: Vector3(rows[0][0], rows[0][1], rows[0][2]),
                           Vector3(rows[1][0], rows[1][1], rows[1][2]),
                           Vector3(rows[2][0], rows[2][1], rows[2][2]))
        translation = Vector3(rows[0][3], rows[1][3], rows[2][3])
    }

    /// `R_f = R_z(zRot)·R_y(yTilt)·R_x(xTilt)`, active rotations, degrees.
    public static func rotation(xTilt: Double, yTilt: Double, zRot: Double) -> Matrix3 {
        Matrix3.rotationZ(degrees: zRot) * Matrix3.rotationY(degrees: yTilt) * Matrix3.rotationX(degrees: xTilt)
    }

    /// `c_img = (⌊w/2⌋, ⌊h/2⌋, 0)`.
    public static func imageCentre(width: Int, height: Int) -> Vector3 {
        Vector3(Double(width / 2), Double(height / 2), 0)
    }

    /// The angles `(xTilt, yTilt, zRot)` (degrees) with `R_z(zRot)·R_y(yTilt)·R_x(xTilt) = rotation`,
    /// `yTilt` ∈ [−90, 90]. Used to recover tilt angles from legacy `rlnTomoProjX..W` matrices.
    /// Row 2 of `R_z·R_y·R_x` is `(−sin y, cos y·sin x, cos y·cos x)`; column 0 is
    /// `(cos z·cos y, sin z·cos y, −sin y)`.
    public var angles: (xTilt: Double, yTilt: Double, zRot: Double) {
        let r = rotation
        let deg = 180 / Double.pi
        let cy = (r[2, 1] * r[2, 1] + r[2, 2] * r[2, 2]).squareRoot()
        let yTilt = _atan2(-r[2, 0], cy) * deg
        let xTilt = _atan2(r[2, 1], r[2, 2]) * deg
        let zRot = _atan2(r[1, 0], r[0, 0]) * deg
        return (xTilt, yTilt, zRot)
    }

    /// The four rows of the 4×4 matrix, as written in `rlnTomoProjX/Y/Z/W`.
    public var rows: [[Double]] {
        (0..<3).map { r in [rotation[r, 0], rotation[r, 1], rotation[r, 2], translation[r]] } + [[0, 0, 0, 1]]
    }

    /// `P_f·[p; 1]`: image x, image y (pixels) and projected depth (pixels) of tomogram point `p`
    /// (decentred tilt-series pixels).
    @inlinable public func project(_ p: Vector3) -> Vector3 { rotation * p + translation }

    /// Projected depth of `p` relative to that of `centre` (pixels): `(R_f·(p − centre))_z`.
    /// This is `d` of spec §2.4; translations cancel.
    public func depthOffset(of p: Vector3, relativeTo centre: Vector3) -> Double {
        rotation.row(2).dot(p - centre)
    }

    public var description: String { "TiltProjection(R: \(rotation), t: \(translation))" }
}
