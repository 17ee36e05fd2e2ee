/// Fixed-point number text for labels, without Foundation's `String(format:)`.
enum NumberText {
    /// `value` rounded half away from zero to `decimals` places, e.g. `fixed(3.14159, 2) == "3.14"`.
    /// A result that rounds to zero has no sign (`fixed(-0.04, 1) == "0.0"`).
    /// Non-finite values give `"nan"`, `"inf"` or `"-inf"`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        precondition(decimals >= 0 && decimals <= 9, "NumberText.fixed: decimals must be 0…9, got \(decimals)")
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return "\(value)" }
        let n = Int64(scaled)
        let unit = Int64(scale)
        let integer = n / unit, fraction = n % unit
        let sign = value < 0 && n != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(integer) }
        let digits = String(fraction)
        return sign + String(integer) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}
