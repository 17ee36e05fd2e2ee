import TomoCore

/// Everything that defines a simulated RELION 5 tomography dataset. The same parameters and
/// seed give the same dataset, byte for byte.
public struct SimulationParameters: Sendable {
    /// Number of particles (all states and junk together), spread evenly over the tomograms.
    public var particleCount = 500
    /// Number of tomograms (tilt series).
    public var tomogramCount = 1
    /// Tilt-series pixel size `rlnTomoTiltSeriesPixelSize` (Å).
    public var pixelSize = 5.0
    /// Tilt-image width and height, and tomogram X and Y extent (pixels at `pixelSize`).
    public var imageSize = 512
    /// Tomogram Z extent (pixels at `pixelSize`).
    public var tomogramThickness = 160
    /// Box of the ground-truth map and of each rendered particle projection (pixels at `pixelSize`).
    public var boxSize = 96
    /// Tilt angles in acquisition order and dose per tilt.
    public var tiltScheme = TiltScheme.doseSymmetric()
    /// Tilt-axis angle `rlnTomoZRot` (degrees).
    public var tiltAxisAngle = 85.0
    /// Standard deviation of the random per-tilt alignment shifts written to `rlnTomoX/YShiftAngst` (Å).
    public var shiftError = 15.0
    /// Microscope: voltage (kV), Cs (mm), amplitude contrast.
    public var voltage = 300.0, sphericalAberration = 2.7, amplitudeContrast = 0.1
    /// Nominal defocus range of the tomograms (Å, underfocus positive).
    public var defocusRange: ClosedRange<Double> = 25_000...40_000
    /// Astigmatism `DefocusU − DefocusV` (Å).
    public var astigmatism = 300.0
    /// Handedness `rlnTomoHand` (sign of the depth-dependent defocus).
    public var hand = -1.0
    /// Signal-to-noise ratio per tilt image at the particle scale (signal variance inside the
    /// particle projections / noise variance); nil for noise-free data.
    public var snr: Double? = nil
    /// Fraction of the (non-junk) particles in the second state (the factor domain removed).
    public var secondStateFraction = 0.0
    /// Fraction of all particles that are junk (random blobs).
    public var junkFraction = 0.0
    /// Mass fraction of the factor domain that the second state lacks.
    public var factorFraction = 0.15
    /// Standard deviation of the error added to the true angles in `particles.star` (degrees,
    /// a rotation about a random axis).
    public var angularPriorError = 0.0
    /// Standard deviation of the error added to the true positions in `particles.star` (Å per axis).
    public var offsetPriorError = 0.0
    /// Whether `rlnTomoSubtomogram{Rot,Tilt,Psi}` are random (true pose = A_s·A_p) or zero.
    public var randomSubtomogramAngles = false
    /// Write tilt series as float16 (mode 12) instead of float32.
    public var float16 = false
    /// Random seed.
    public var seed: UInt64 = 1

    public init() {}

    /// Tomogram size in tilt-series pixels.
    public var tomogramSize: TomogramSize { TomogramSize(x: imageSize, y: imageSize, z: tomogramThickness) }
}

extension SimulationParameters {
    /// A small noise-free project for tests and examples: `particles` particles in one tomogram
    /// of 256²×64 px at 10 Å, box 48, a dose-symmetric series from −`maxTilt` to `maxTilt` every
    /// `tiltStep` degrees at 4 e/Å² per tilt.
    public static func small(particles: Int, seed: UInt64, maxTilt: Double = 60, tiltStep: Double = 6) -> SimulationParameters {
        var p = SimulationParameters()
        p.particleCount = particles
        p.tomogramCount = 1
        p.pixelSize = 10
        p.imageSize = 256
        p.tomogramThickness = 64
        p.boxSize = 48
        p.tiltScheme = .doseSymmetric(minimum: -maxTilt, maximum: maxTilt, step: tiltStep, dosePerTilt: 4)
        p.seed = seed
        return p
    }
}
