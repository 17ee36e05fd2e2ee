import TomoCore

/// What one iteration of `relion_refine` determines for one particle, to be written into the
/// particle's row of `_data.star` (spec §6.2).
///
/// `angles` are `A_p` (`rlnAngle{Rot,Tilt,Psi}`, deg, relative to the sub-tomogram frame);
/// `originAngst` is `rlnOrigin{X,Y,Z}Angst` (Å, sub-tomogram frame); `classNumber` is 1-based.
public struct RefineParticleResult: Sendable, Hashable {
    /// Best orientation `A_p` (`rlnAngleRot/Tilt/Psi`).
    public var angles: EulerAngles
    /// Best offset in Å (`rlnOriginX/Y/ZAngst`).
    public var originAngst: Vector3
    /// `rlnClassNumber` (1-based class with the highest weight).
    public var classNumber: Int
    /// `rlnLogLikeliContribution`.
    public var logLikelihoodContribution: Double
    /// `rlnMaxValueProbDistribution` (posterior of the best pose).
    public var maxValueProbability: Double
    /// `rlnNrOfSignificantSamples`.
    public var significantSamples: Int
    /// `rlnGroupNumber` (1-based; per tomogram for STA).
    public var groupNumber: Int
    /// `rlnNormCorrection` (always 1 for STA: norm correction is disabled).
    public var normCorrection: Double
    /// `rlnRandomSubset` (1 or 2 in auto-refine), or nil to leave the particle's value.
    public var randomSubset: Int?

    /// A result; `normCorrection` defaults to 1 as RELION writes for STA.
    public init(angles: EulerAngles, originAngst: Vector3, classNumber: Int, logLikelihoodContribution: Double,
                maxValueProbability: Double, significantSamples: Int, groupNumber: Int, normCorrection: Double = 1,
                randomSubset: Int? = nil) {
        self.angles = angles
        self.originAngst = originAngst
        self.classNumber = classNumber
        self.logLikelihoodContribution = logLikelihoodContribution
        self.maxValueProbability = maxValueProbability
        self.significantSamples = significantSamples
        self.groupNumber = groupNumber
        self.normCorrection = normCorrection
        self.randomSubset = randomSubset
    }
}
