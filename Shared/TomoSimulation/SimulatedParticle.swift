import TomoCore

/// One simulated particle: its true pose and class, and what `particles.star` says about it.
public struct SimulatedParticle: Sendable, Hashable {
    /// Index of its tomogram.
    public var tomogram: Int
    /// `rlnTomoParticleName`, `<tomo>/<n>`.
    public var name: String
    /// The true pose (`rlnCenteredCoordinate*Angst`, origin 0, A_s and A_p with A_s·A_p = truth).
    public var truth: ParticlePose
    /// What the picker "found": truth plus the configured angular and positional error.
    public var prior: ParticlePose
    /// 1 or 2 for the two states, 0 for junk.
    public var state: Int
    /// Seed of the junk particle's shape (junk only).
    public var junkSeed: UInt64
}
