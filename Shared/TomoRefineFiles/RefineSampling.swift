import TomoSTAR

/// The contents of a `run_itNNN_sampling.star` (spec §6.5): `data_sampling_general` and, for 3D
/// sampling, `data_sampling_directions`.
///
/// Offsets (`offsetRange`, `offsetStep` and their originals) are in **Å** in this file although
/// the command line gives them in pixels; angles in degrees.
public struct RefineSampling: Sendable, Equatable {
    /// `rlnIs3DSampling`.
    public var is3DSampling: Bool = true
    /// `rlnIs3DTranslationalSampling` (1 for STA).
    public var is3DTranslationalSampling: Bool = true
    /// `rlnHealpixOrder` (current; 3D sampling only, 0 for 2D).
    public var healpixOrder: Int
    /// `rlnSymmetryGroup`, e.g. `C1` (3D sampling only).
    public var symmetryGroup: String
    /// `rlnTiltAngleLimit` (deg; −91 = no limit).
    public var tiltAngleLimit: Double = -91
    /// `rlnPsiStep` (deg).
    public var psiStep: Double
    /// `rlnOffsetRange` (Å).
    public var offsetRange: Double
    /// `rlnOffsetStep` (Å).
    public var offsetStep: Double
    /// `rlnHelicalOffsetStep` (−1 unless helical).
    public var helicalOffsetStep: Double = -1
    /// `rlnSamplingPerturbInstance` (random perturbation of this iteration).
    public var perturbInstance: Double
    /// `rlnSamplingPerturbFactor` (`--perturb`, 0.5).
    public var perturbFactor: Double = 0.5
    /// `rlnHealpixOrderOriginal` (nil when read from a RELION 3.1 file).
    public var healpixOrderOriginal: Int?
    /// `rlnPsiStepOriginal` (deg).
    public var psiStepOriginal: Double?
    /// `rlnOffsetRangeOriginal` (Å).
    public var offsetRangeOriginal: Double?
    /// `rlnOffsetStepOriginal` (Å).
    public var offsetStepOriginal: Double?
    /// `data_sampling_directions`: (rot, tilt) in degrees of every symmetry-reduced coarse direction.
    public var directions: [(rot: Double, tilt: Double)]

    /// A sampling record; the originals default to the current values.
    public init(healpixOrder: Int, symmetryGroup: String, psiStep: Double, offsetRange: Double, offsetStep: Double,
                perturbInstance: Double, directions: [(rot: Double, tilt: Double)]) {
        self.healpixOrder = healpixOrder
        self.symmetryGroup = symmetryGroup
        self.psiStep = psiStep
        self.offsetRange = offsetRange
        self.offsetStep = offsetStep
        self.perturbInstance = perturbInstance
        self.directions = directions
        healpixOrderOriginal = healpixOrder
        psiStepOriginal = psiStep
        offsetRangeOriginal = offsetRange
        offsetStepOriginal = offsetStep
    }

    /// Equal when every value and every direction are equal.
    public static func == (a: RefineSampling, b: RefineSampling) -> Bool {
        a.generalEntries.map(\.1) == b.generalEntries.map(\.1) && a.generalEntries.map(\.0) == b.generalEntries.map(\.0)
            && a.directions.map(\.rot) == b.directions.map(\.rot) && a.directions.map(\.tilt) == b.directions.map(\.tilt)
    }

    /// `data_sampling_general` entries in RELION's write order.
    public var generalEntries: [(String, StarValue)] {
        var e: [(String, StarValue)] = [
            ("rlnIs3DSampling", .bool(is3DSampling)),
            ("rlnIs3DTranslationalSampling", .bool(is3DTranslationalSampling)),
        ]
        if is3DSampling {
            e += [("rlnHealpixOrder", .int(healpixOrder)), ("rlnSymmetryGroup", .string(symmetryGroup)),
                  ("rlnTiltAngleLimit", .double(tiltAngleLimit))]
        }
        e += [
            ("rlnPsiStep", .double(psiStep)),
            ("rlnOffsetRange", .double(offsetRange)),
            ("rlnOffsetStep", .double(offsetStep)),
            ("rlnHelicalOffsetStep", .double(helicalOffsetStep)),
            ("rlnSamplingPerturbInstance", .double(perturbInstance)),
            ("rlnSamplingPerturbFactor", .double(perturbFactor)),
        ]
        if let healpixOrderOriginal { e.append(("rlnHealpixOrderOriginal", .int(healpixOrderOriginal))) }
        if let psiStepOriginal { e.append(("rlnPsiStepOriginal", .double(psiStepOriginal))) }
        if let offsetRangeOriginal { e.append(("rlnOffsetRangeOriginal", .double(offsetRangeOriginal))) }
        if let offsetStepOriginal { e.append(("rlnOffsetStepOriginal", .double(offsetStepOriginal))) }
        return e
    }

    /// The document: `data_sampling_general` (list) and, for 3D sampling, `data_sampling_directions`.
    public var document: StarDocument {
        var blocks = [ListBlock.make("sampling_general", generalEntries)]
        if is3DSampling {
            var d = StarBlock(name: "sampling_directions")
            d.setColumn("rlnAngleRot", doubles: directions.map(\.rot))
            d.setColumn("rlnAngleTilt", doubles: directions.map(\.tilt))
            blocks.append(d)
        }
        return StarDocument(blocks: blocks)
    }

    /// Writes ``document`` to `path` atomically.
    public func write(to path: String) throws(RefineFilesError) {
        try RefineStarIO.write(document, to: path)
    }

    /// Reads a `_sampling.star` written by RELION 3.1–5 or by ``write(to:)``.
    public static func read(path: String) throws(RefineFilesError) -> RefineSampling {
        try RefineSampling(document: RefineStarIO.read(path), file: path)
    }

    /// Interprets a parsed sampling document.
    public init(document doc: StarDocument, file: String) throws(RefineFilesError) {
        guard let g = doc["sampling_general"] else {
            throw RefineFilesError(file: file, block: "sampling_general", message: "block is missing; not a sampling.star file")
        }
        let r = RowReader(g, file: file)
        var dirs: [(rot: Double, tilt: Double)] = []
        if let d = doc["sampling_directions"] {
            let c = ColumnReader(d, file: file)
            let rot = try c.doubles("rlnAngleRot"), tilt = try c.doubles("rlnAngleTilt")
            dirs = zip(rot, tilt).map { (rot: $0, tilt: $1) }
        }
        self.init(healpixOrder: try r.optionalInt("rlnHealpixOrder") ?? 0, symmetryGroup: r.optionalString("rlnSymmetryGroup") ?? "C1",
                  psiStep: try r.double("rlnPsiStep"), offsetRange: try r.double("rlnOffsetRange"),
                  offsetStep: try r.double("rlnOffsetStep"), perturbInstance: try r.double("rlnSamplingPerturbInstance"),
                  directions: dirs)
        is3DSampling = try r.bool("rlnIs3DSampling")
        is3DTranslationalSampling = try r.optionalBool("rlnIs3DTranslationalSampling") ?? false
        tiltAngleLimit = try r.optionalDouble("rlnTiltAngleLimit") ?? -91
        helicalOffsetStep = try r.optionalDouble("rlnHelicalOffsetStep") ?? -1
        perturbFactor = try r.double("rlnSamplingPerturbFactor")
        healpixOrderOriginal = try r.optionalInt("rlnHealpixOrderOriginal")
        psiStepOriginal = try r.optionalDouble("rlnPsiStepOriginal")
        offsetRangeOriginal = try r.optionalDouble("rlnOffsetRangeOriginal")
        offsetStepOriginal = try r.optionalDouble("rlnOffsetStepOriginal")
    }
}
