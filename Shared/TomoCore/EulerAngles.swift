/// RELION Euler angles (degrees) in the ZYZ convention: rot about Z, tilt about the new Y,
/// psi about the new Z (spec §10.1).
///
/// `matrix` is RELION's `Euler_angles2matrix`: `A = (R_z(rot)·R_y(tilt)·R_z(psi))ᵀ`, which maps a
/// reference-frame coordinate `r` to the observation frame, `i = A·r`; a projection is the central
/// slice `F_img(κ) = F_ref(Aᵀ(κx, κy, 0))`. It equals scipy's
/// `Rotation.from_euler('ZYZ', [rot, tilt, psi], degrees=True).as_matrix().T`.
public struct EulerAngles: Hashable, Sendable, CustomStringConvertible {
    public var rot: Double
    public var tilt: Double
    public var psi: Double

    public init(rot: Double, tilt: Double, psi: Double) { self.rot = rot; self.tilt = tilt; self.psi = psi }
    public static let zero = EulerAngles(rot: 0, tilt: 0, psi: 0)

    /// RELION's rotation matrix `A(rot, tilt, psi)` (reference → observation).
    public var matrix: Matrix3 {
        let (ca, sa) = cosSin(degrees: rot)
        let (cb, sb) = cosSin(degrees: tilt)
        let (cg, sg) = cosSin(degrees: psi)
        return Matrix3([
            cg * cb * ca - sg * sa, cg * cb * sa + sg * ca, -cg * sb,
            -sg * cb * ca - cg * sa, -sg * cb * sa + cg * ca, sg * sb,
            sb * ca, sb * sa, cb,
        ])
    }

    /// Angles of a RELION matrix (`Euler_matrix2angles`): tilt ∈ [0, 180], rot and psi ∈ (−180, 180].
    /// When |sin tilt| is ~0 the in-plane rotation goes to psi and rot = 0.
    public init(matrix a: Matrix3) {
        let abssb = (a[0, 2] * a[0, 2] + a[1, 2] * a[1, 2]).squareRoot()
        let radToDeg = 180 / Double.pi
        if abssb > 16 * Double(Float.ulpOfOne) {
            psi = _atan2(a[1, 2], -a[0, 2]) * radToDeg
            rot = _atan2(a[2, 1], a[2, 0]) * radToDeg
            tilt = _atan2(abssb, a[2, 2]) * radToDeg
        } else {
            rot = 0
            tilt = a[2, 2] > 0 ? 0 : 180
            psi = a[2, 2] > 0 ? _atan2(-a[1, 0], a[0, 0]) * radToDeg : _atan2(a[1, 0], -a[0, 0]) * radToDeg
        }
    }

    public var description: String { "(rot \(rot), tilt \(tilt), psi \(psi))" }
}

/// Angle (degrees, 0…180) of the rotation that takes `a` to `b`: `acos((tr(aᵀb) − 1)/2)`.
public func angularDistance(_ a: Matrix3, _ b: Matrix3) -> Double {
    let m = a.transposed * b
    let c = max(-1, min(1, (m[0, 0] + m[1, 1] + m[2, 2] - 1) / 2))
    return _acos(c) * 180 / .pi
}
