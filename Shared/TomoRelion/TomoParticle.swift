import TomoCore

/// One row of `data_particles` (spec §2.6) in typed form.
///
/// The position is `pose.centeredPositionAngst` (Å from the tomogram centre) unless
/// `legacyCoordinatePixels` is set: then the file only had `rlnCoordinateX/Y/Z` (decentred pixels)
/// and no tomogram set was given to convert them, and `pose.centeredPositionAngst` is zero.
public struct TomoParticle: Hashable, Sendable {
    /// `rlnTomoName` (or `rlnMicrographName` for RELION 3.x tables).
    public var tomoName: String
    /// `rlnTomoParticleName`; default `<tomoName>/<n>` with `n` 1-based per tomogram.
    public var particleName: String
    /// Position, offsets, `A_s` and `A_p`.
    public var pose: ParticlePose
    /// Unconverted `rlnCoordinateX/Y/Z` (pixels), if the centred Å position is unknown.
    public var legacyCoordinatePixels: Vector3?
    /// `rlnOpticsGroup` (1-based).
    public var opticsGroup: Int
    /// `rlnRandomSubset`: 1 or 2, 0 when unassigned.
    public var randomSubset: Int
    /// `rlnTomoVisibleFrames`: one 0/1 flag per tilt-series row (2D-stack mode), if present.
    public var visibleFrames: [Int]?
    /// `rlnImageName`, if present.
    public var imageName: String?
    /// `rlnClassNumber`, if present.
    public var classNumber: Int?

    /// A particle with the given name and pose; other fields take defaults.
    public init(tomoName: String, particleName: String, pose: ParticlePose, opticsGroup: Int = 1,
                randomSubset: Int = 0, visibleFrames: [Int]? = nil, imageName: String? = nil, classNumber: Int? = nil) {
        self.tomoName = tomoName
        self.particleName = particleName
        self.pose = pose
        self.opticsGroup = opticsGroup
        self.randomSubset = randomSubset
        self.visibleFrames = visibleFrames
        self.imageName = imageName
        self.classNumber = classNumber
    }

    /// Whether the centred Å position is known.
    public var hasCenteredPosition: Bool { legacyCoordinatePixels == nil }

    /// Number of visible frames (flags equal to 1), if the flags are present.
    public var visibleFrameCount: Int? { visibleFrames?.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
}
