import Testing
@testable import TomoPlots

/// Pixels set by the drawing primitives and the bitmap font.
@Suite struct CanvasTests {
    static let ink = RGB(200, 10, 10)

    /// The set of pixels of `color`.
    static func pixels(of color: RGB, in c: Canvas) -> Set<[Int]> {
        var out = Set<[Int]>()
        for y in 0..<c.height { for x in 0..<c.width where c[x, y] == color { out.insert([x, y]) } }
        return out
    }

    @Test func linesIncludeBothEndsAndFollowTheSegment() {
        var c = Canvas(width: 20, height: 20)
        c.drawLine(from: (2, 3), to: (9, 3), color: Self.ink)
        #expect(Self.pixels(of: Self.ink, in: c) == Set((2...9).map { [$0, 3] }))
        c = Canvas(width: 20, height: 20)
        c.drawLine(from: (5, 5), to: (0, 0), color: Self.ink)
        #expect(Self.pixels(of: Self.ink, in: c) == Set((0...5).map { [$0, $0] }))
        c = Canvas(width: 20, height: 20)
        c.drawLine(from: (1, 1), to: (13, 5), color: Self.ink)   // one pixel per column, within ½ px of the line
        let drawn = Self.pixels(of: Self.ink, in: c)
        #expect(drawn.count == 13)
        for p in drawn { #expect(abs(Double(p[1]) - (1 + Double(p[0] - 1) * 4 / 12)) <= 0.5) }
    }

    @Test func rectanglesOutlineFillAndClip() {
        var c = Canvas(width: 30, height: 20)
        c.drawRectangle(x: 3, y: 4, width: 7, height: 5, color: Self.ink)
        #expect(Self.pixels(of: Self.ink, in: c).count == 2 * 7 + 2 * 5 - 4)
        #expect(c[3, 4] == Self.ink && c[9, 8] == Self.ink && c[6, 6] == .white)
        c.fillRectangle(x: 25, y: 15, width: 10, height: 10, color: .black)   // clipped to 5×5
        #expect(Self.pixels(of: .black, in: c).count == 25)
    }

    @Test func textDrawsTheFontTable() {
        var c = Canvas(width: 40, height: 20)
        c.drawText("1Å", x: 2, y: 3, color: Self.ink, scale: 2)
        let one = BitmapFont.glyph("1")
        for row in 0..<7 { for col in 0..<5 {
            let on = one[row] & (0b10000 >> UInt8(col)) != 0
            #expect((c[2 + 2 * col + 1, 3 + 2 * row + 1] == Self.ink) == on, "pixel (\(col), \(row)) of '1'")
        } }
        #expect(BitmapFont.width(of: "1Å", scale: 2) == 22)
        let bits = (one + BitmapFont.glyph("Å")).reduce(0) { $0 + $1.nonzeroBitCount }
        #expect(Self.pixels(of: Self.ink, in: c).count == 4 * bits)
        #expect(BitmapFont.hasGlyph("°") && BitmapFont.hasGlyph("Å") && !BitmapFont.hasGlyph("~"))
        #expect(BitmapFont.glyph("~") == BitmapFont.glyph("?"))
    }

    @Test func upwardTextIsHorizontalTextTurnedAnticlockwise() {
        let text = "Res 8Å"
        let w = BitmapFont.width(of: text), h = BitmapFont.height()
        var across = Canvas(width: w, height: h), up = Canvas(width: h, height: w)
        across.drawText(text, x: 0, y: 0, color: Self.ink)
        up.drawText(text, x: 0, y: 0, color: Self.ink, direction: .upward)
        for y in 0..<h { for x in 0..<w { #expect(across[x, y] == up[y, w - 1 - x]) } }
    }

    @Test func numbersAndTicksAreExact() {
        #expect(NumberText.fixed(3.14159, decimals: 2) == "3.14")
        #expect(NumberText.fixed(-0.04, decimals: 1) == "0.0")
        #expect(NumberText.fixed(-2.25, decimals: 1) == "-2.3")
        #expect(NumberText.fixed(0.05, decimals: 2) == "0.05")
        #expect(NumberText.fixed(12, decimals: 0) == "12")
        let t = AxisTicks(low: 0.37, high: 0.61, count: 4)
        #expect(abs(t.step - 0.05) < 1e-12 && t.decimals == 2 && t.values.count == 7)
        #expect(t.values.map(t.label) == ["0.35", "0.40", "0.45", "0.50", "0.55", "0.60", "0.65"])
        let it = AxisTicks(low: 1, high: 25, integer: true)
        #expect(it.values == [0, 5, 10, 15, 20, 25])
        #expect(AxisTicks(low: 1, high: 3, integer: true).values == [1, 2, 3])
    }
}
