/// An 8-bit sRGB colour.
public struct RGB: Hashable, Sendable {
    /// Red, 0…255.
    public var r: UInt8
    /// Green, 0…255.
    public var g: UInt8
    /// Blue, 0…255.
    public var b: UInt8

    /// A colour from its three components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }
    /// A grey level (`r = g = b = level`).
    public init(grey level: UInt8) { self.init(level, level, level) }

    /// Black.
    public static let black = RGB(0, 0, 0)
    /// White.
    public static let white = RGB(255, 255, 255)
    /// The light grey used for grid lines.
    public static let lightGrey = RGB(220, 220, 220)
    /// The mid grey used for secondary text.
    public static let grey = RGB(110, 110, 110)

    /// Ten distinct series colours (Tableau 10), none of them black, white or grey, so a
    /// series is never confused with axes, text or grid. Class `k` (1-based) uses
    /// `palette[(k - 1) % 10]`; see ``series(_:)``.
    public static let palette: [RGB] = [
        RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40), RGB(148, 103, 189),
        RGB(140, 86, 75), RGB(227, 119, 194), RGB(188, 189, 34), RGB(23, 190, 207), RGB(0, 0, 128),
    ]

    /// The colour of series (class) `index`, 1-based, cycling through ``palette``.
    public static func series(_ index: Int) -> RGB { palette[((index - 1) % palette.count + palette.count) % palette.count] }
}
