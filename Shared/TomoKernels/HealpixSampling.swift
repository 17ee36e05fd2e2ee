import TomoCore

/// A projection direction on the unit sphere as RELION stores it: `rot` and `tilt` in degrees
/// (ZYZ Euler angles with psi free), rot ∈ [−180, 180], tilt ∈ [0, 180].
public struct SamplingDirection: Hashable, Sendable {
    /// Azimuth (degrees), −180…180.
    public var rot: Double
    /// Polar angle from +Z (degrees), 0…180.
    public var tilt: Double

    /// Builds from angles in degrees.
    public init(rot: Double, tilt: Double) { self.rot = rot; self.tilt = tilt }

    /// Unit vector `(cos rot·sin tilt, sin rot·sin tilt, cos tilt)` (RELION `Euler_angles2direction`).
    public var unitVector: Vector3 {
        let (cr, sr) = cosSin(degrees: rot)
        let (ct, st) = cosSin(degrees: tilt)
        return Vector3(cr * st, sr * st, ct)
    }
}

/// HEALPix pixelisation of the sphere in the NESTED scheme, as RELION's `HealpixSampling` uses it
/// (`healpix_base.Set(order, NEST)`; spec §5.3).
///
/// Order `n` has `N_side = 2ⁿ` and `12·4ⁿ` equal-area pixels; pixel `p` of order `n` has children
/// `4p…4p+3` at order `n+1`. Each pixel centre becomes a direction with `rot = φ` (degrees, wrapped
/// into [−180, 180]) and `tilt = acos z` (degrees), as RELION's `getDirectionFromHealPix`. The centre
/// formulas are those of Górski et al. (2005), ApJ 622:759.
public enum Healpix {
    /// Number of pixels at `order`: `12·4^order`.
    public static func pixelCount(order: Int) -> Int { 12 << (2 * order) }

    /// `N_side = 2^order`.
    public static func nside(order: Int) -> Int { 1 << order }

    /// Centre of NESTED pixel `pixel` at `order` as (z = cos θ, φ in radians, 0…2π).
    public static func centre(pixel: Int, order: Int) -> (z: Double, phi: Double) {
        precondition(order >= 0 && order <= 20, "Healpix: order \(order) outside 0…20")
        precondition(pixel >= 0 && pixel < pixelCount(order: order),
                     "Healpix: pixel \(pixel) outside 0..<\(pixelCount(order: order)) at order \(order)")
        let nside = 1 << order
        let facePixels = nside * nside
        let face = pixel >> (2 * order)
        let inFace = pixel & (facePixels - 1)
        let ix = compactEvenBits(inFace)
        let iy = compactEvenBits(inFace >> 1)

        // Ring index 1…4·nside−1 counted from the north pole.
        let ringBase = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]
        let phiBase = [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7]
        let ring = ringBase[face] * nside - ix - iy - 1
        let fact2 = 4.0 / Double(12 * facePixels)
        var ringPixels: Int
        var z: Double
        var shift: Int
        if ring < nside {
            ringPixels = ring
            z = 1 - Double(ringPixels * ringPixels) * fact2
            shift = 0
        } else if ring > 3 * nside {
            ringPixels = 4 * nside - ring
            z = Double(ringPixels * ringPixels) * fact2 - 1
            shift = 0
        } else {
            ringPixels = nside
            z = Double(2 * nside - ring) * Double(2 * nside) * fact2
            shift = (ring - nside) & 1
        }
        var jp = (phiBase[face] * ringPixels + ix - iy + 1 + shift) / 2
        if jp > 4 * nside { jp -= 4 * nside }
        if jp < 1 { jp += 4 * nside }
        let phi = (Double(jp) - Double(shift + 1) * 0.5) * (Double.pi / 2 / Double(ringPixels))
        return (z, phi)
    }

    /// Direction of NESTED pixel `pixel` at `order` (RELION's rot/tilt convention).
    public static func direction(pixel: Int, order: Int) -> SamplingDirection {
        let c = centre(pixel: pixel, order: order)
        var rot = c.phi * 180 / Double.pi
        if rot > 180 { rot -= 360 }
        let tilt = _acos(max(-1, min(1, c.z))) * 180 / Double.pi
        return SamplingDirection(rot: rot, tilt: tilt)
    }

    /// All directions at `order` in NESTED pixel order (index = pixel number).
    public static func directions(order: Int) -> [SamplingDirection] {
        (0..<pixelCount(order: order)).map { direction(pixel: $0, order: order) }
    }

    /// Bits 0, 2, 4, … of `v` packed into consecutive bits.
    static func compactEvenBits(_ v: Int) -> Int {
        var out = 0
        var bit = 0
        var x = v
        while x != 0 {
            out |= (x & 1) << bit
            x >>= 2
            bit += 1
        }
        return out
    }
}
