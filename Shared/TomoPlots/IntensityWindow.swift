/// The value range mapped to black…white when a section is shown as grey levels.
public struct IntensityWindow: Equatable, Sendable {
    /// The value shown black (and everything below it).
    public var low: Float
    /// The value shown white (and everything above it).
    public var high: Float

    /// A window from its two ends.
    public init(low: Float, high: Float) { self.low = low; self.high = high }

    /// The minimum and maximum of `values` (finite values only; `0…0` if there are none).
    public static func minMax(of values: [Float]) -> IntensityWindow {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? IntensityWindow(low: lo, high: hi) : IntensityWindow(low: 0, high: 0)
    }

    /// The `low` and `high` quantiles (fractions in 0…1) of the finite `values`, by nearest rank
    /// on the sorted values (index `round(q·(n−1))`).
    /// - Precondition: `0 ≤ low ≤ high ≤ 1`.
    public static func percentiles(of values: [Float], low: Double, high: Double) -> IntensityWindow {
        precondition(0 <= low && low <= high && high <= 1, "IntensityWindow: need 0 ≤ low ≤ high ≤ 1, got \(low), \(high)")
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return IntensityWindow(low: 0, high: 0) }
        let last = Double(sorted.count - 1)
        return IntensityWindow(low: sorted[Int((low * last).rounded())], high: sorted[Int((high * last).rounded())])
    }

    /// The grey level of `value`: `round(255·(value − low)/(high − low))` clamped to 0…255;
    /// 0 for every value when the window is empty (`high ≤ low`, a flat section) or `value` is NaN.
    public func grey(_ value: Float) -> UInt8 {
        guard high > low, !value.isNaN else { return 0 }
        let t = (value - low) / (high - low)
        return UInt8((min(max(t, 0), 1) * 255).rounded())
    }
}
