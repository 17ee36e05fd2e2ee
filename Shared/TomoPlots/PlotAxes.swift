/// One panel of a line plot: the framed plot area on the canvas and the data ranges it shows.
///
/// Data map linearly into the frame inset by ``inset`` pixels, so points at the ends of a range
/// do not sit on the frame; y grows upwards.
public struct PlotAxes: Equatable, Sendable {
    /// Pixels between the frame and the extreme data positions.
    public static let inset = 4

    /// Top-left pixel of the frame.
    public var x: Int, y: Int
    /// Frame size in pixels.
    public var width: Int, height: Int
    /// Ticks (and range: first to last tick) along x.
    public var xTicks: AxisTicks
    /// Ticks (and range: first to last tick) along y.
    public var yTicks: AxisTicks

    /// A panel framing `width × height` pixels from `(x, y)`, showing `xTicks.low…xTicks.high`
    /// across and `yTicks.low…yTicks.high` upwards.
    public init(x: Int, y: Int, width: Int, height: Int, xTicks: AxisTicks, yTicks: AxisTicks) {
        self.x = x; self.y = y; self.width = width; self.height = height
        self.xTicks = xTicks; self.yTicks = yTicks
    }

    /// Canvas column of data value `dataX`.
    public func column(_ dataX: Double) -> Int {
        let t = (dataX - xTicks.low) / (xTicks.high - xTicks.low)
        return x + Self.inset + Int((t * Double(width - 1 - 2 * Self.inset)).rounded())
    }

    /// Canvas row of data value `dataY`.
    public func row(_ dataY: Double) -> Int {
        let t = (dataY - yTicks.low) / (yTicks.high - yTicks.low)
        return y + height - 1 - Self.inset - Int((t * Double(height - 1 - 2 * Self.inset)).rounded())
    }

    /// Canvas pixel of the data point `(dataX, dataY)`.
    public func pixel(_ dataX: Double, _ dataY: Double) -> (x: Int, y: Int) { (column(dataX), row(dataY)) }
}

extension Canvas {
    /// Draws `axes`: light grid lines at the ticks, the black frame, outward tick marks and tick
    /// labels (below for x, right-aligned to the left for y).
    public mutating func drawAxes(_ axes: PlotAxes) {
        let right = axes.x + axes.width - 1, bottom = axes.y + axes.height - 1
        for t in axes.yTicks.values {
            let r = axes.row(t)
            drawLine(from: (axes.x, r), to: (right, r), color: .lightGrey)
            drawLine(from: (axes.x - 4, r), to: (axes.x - 1, r), color: .black)
            let label = axes.yTicks.label(t)
            drawText(label, x: axes.x - 6 - BitmapFont.width(of: label), y: r - 3)
        }
        for t in axes.xTicks.values {
            let c = axes.column(t)
            drawLine(from: (c, axes.y), to: (c, bottom), color: .lightGrey)
            drawLine(from: (c, bottom + 1), to: (c, bottom + 4), color: .black)
            drawText(axes.xTicks.label(t), centredAt: c, y: bottom + 6)
        }
        drawRectangle(x: axes.x, y: axes.y, width: axes.width, height: axes.height, color: .black)
    }
}
