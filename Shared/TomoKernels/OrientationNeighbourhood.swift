import TomoCore

/// The orientations of an `OrientationSampling` near a prior, with RELION's Gaussian prior weights
/// (`HealpixSampling::selectOrientationsWithNonZeroPriorProbability`, spec §5.3). Angles in degrees.
///
/// Directions and psi are selected separately, as RELION does:
/// * direction distance `d = acos(u·u_prior)` between unit direction vectors, minimised over the
///   symmetry mates `R·u` of the sampled direction; kept when `d < cutoff·σ`, weight
///   `exp(−d²/(2σ²))`, normalised to sum 1 over the kept directions. If none is kept, the nearest
///   direction alone is kept with weight 1.
/// * psi distance `|ψ − ψ_prior|` wrapped into 0…180; kept when `< cutoff·σ`, weight
///   `exp(−Δψ²/(2σ²))`, normalised to sum 1 (nearest psi alone if none).
/// With `--sigma_ang σ` RELION uses σ for rot, tilt and psi alike; the default cutoff is 3σ.
/// The weight of an orientation is the product of its direction and psi weights (sums to 1).
public struct OrientationNeighbourhood: Sendable {
    /// One kept orientation.
    public struct Entry: Hashable, Sendable {
        /// Index into `OrientationSampling.directions`.
        public var directionIndex: Int
        /// Index into `OrientationSampling.psiAngles`.
        public var psiIndex: Int
        /// Direction distance to the prior (degrees, after symmetry).
        public var directionDistance: Double
        /// Wrapped psi difference to the prior (degrees).
        public var psiDistance: Double
        /// Prior weight (direction weight × psi weight).
        public var weight: Double
    }

    /// Kept direction indices with their normalised weights.
    public let directions: [(index: Int, distance: Double, weight: Double)]
    /// Kept psi indices with their normalised weights.
    public let psis: [(index: Int, distance: Double, weight: Double)]

    /// All kept orientations (directions outer, psi inner).
    public var entries: [Entry] {
        directions.flatMap { d in
            psis.map { p in
                Entry(directionIndex: d.index, psiIndex: p.index, directionDistance: d.distance,
                      psiDistance: p.distance, weight: d.weight * p.weight)
            }
        }
    }

    /// Selects the neighbourhood of `prior` in `sampling` with prior width `sigma` (degrees) and
    /// range `cutoff·sigma`; `symmetry` supplies the mates of each direction (C1 by default).
    public init(sampling: OrientationSampling, prior: EulerAngles, sigma: Double, cutoff: Double = 3,
                symmetry: SymmetryGroup = .cyclic(1)) {
        precondition(sigma > 0, "OrientationNeighbourhood: sigma \(sigma)° must be positive")
        let range = cutoff * sigma
        let priorVector = SamplingDirection(rot: prior.rot, tilt: prior.tilt).unitVector

        var keptDirections: [(index: Int, distance: Double, weight: Double)] = []
        var nearest = (index: 0, distance: Double.infinity)
        for (i, d) in sampling.directions.enumerated() {
            let u = d.unitVector
            var best = u.dot(priorVector)
            for r in symmetry.operators { best = max(best, (r * u).dot(priorVector)) }
            let distance = _acos(max(-1, min(1, best))) * 180 / Double.pi
            if distance < nearest.distance { nearest = (i, distance) }
            if distance < range {
                keptDirections.append((i, distance, gaussian(distance, sigma)))
            }
        }
        if keptDirections.isEmpty { keptDirections = [(nearest.index, nearest.distance, 1)] }
        directions = normalised(keptDirections)

        var keptPsis: [(index: Int, distance: Double, weight: Double)] = []
        var nearestPsi = (index: 0, distance: Double.infinity)
        for (i, psi) in sampling.psiAngles.enumerated() {
            var diff = abs(psi - prior.psi).truncatingRemainder(dividingBy: 360)
            if diff > 180 { diff = abs(diff - 360) }
            if diff < nearestPsi.distance { nearestPsi = (i, diff) }
            if diff < range { keptPsis.append((i, diff, gaussian(diff, sigma))) }
        }
        if keptPsis.isEmpty { keptPsis = [(nearestPsi.index, nearestPsi.distance, 1)] }
        psis = normalised(keptPsis)
    }
}

private func gaussian(_ x: Double, _ sigma: Double) -> Double { _exp(-x * x / (2 * sigma * sigma)) }

private func normalised(_ v: [(index: Int, distance: Double, weight: Double)])
    -> [(index: Int, distance: Double, weight: Double)] {
    let sum = v.reduce(0) { $0 + $1.weight }
    return v.map { ($0.index, $0.distance, $0.weight / sum) }
}
