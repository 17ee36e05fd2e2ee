import TomoCore

/// One tilt image: one row of a per-tilt-series STAR file (spec §2.2).
///
/// Units: doses e/Å², defocus Å (positive = underfocus, at the tilt-series centre), angles degrees,
/// shifts Å. Optional labels take RELION's defaults when absent: `rlnCtfScalefactor` 1,
/// `rlnCtfBfactor` 0, `rlnPhaseShift` 0, `rlnTomoXTilt` 0, and (for WarpTools files without them)
/// `rlnTomoXShiftAngst/YShiftAngst` 0.
public struct TiltSeriesFrame: Hashable, Sendable {
    /// `rlnMicrographName`: the motion-corrected tilt image; nil in legacy single-stack files.
    public var micrographName: String?
    /// `rlnMicrographPreExposure`: cumulative dose before this tilt (compulsory).
    public var preExposure: Double
    /// `rlnDefocusU`.
    public var defocusU: Double
    /// `rlnDefocusV`.
    public var defocusV: Double
    /// `rlnDefocusAngle`.
    public var defocusAngle: Double
    /// `rlnCtfScalefactor` (default 1).
    public var ctfScalefactor: Double
    /// `rlnCtfBfactor` (Å², default 0).
    public var ctfBfactor: Double
    /// `rlnPhaseShift` (degrees, default 0).
    public var phaseShift: Double
    /// `rlnTomoXTilt` (default 0).
    public var xTilt: Double
    /// `rlnTomoYTilt`, the tilt angle.
    public var yTilt: Double
    /// `rlnTomoZRot`, the in-plane rotation.
    public var zRot: Double
    /// `rlnTomoXShiftAngst`.
    public var xShiftAngst: Double
    /// `rlnTomoYShiftAngst`.
    public var yShiftAngst: Double
    /// `rlnTomoNominalStageTiltAngle`, if present.
    public var nominalStageTiltAngle: Double?
    /// The RELION-4 matrix `rlnTomoProjX/Y/Z/W`, if present. Used as-is by
    /// ``TiltSeries/projection(frame:tomogram:imageWidth:imageHeight:)`` and dropped on write.
    public var legacyProjection: TiltProjection?

    /// A frame from its fields.
    public init(micrographName: String? = nil, preExposure: Double, defocusU: Double, defocusV: Double,
                defocusAngle: Double, ctfScalefactor: Double = 1, ctfBfactor: Double = 0, phaseShift: Double = 0,
                xTilt: Double = 0, yTilt: Double, zRot: Double, xShiftAngst: Double = 0, yShiftAngst: Double = 0,
                nominalStageTiltAngle: Double? = nil, legacyProjection: TiltProjection? = nil) {
        self.micrographName = micrographName
        self.preExposure = preExposure
        self.defocusU = defocusU
        self.defocusV = defocusV
        self.defocusAngle = defocusAngle
        self.ctfScalefactor = ctfScalefactor
        self.ctfBfactor = ctfBfactor
        self.phaseShift = phaseShift
        self.xTilt = xTilt
        self.yTilt = yTilt
        self.zRot = zRot
        self.xShiftAngst = xShiftAngst
        self.yShiftAngst = yShiftAngst
        self.nominalStageTiltAngle = nominalStageTiltAngle
        self.legacyProjection = legacyProjection
    }

    /// `P_f` built from the angles and shifts (spec §2.3), ignoring any legacy matrix.
    public func projection(pixelSize: Double, tomogramSize: TomogramSize, imageWidth: Int, imageHeight: Int) -> TiltProjection {
        TiltProjection(xTilt: xTilt, yTilt: yTilt, zRot: zRot, xShiftAngst: xShiftAngst, yShiftAngst: yShiftAngst,
                       pixelSize: pixelSize, tomogramSize: tomogramSize, imageWidth: imageWidth, imageHeight: imageHeight)
    }
}
