import Foundation

/// Text formats shared by the monitor's views: progress bars, rates, durations.
public enum ProgressFormat {
    /// A bar of `width` cells, `█` for done and `░` for to do, in brackets.
    public static func bar(fraction: Double, width: Int) -> String {
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded(.down))))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
    }

    /// A duration as `42s`, `3m05s` or `2h07m` (rounded to the second).
    public static func duration(_ d: Duration) -> String {
        let s = Int((Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18).rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + String(format: "%02d", s % 60) + "s" }
        return "\(s / 3600)h" + String(format: "%02d", (s % 3600) / 60) + "m"
    }

    /// A number with `digits` decimals.
    public static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// Seconds with one decimal, e.g. `3.1 s`.
    public static func seconds(_ d: Duration) -> String {
        fixed(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, 1) + " s"
    }
}
