/// A single-precision complex number laid out as two consecutive `Float`s (`re`, `im`),
/// so an array of `ComplexF` is layout-compatible with `fftwf_complex` and with C's
/// `float _Complex`.
public struct ComplexF: Hashable, Sendable, CustomStringConvertible {
    /// Real part.
    public var re: Float
    /// Imaginary part.
    public var im: Float

    /// `re + i·im`.
    @inlinable public init(_ re: Float, _ im: Float = 0) { self.re = re; self.im = im }
    /// `re + i·im`.
    @inlinable public init(re: Float, im: Float) { self.re = re; self.im = im }
    /// 0 + 0i.
    public static let zero = ComplexF(0, 0)

    /// `cos θ + i sin θ` (θ in radians).
    @inlinable public static func unit(phase theta: Double) -> ComplexF {
        ComplexF(Float(_cos(theta)), Float(_sin(theta)))
    }
    /// Complex conjugate.
    @inlinable public var conjugate: ComplexF { ComplexF(re, -im) }
    /// `|z|²`.
    @inlinable public var normSquared: Float { re * re + im * im }
    /// `|z|`.
    @inlinable public var magnitude: Float { normSquared.squareRoot() }

    @inlinable public static func + (a: ComplexF, b: ComplexF) -> ComplexF { ComplexF(a.re + b.re, a.im + b.im) }
    @inlinable public static func - (a: ComplexF, b: ComplexF) -> ComplexF { ComplexF(a.re - b.re, a.im - b.im) }
    @inlinable public static func * (a: ComplexF, b: ComplexF) -> ComplexF {
        ComplexF(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    @inlinable public static func * (s: Float, a: ComplexF) -> ComplexF { ComplexF(s * a.re, s * a.im) }
    @inlinable public static func * (a: ComplexF, s: Float) -> ComplexF { ComplexF(s * a.re, s * a.im) }
    @inlinable public static func / (a: ComplexF, s: Float) -> ComplexF { ComplexF(a.re / s, a.im / s) }
    @inlinable public static func += (a: inout ComplexF, b: ComplexF) { a.re += b.re; a.im += b.im }
    @inlinable public static func -= (a: inout ComplexF, b: ComplexF) { a.re -= b.re; a.im -= b.im }
    @inlinable public static func *= (a: inout ComplexF, s: Float) { a.re *= s; a.im *= s }
    @inlinable public static func *= (a: inout ComplexF, b: ComplexF) { a = a * b }
    @inlinable public static prefix func - (a: ComplexF) -> ComplexF { ComplexF(-a.re, -a.im) }

    public var description: String { "\(re)\(im < 0 ? "-" : "+")\(abs(im))i" }
}
