/// A tilt scheme: the stage tilt angles in acquisition order and the dose per tilt.
///
/// The dose-symmetric (Hagen) scheme starts at `start` (usually 0°), then alternates groups of
/// `groupSize` tilts on the positive and negative side, moving outwards, so the low tilts carry
/// the least accumulated dose.
public struct TiltScheme: Sendable, Hashable {
    /// Stage tilt angles (degrees) in acquisition order; the frame index is the position here.
    public var angles: [Double]
    /// Electron dose per tilt image (e/Å²).
    public var dosePerTilt: Double

    public init(angles: [Double], dosePerTilt: Double) { self.angles = angles; self.dosePerTilt = dosePerTilt }

    /// The dose-symmetric scheme from `minimum` to `maximum` in steps of `step` (degrees).
    public static func doseSymmetric(minimum: Double = -60, maximum: Double = 60, step: Double = 3,
                                     start: Double = 0, groupSize: Int = 2, dosePerTilt: Double = 3) -> TiltScheme {
        var positive: [Double] = [], negative: [Double] = []
        var a = start + step
        while a <= maximum + 1e-9 { positive.append(a); a += step }
        a = start - step
        while a >= minimum - 1e-9 { negative.append(a); a -= step }
        var order = [start]
        var p = 0, n = 0
        while p < positive.count || n < negative.count {
            for _ in 0..<groupSize where p < positive.count { order.append(positive[p]); p += 1 }
            for _ in 0..<groupSize where n < negative.count { order.append(negative[n]); n += 1 }
        }
        return TiltScheme(angles: order, dosePerTilt: dosePerTilt)
    }

    /// Cumulative dose before each tilt (`rlnMicrographPreExposure`), in acquisition order.
    public var preExposures: [Double] { angles.indices.map { Double($0) * dosePerTilt } }
}
