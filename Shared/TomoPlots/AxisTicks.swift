#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tick positions for a linear axis at "nice" steps (1, 2 or 5 × 10ⁿ).
public struct AxisTicks: Equatable, Sendable {
    /// Tick values, ascending, evenly spaced by ``step``.
    public var values: [Double]
    /// Distance between ticks.
    public var step: Double
    /// Decimal places that show every tick exactly (0 for steps ≥ 1).
    public var decimals: Int

    /// Ticks covering `low…high` with about `count` intervals; the first tick is ≤ `low` and the
    /// last ≥ `high` (both multiples of the step). `integer` forces steps ≥ 1 (iteration axes).
    /// - Precondition: `low < high`, both finite, `count ≥ 1`.
    public init(low: Double, high: Double, count: Int = 5, integer: Bool = false) {
        precondition(low.isFinite && high.isFinite && low < high, "AxisTicks: need finite low < high, got \(low)…\(high)")
        precondition(count >= 1, "AxisTicks: count must be ≥ 1, got \(count)")
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let norm = raw / magnitude
        var step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude
        if integer { step = max(1, step.rounded()) }
        let first = floor(low / step + 1e-9), last = ceil(high / step - 1e-9)
        values = stride(from: first, through: last, by: 1).map { $0 * step }
        self.step = step
        decimals = step >= 1 ? 0 : Int(-floor(log10(step) + 1e-9))
    }

    /// The lowest tick.
    public var low: Double { values.first! }
    /// The highest tick.
    public var high: Double { values.last! }

    /// `value` as tick-label text with ``decimals`` places.
    public func label(_ value: Double) -> String { NumberText.fixed(value, decimals: decimals) }
}
