/// An RGB raster that figures are drawn on and that is written as a PNG.
///
/// Pixel `(x, y)` has `x` to the right and `y` downwards, `(0, 0)` top left (PNG and screen
/// order). ``pixels`` holds `width·height·3` bytes, rows top to bottom, `r g b` per pixel.
/// Drawing outside the canvas is clipped silently, so shapes may overlap the edges.
public struct Canvas: Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Interleaved RGB bytes, pixel `(x, y)` at `3·(x + width·y)`.
    public var pixels: [UInt8]

    /// A canvas filled with `background`.
    /// - Precondition: both sizes are ≥ 1.
    public init(width: Int, height: Int, background: RGB = .white) {
        precondition(width >= 1 && height >= 1, "Canvas sizes must be ≥ 1, got \(width)×\(height)")
        self.width = width
        self.height = height
        var p = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: p.count, by: 3) { p[i] = background.r; p[i + 1] = background.g; p[i + 2] = background.b }
        pixels = p
    }

    /// Whether `(x, y)` lies on the canvas.
    @inlinable public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The colour at `(x, y)`; setting a pixel off the canvas does nothing.
    /// - Precondition: reading requires `(x, y)` on the canvas.
    public subscript(x: Int, y: Int) -> RGB {
        get {
            precondition(contains(x, y), "Canvas pixel (\(x), \(y)) is outside \(width)×\(height)")
            let i = 3 * (x + width * y)
            return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            guard contains(x, y) else { return }
            let i = 3 * (x + width * y)
            pixels[i] = newValue.r; pixels[i + 1] = newValue.g; pixels[i + 2] = newValue.b
        }
    }
}
