import TomoCore

/// The per-particle outcome of one iteration (what `_data.star` gets, §5.2, §6.2).
public struct ParticleResult: Sendable, Hashable {
    /// `rlnClassNumber` (1-based) of the best hidden state.
    public var classNumber: Int
    /// `rlnAngleRot/Tilt/Psi` of the best state (`A_p`).
    public var angles: EulerAngles
    /// Best origin `o_i + t` (pixels, sub-tomogram frame); `rlnOrigin*Angst` = this × pixel size.
    public var offset: Vector3
    /// `rlnMaxValueProbDistribution`: largest normalised posterior weight.
    public var maxValueProbability: Double
    /// `rlnNrOfSignificantSamples`.
    public var significantSamples: Int
    /// `rlnLogLikeliContribution`: `ln Σ w_unnorm − min D − Σ ln(2πσ²)` over the E-step pixels.
    public var logLikelihood: Double
}
