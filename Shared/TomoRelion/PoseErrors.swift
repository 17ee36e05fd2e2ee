import TomoCore

/// How far refined particle poses are from known ones (a simulation's `truth/truth.star`):
/// particles are matched by `rlnTomoName` + `rlnTomoParticleName`; the angular error is the
/// rotation angle between the total matrices `A_s·A_p` (so sub-tomogram and particle angles may
/// be split differently), the position error the distance between the positions actually used,
/// `c − A_s·o` (Å from the tomogram centre, RELION §10).
public struct PoseErrors: Sendable, Hashable {
    /// Particles matched.
    public var count: Int
    /// Angular error per matched particle (degrees), in the order of the refined set.
    public var angular: [Double]
    /// Position error per matched particle (Å).
    public var position: [Double]

    /// Compares `refined` with `truth`; particles missing from `truth` are skipped.
    public init(refined: ParticleSet, truth: ParticleSet) {
        var byKey: [String: ParticlePose] = [:]
        for p in truth.particles { byKey[p.tomoName + "/" + p.particleName] = p.pose }
        angular = []; position = []
        for p in refined.particles {
            guard let t = byKey[p.tomoName + "/" + p.particleName] else { continue }
            angular.append(angularDistance(p.pose.totalMatrix, t.totalMatrix))
            position.append((Self.position(p.pose) - Self.position(t)).norm)
        }
        count = angular.count
    }

    /// The position used for reconstruction: `c − A_s·o` (Å from the tomogram centre).
    static func position(_ p: ParticlePose) -> Vector3 {
        p.centeredPositionAngst - p.subtomogramMatrix * p.originAngst
    }

    /// Median angular error (degrees); 0 with no particles.
    public var medianAngular: Double { Self.median(angular) }
    /// Median position error (Å); 0 with no particles.
    public var medianPosition: Double { Self.median(position) }

    static func median(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return 0 }
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
