/// Conversions between RELION 5 particle coordinates (spec §2.6.1, §14.1).
///
/// * *Centred Å* (`rlnCenteredCoordinate{X,Y,Z}Angst`): position measured from the tomogram centre
///   `size/2.0`, in Å.
/// * *Decentred pixels*: 0-based tilt-series pixel coordinates at `px_ts`
///   (`rlnTomoTiltSeriesPixelSize`), the frame of `TiltProjection.project`.
/// * *Legacy pixels* (`rlnCoordinateX/Y/Z` of RELION 4.0 / Warp): decentred pixels at a coordinate
///   pixel size, normally `px_ts`.
///
/// `decentred = centred/px_ts + size/2.0`, `centred = (decentred − size/2.0)·px_ts`.
public enum ParticleCoordinates {
    /// Centred Å → decentred tilt-series pixels.
    public static func decenteredPixels(centeredAngst c: Vector3, tomogramSize: TomogramSize,
                                        pixelSize: Double) -> Vector3 {
        c / pixelSize + tomogramSize.coordinateCentre
    }

    /// Decentred tilt-series pixels → centred Å.
    public static func centeredAngst(decenteredPixels p: Vector3, tomogramSize: TomogramSize,
                                     pixelSize: Double) -> Vector3 {
        pixelSize * (p - tomogramSize.coordinateCentre)
    }

    /// Legacy `rlnCoordinateX/Y/Z` (decentred pixels of size `coordinatePixelSize`, which defaults
    /// to the tilt-series pixel size) → centred Å.
    public static func centeredAngst(legacyPixels p: Vector3, tomogramSize: TomogramSize,
                                     tiltSeriesPixelSize: Double, coordinatePixelSize: Double? = nil) -> Vector3 {
        let scale = (coordinatePixelSize ?? tiltSeriesPixelSize) / tiltSeriesPixelSize
        return centeredAngst(decenteredPixels: scale * p, tomogramSize: tomogramSize, pixelSize: tiltSeriesPixelSize)
    }
}

/// The pose of one tomographic particle (spec §2.6.1, §10.1): where it sits in its tomogram and
/// how its reference frame is oriented.
///
/// * `subtomogramAngles` give `A_s` (`rlnTomoSubtomogram{Rot,Tilt,Psi}`, the pseudo-subtomogram
///   frame relative to the tomogram); `angles` give `A_p` (`rlnAngle{Rot,Tilt,Psi}`, relative to
///   that frame). Both are RELION Euler matrices (`EulerAngles.matrix`, i.e. transposed active ZYZ).
/// * `A_total = A_s·A_p` maps reference coordinates into tomogram coordinates:
///   reference point `r` (pixels, relative to the particle centre) sits at `p + A_total·r`.
/// * `originAngst` (`rlnOrigin{X,Y,Z}Angst`) lives in the sub-tomogram frame and is rotated by
///   `A_s` only: `p = p0 − A_s·o/px_ts`, with `p0` the decentred pixel position of
///   `centeredPositionAngst`.
public struct ParticlePose: Hashable, Sendable {
    /// `rlnCenteredCoordinate{X,Y,Z}Angst` (Å from the tomogram centre).
    public var centeredPositionAngst: Vector3
    /// `rlnOrigin{X,Y,Z}Angst` (Å, sub-tomogram frame).
    public var originAngst: Vector3
    /// `rlnTomoSubtomogram{Rot,Tilt,Psi}` (degrees); zero when absent.
    public var subtomogramAngles: EulerAngles
    /// `rlnAngle{Rot,Tilt,Psi}` (degrees).
    public var angles: EulerAngles

    /// A pose from its RELION fields.
    public init(centeredPositionAngst: Vector3, originAngst: Vector3 = .zero,
                subtomogramAngles: EulerAngles = .zero, angles: EulerAngles = .zero) {
        self.centeredPositionAngst = centeredPositionAngst
        self.originAngst = originAngst
        self.subtomogramAngles = subtomogramAngles
        self.angles = angles
    }

    /// `A_s`, the sub-tomogram matrix.
    public var subtomogramMatrix: Matrix3 { subtomogramAngles.matrix }
    /// `A_p`, the particle matrix (the one `relion_refine` refines).
    public var particleMatrix: Matrix3 { angles.matrix }
    /// `A_total = A_s·A_p` (reference → tomogram).
    public var totalMatrix: Matrix3 { subtomogramAngles.matrix * angles.matrix }

    /// `p = p0 − A_s·o/px_ts`: the decentred tilt-series pixel position actually used.
    public func position(tomogramSize: TomogramSize, pixelSize: Double) -> Vector3 {
        let p0 = ParticleCoordinates.decenteredPixels(centeredAngst: centeredPositionAngst,
                                                      tomogramSize: tomogramSize, pixelSize: pixelSize)
        return p0 - subtomogramMatrix * originAngst / pixelSize
    }

    /// Rotation from the reference frame to tilt image `projection`'s frame: `R_f·A_s·A_p`.
    public func imageRotation(_ projection: TiltProjection) -> Matrix3 {
        projection.rotation * totalMatrix
    }

    /// Image x, y (pixels) and projected depth of the particle in tilt image `projection`.
    public func projectedPosition(_ projection: TiltProjection, tomogramSize: TomogramSize,
                                  pixelSize: Double) -> Vector3 {
        projection.project(position(tomogramSize: tomogramSize, pixelSize: pixelSize))
    }

    /// `d` of spec §2.4 (pixels): projected depth of the particle minus that of the tomogram centre
    /// (`size/2.0`). Defocus change in Å is `rlnTomoHand · px_ts · rlnTomoDefocusSlope · d`.
    public func depthOffset(_ projection: TiltProjection, tomogramSize: TomogramSize, pixelSize: Double) -> Double {
        projection.depthOffset(of: position(tomogramSize: tomogramSize, pixelSize: pixelSize),
                               relativeTo: tomogramSize.coordinateCentre)
    }

    /// Defocus change (Å) to add to `rlnDefocusU/V` for this particle in tilt image `projection`:
    /// `hand · px_ts · defocusSlope · d`.
    public func defocusOffset(_ projection: TiltProjection, tomogramSize: TomogramSize, pixelSize: Double,
                              hand: Double, defocusSlope: Double = 1) -> Double {
        hand * pixelSize * defocusSlope * depthOffset(projection, tomogramSize: tomogramSize, pixelSize: pixelSize)
    }
}
