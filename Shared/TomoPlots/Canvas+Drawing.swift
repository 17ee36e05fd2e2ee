/// Lines and rectangles, in pixel coordinates (`x` right, `y` down), clipped to the canvas.
extension Canvas {
    /// Draws a 1-pixel line from `(x0, y0)` to `(x1, y1)`, both ends included (Bresenham), so
    /// every pixel on it is the integer point nearest the exact line in its column or row.
    public mutating func drawLine(from start: (x: Int, y: Int), to end: (x: Int, y: Int), color: RGB) {
        var x = start.x, y = start.y
        let dx = abs(end.x - x), sx = x < end.x ? 1 : -1
        let dy = -abs(end.y - y), sy = y < end.y ? 1 : -1
        var err = dx + dy
        while true {
            self[x, y] = color
            if x == end.x && y == end.y { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Draws line segments through `points` in order (nothing for fewer than two points except
    /// the single pixel of a one-point series).
    public mutating func drawPolyline(_ points: [(x: Int, y: Int)], color: RGB) {
        guard let first = points.first else { return }
        if points.count == 1 { self[first.x, first.y] = color; return }
        for i in 1..<points.count { drawLine(from: points[i - 1], to: points[i], color: color) }
    }

    /// Draws the 1-pixel outline of the rectangle whose top-left pixel is `(x, y)` and that
    /// covers `width × height` pixels.
    public mutating func drawRectangle(x: Int, y: Int, width w: Int, height h: Int, color: RGB) {
        guard w > 0 && h > 0 else { return }
        drawLine(from: (x, y), to: (x + w - 1, y), color: color)
        drawLine(from: (x, y + h - 1), to: (x + w - 1, y + h - 1), color: color)
        drawLine(from: (x, y), to: (x, y + h - 1), color: color)
        drawLine(from: (x + w - 1, y), to: (x + w - 1, y + h - 1), color: color)
    }

    /// Fills the `width × height` pixels whose top-left pixel is `(x, y)`.
    public mutating func fillRectangle(x: Int, y: Int, width w: Int, height h: Int, color: RGB) {
        let x0 = max(0, x), x1 = min(self.width, x + w)
        let y0 = max(0, y), y1 = min(self.height, y + h)
        guard x0 < x1 && y0 < y1 else { return }
        for yy in y0..<y1 { for xx in x0..<x1 { self[xx, yy] = color } }
    }

    /// Draws a filled disc of `radius` pixels centred on `(x, y)` (a marker on a series).
    public mutating func fillDisc(x: Int, y: Int, radius: Int, color: RGB) {
        guard radius >= 0 else { return }
        for dy in -radius...radius { for dx in -radius...radius where dx * dx + dy * dy <= radius * radius + radius {
            self[x + dx, y + dy] = color
        } }
    }
}
