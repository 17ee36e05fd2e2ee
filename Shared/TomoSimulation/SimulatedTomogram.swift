import TomoCore
import TomoKernels

/// One simulated tilt series: its name, per-tilt alignment (the projection model of RELION §2.3)
/// and per-tilt CTF, exactly as written to its per-tilt-series STAR file.
public struct SimulatedTomogram: Sendable {
    /// One tilt image.
    public struct Tilt: Sendable, Hashable {
        public var stageAngle: Double
        public var preExposure: Double
        public var xTilt: Double, yTilt: Double, zRot: Double
        public var xShiftAngst: Double, yShiftAngst: Double
        public var defocusU: Double, defocusV: Double, defocusAngle: Double
    }

    /// `rlnTomoName`.
    public var name: String
    /// Tilts in acquisition order (frame index = position).
    public var tilts: [Tilt]

    /// The projection of frame `f` (RELION §2.3) for a tomogram of `size` and images of `imageSize`.
    public func projection(_ f: Int, size: TomogramSize, imageSize: Int, pixelSize: Double) -> TiltProjection {
        let t = tilts[f]
        return TiltProjection(xTilt: t.xTilt, yTilt: t.yTilt, zRot: t.zRot, xShiftAngst: t.xShiftAngst,
                              yShiftAngst: t.yShiftAngst, pixelSize: pixelSize, tomogramSize: size,
                              imageWidth: imageSize, imageHeight: imageSize)
    }

    /// The CTF of frame `f` at the tilt-series centre (depth 0), with the dose envelope.
    public func ctf(_ f: Int, parameters p: SimulationParameters) -> CTF {
        let t = tilts[f]
        return CTF(defocusU: t.defocusU, defocusV: t.defocusV, defocusAngle: t.defocusAngle,
                   voltage: p.voltage, sphericalAberration: p.sphericalAberration,
                   amplitudeContrast: p.amplitudeContrast, dose: t.preExposure)
    }
}
