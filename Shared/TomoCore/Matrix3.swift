/// A 3×3 matrix of `Double`, stored row-major: `m[r][c]` is `rows[r][c]`.
/// A matrix acts on column vectors from the left (`v' = M·v`).
public struct Matrix3: Hashable, Sendable, CustomStringConvertible {
    /// Row-major elements, `e[3*r + c]`.
    public var e: [Double]

    /// Builds from three rows.
    public init(rows r0: Vector3, _ r1: Vector3, _ r2: Vector3) {
        e = [r0.x, r0.y, r0.z, r1.x, r1.y, r1.z, r2.x, r2.y, r2.z]
    }
    /// Builds from nine row-major elements.
    public init(_ elements: [Double]) {
        precondition(elements.count == 9, "Matrix3 needs 9 elements")
        e = elements
    }
    public static let identity = Matrix3([1, 0, 0, 0, 1, 0, 0, 0, 1])

    @inlinable public subscript(r: Int, c: Int) -> Double {
        get { e[3 * r + c] }
        set { e[3 * r + c] = newValue }
    }
    public func row(_ r: Int) -> Vector3 { Vector3(e[3 * r], e[3 * r + 1], e[3 * r + 2]) }
    public func column(_ c: Int) -> Vector3 { Vector3(e[c], e[3 + c], e[6 + c]) }

    public var transposed: Matrix3 {
        Matrix3([e[0], e[3], e[6], e[1], e[4], e[7], e[2], e[5], e[8]])
    }
    public var determinant: Double {
        e[0] * (e[4] * e[8] - e[5] * e[7]) - e[1] * (e[3] * e[8] - e[5] * e[6]) + e[2] * (e[3] * e[7] - e[4] * e[6])
    }
    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        var out = [Double](repeating: 0, count: 9)
        for r in 0..<3 { for c in 0..<3 {
            out[3 * r + c] = a.e[3 * r] * b.e[c] + a.e[3 * r + 1] * b.e[3 + c] + a.e[3 * r + 2] * b.e[6 + c]
        } }
        return Matrix3(out)
    }
    public static func * (a: Matrix3, v: Vector3) -> Vector3 {
        Vector3(a.e[0] * v.x + a.e[1] * v.y + a.e[2] * v.z,
                a.e[3] * v.x + a.e[4] * v.y + a.e[5] * v.z,
                a.e[6] * v.x + a.e[7] * v.y + a.e[8] * v.z)
    }
    /// Largest absolute element-wise difference.
    public func maxAbsDifference(_ o: Matrix3) -> Double { zip(e, o.e).map { abs($0 - $1) }.max() ?? 0 }

    /// Active right-handed rotation about X by `degrees`.
    public static func rotationX(degrees a: Double) -> Matrix3 {
        let (c, s) = cosSin(degrees: a)
        return Matrix3([1, 0, 0, 0, c, -s, 0, s, c])
    }
    /// Active right-handed rotation about Y by `degrees`.
    public static func rotationY(degrees a: Double) -> Matrix3 {
        let (c, s) = cosSin(degrees: a)
        return Matrix3([c, 0, s, 0, 1, 0, -s, 0, c])
    }
    /// Active right-handed rotation about Z by `degrees`.
    public static func rotationZ(degrees a: Double) -> Matrix3 {
        let (c, s) = cosSin(degrees: a)
        return Matrix3([c, -s, 0, s, c, 0, 0, 0, 1])
    }
    public var description: String { "[\(row(0)), \(row(1)), \(row(2))]" }
}

/// cos and sin of an angle in degrees, exact at multiples of 90°.
@inlinable public func cosSin(degrees a: Double) -> (Double, Double) {
    let r = a.truncatingRemainder(dividingBy: 360)
    switch r {
    case 0: return (1, 0)
    case 90, -270: return (0, 1)
    case 180, -180: return (-1, 0)
    case 270, -90: return (0, -1)
    default:
        let rad = a * .pi / 180
        return (_cos(rad), _sin(rad))
    }
}
