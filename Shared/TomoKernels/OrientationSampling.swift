import TomoCore

/// RELION's 3D orientation grid: HEALPix directions (NESTED) × uniform psi (spec §5.3,
/// `src/healpix_sampling.cpp`). Angles in degrees.
///
/// * Angular step of order n: `360/(6·2ⁿ)` degrees (60, 30, 15, 7.5, 3.75, 1.875, …).
/// * psi: `nr = ceil(360/step)` values `i·(360/nr)`, i = 0…nr−1 (by default `step` is the HEALPix
///   step of the order, giving `6·2ⁿ` values).
/// * Orientation index `i = direction·psiCount + psi` (directions outer, psi inner).
///
/// Not done here (RELION does it in `setOrientations`): removal of symmetry-equivalent directions,
/// `--limit_tilt`, and the random perturbation of the grid.
public struct OrientationSampling: Sendable {
    /// HEALPix order n of the directions.
    public let healpixOrder: Int
    /// Directions, index = NESTED pixel number.
    public let directions: [SamplingDirection]
    /// In-plane angles (degrees), ascending from 0.
    public let psiAngles: [Double]

    /// RELION's angular sampling (degrees) of HEALPix `order`: `360/(6·2^order)`.
    public static func angularStep(order: Int) -> Double { 360 / Double(6 << order) }

    /// psi values for a requested step (degrees): `nr = ceil(360/step)`, values `i·360/nr`.
    public static func psiAngles(step: Double) -> [Double] {
        precondition(step > 0, "OrientationSampling: psi step \(step)° must be positive")
        let nr = Int((360 / step - 1e-9).rounded(.up))
        let actual = 360 / Double(nr)
        return (0..<nr).map { Double($0) * actual }
    }

    /// The full grid at `healpixOrder`; `psiStep` (degrees) defaults to the order's angular step.
    public init(healpixOrder: Int, psiStep: Double? = nil) {
        self.healpixOrder = healpixOrder
        directions = Healpix.directions(order: healpixOrder)
        psiAngles = Self.psiAngles(step: psiStep ?? Self.angularStep(order: healpixOrder))
    }

    /// Number of orientations (directions × psi).
    public var count: Int { directions.count * psiAngles.count }

    /// Euler angles of direction `direction` with in-plane angle `psi` (indices).
    public func angles(direction: Int, psi: Int) -> EulerAngles {
        let d = directions[direction]
        return EulerAngles(rot: d.rot, tilt: d.tilt, psi: psiAngles[psi])
    }

    /// Euler angles of orientation index `i = direction·psiCount + psi`.
    public func angles(at i: Int) -> EulerAngles {
        angles(direction: i / psiAngles.count, psi: i % psiAngles.count)
    }

    /// All orientations, directions outer and psi inner.
    public var allAngles: [EulerAngles] { (0..<count).map { angles(at: $0) } }
}
