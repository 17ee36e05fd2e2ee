/// Which way a line of text runs.
public enum TextDirection: Sendable {
    /// Left to right, glyphs upright.
    case horizontal
    /// Bottom to top, glyphs turned 90° anticlockwise (a y-axis label).
    case upward
}

extension Canvas {
    /// Draws `text` in ``BitmapFont`` at integer `scale`.
    ///
    /// `(x, y)` is the top-left pixel of the text's box: `BitmapFont.width(of:scale:)` wide and
    /// `BitmapFont.height(scale:)` high for `.horizontal`; those two swapped for `.upward`, whose
    /// first character sits at the box's bottom.
    public mutating func drawText(_ text: String, x: Int, y: Int, color: RGB = .black, scale: Int = 1,
                                  direction: TextDirection = .horizontal) {
        precondition(scale >= 1, "drawText: scale must be ≥ 1, got \(scale)")
        let length = BitmapFont.width(of: text, scale: scale)
        for (n, character) in text.enumerated() {
            let rows = BitmapFont.glyph(character)
            for (gy, bits) in rows.enumerated() {
                for gx in 0..<BitmapFont.glyphWidth where bits & (0b10000 >> UInt8(gx)) != 0 {
                    for sy in 0..<scale { for sx in 0..<scale {
                        let u = (n * BitmapFont.advance + gx) * scale + sx   // along the text
                        let v = gy * scale + sy                               // down the glyph
                        switch direction {
                        case .horizontal: self[x + u, y + v] = color
                        case .upward: self[x + v, y + length - 1 - u] = color
                        }
                    } }
                }
            }
        }
    }

    /// Draws `text` horizontally centred on `centreX`, its top at `y`.
    public mutating func drawText(_ text: String, centredAt centreX: Int, y: Int, color: RGB = .black, scale: Int = 1) {
        drawText(text, x: centreX - BitmapFont.width(of: text, scale: scale) / 2, y: y, color: color, scale: scale)
    }
}
