import TomoCore
import TomoKernels

/// One tilt image as extraction needs it: its projection `P_f` (§2.3), its CTF at the tilt-series
/// centre and its cumulative dose (§2.5).
public struct ExtractionFrame: Sendable {
    /// `P_f`.
    public var projection: TiltProjection
    /// CTF at depth 0 with `rlnCtfBfactor` as envelope and **no** dose (`dose == nil`); the dose
    /// weight is applied separately, as RELION's extraction does (§3.3 step 5).
    public var ctf: CTF
    /// `rlnMicrographPreExposure` (e/Å²).
    public var preExposure: Double

    /// A frame from its parts.
    public init(projection: TiltProjection, ctf: CTF, preExposure: Double) {
        self.projection = projection; self.ctf = ctf; self.preExposure = preExposure
    }
}

/// A tilt series as the extraction and reconstruction algorithms see it: geometry, optics and
/// dose of every frame (frame index = row of the per-tilt-series table), and the tomogram-level
/// values needed for the depth-dependent defocus (§2.4).
public struct ExtractionTiltSeries: Sendable {
    /// Frames in tilt-series row order.
    public var frames: [ExtractionFrame]
    /// `rlnTomoSizeX/Y/Z`.
    public var tomogramSize: TomogramSize
    /// `px_ts` (Å).
    public var pixelSize: Double
    /// `rlnTomoHand`.
    public var hand: Double
    /// `rlnTomoDefocusSlope`.
    public var defocusSlope: Double
    /// `rlnCtfBfactorPerElectronDose` (0: Grant–Grigorieff curve).
    public var bFactorPerElectronDose: Double
    /// Tilt-image width and height (pixels).
    public var imageWidth: Int, imageHeight: Int

    /// A tilt series from its parts.
    public init(frames: [ExtractionFrame], tomogramSize: TomogramSize, pixelSize: Double, hand: Double,
                defocusSlope: Double = 1, bFactorPerElectronDose: Double = 0, imageWidth: Int, imageHeight: Int) {
        self.frames = frames; self.tomogramSize = tomogramSize; self.pixelSize = pixelSize; self.hand = hand
        self.defocusSlope = defocusSlope; self.bFactorPerElectronDose = bFactorPerElectronDose
        self.imageWidth = imageWidth; self.imageHeight = imageHeight
    }

    /// Image x, y (pixels) and projected depth of the particle `pose` in frame `f`.
    public func projectedCentre(_ pose: ParticlePose, frame f: Int) -> Vector3 {
        pose.projectedPosition(frames[f].projection, tomogramSize: tomogramSize, pixelSize: pixelSize)
    }

    /// The CTF of particle `pose` in frame `f`: defoci shifted by the depth term of §2.4
    /// (`hand·px_ts·slope·d`), still without dose.
    public func ctf(_ pose: ParticlePose, frame f: Int) -> CTF {
        let dz = pose.defocusOffset(frames[f].projection, tomogramSize: tomogramSize, pixelSize: pixelSize,
                                    hand: hand, defocusSlope: defocusSlope)
        return frames[f].ctf.withDepthOffset(dz)
    }
}
