import Testing
@testable import TomoPlots

/// The convergence plot draws each series through the pixels its axes map the data to.
@Suite struct ConvergencePlotTests {
    static let iterations: [ConvergencePlot.Iteration] = [
        .init(number: 1, resolution: 30, classDistribution: [0.6, 0.3, 0.1]),
        .init(number: 2, resolution: 20, classDistribution: [0.7, 0.2, 0.1]),
        .init(number: 3, resolution: 16, classDistribution: [0.75, 0.15, 0.1]),
        .init(number: 4, resolution: 12, classDistribution: [0.7, 0.2, 0.1]),
    ]

    /// Pixels of `color` inside the frame of `axes`.
    static func pixels(of color: RGB, in c: Canvas, axes: PlotAxes) -> [(x: Int, y: Int)] {
        (axes.y..<axes.y + axes.height).flatMap { y in (axes.x..<axes.x + axes.width).map { (x: $0, y: y) } }
            .filter { c[$0.x, $0.y] == color }
    }

    /// Distance from `p` to the segment `a`–`b`.
    static func distance(_ p: (x: Int, y: Int), _ a: (x: Int, y: Int), _ b: (x: Int, y: Int)) -> Double {
        let (px, py, ax, ay, bx, by) = (Double(p.x), Double(p.y), Double(a.x), Double(a.y), Double(b.x), Double(b.y))
        let len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay)
        let t = len2 == 0 ? 0 : max(0, min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2))
        let dx = px - (ax + t * (bx - ax)), dy = py - (ay + t * (by - ay))
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Checks the series drawn in `color` against the polyline through `points`: every data
    /// pixel is coloured, every column between two points has a coloured pixel within 1 px of the
    /// exact line, and no coloured pixel lies more than 1.5 px from it (dots included).
    static func checkPolyline(_ points: [(x: Int, y: Int)], color: RGB, canvas: Canvas, axes: PlotAxes) {
        for p in points { #expect(canvas[p.x, p.y] == color, "data pixel \(p)") }
        for (a, b) in zip(points, points.dropFirst()) {
            for x in a.x...b.x {
                let exact = Double(a.y) + Double(b.y - a.y) * Double(x - a.x) / Double(b.x - a.x)
                let hit = (Int(exact) - 2...Int(exact) + 2).contains { canvas[x, $0] == color && abs(Double($0) - exact) <= 1 }
                #expect(hit || abs(b.y - a.y) > abs(b.x - a.x), "column \(x) between \(a) and \(b)")
            }
        }
        let drawn = pixels(of: color, in: canvas, axes: axes)
        #expect(!drawn.isEmpty)
        for p in drawn {
            let d = zip(points, points.dropFirst()).map { distance(p, $0, $1) }.min() ?? distance(p, points[0], points[0])
            #expect(d <= 1.5, "stray pixel \(p) of the series")
        }
    }

    @Test func resolutionSeriesPassesThroughItsPixels() {
        let plot = ConvergencePlot(iterations: Self.iterations)
        let canvas = plot.render(), axes = plot.resolutionAxes
        #expect(axes.xTicks.values == [1, 2, 3, 4])
        #expect(axes.yTicks.low <= 12 && axes.yTicks.high >= 30)
        let points = Self.iterations.map { axes.pixel(Double($0.number), $0.resolution!) }
        #expect(points.first!.x == axes.x + PlotAxes.inset && points.last!.x == axes.x + axes.width - 1 - PlotAxes.inset)
        Self.checkPolyline(points, color: ConvergencePlot.resolutionColor, canvas: canvas, axes: axes)
    }

    @Test func eachClassIsItsOwnColouredLine() {
        let plot = ConvergencePlot(iterations: Self.iterations, width: 500, height: 400, title: "Class3D")
        let canvas = plot.render(), axes = plot.distributionAxes
        #expect((canvas.width, canvas.height) == (500, 400))
        #expect(axes.yTicks.low == 0 && axes.yTicks.high >= 0.75)
        #expect(plot.classCount == 3)
        for k in 0..<3 {
            let points = Self.iterations.map { axes.pixel(Double($0.number), $0.classDistribution[k]) }
            Self.checkPolyline(points, color: RGB.series(k + 1), canvas: canvas, axes: axes)
            // legend swatch beside the lower panel
            #expect(canvas[axes.x + axes.width + 12, axes.y + 4 + 12 * k + 3] == RGB.series(k + 1))
        }
        #expect(Set((1...3).map(RGB.series)).count == 3)
    }

    @Test func missingResolutionBreaksTheLine() {
        var its = Self.iterations
        its[1].resolution = nil
        let plot = ConvergencePlot(iterations: its)
        let canvas = plot.render(), axes = plot.resolutionAxes
        let p1 = axes.pixel(1, 30), p3 = axes.pixel(3, 16)
        let column = (p1.x + p3.x) / 2
        let inGap = (axes.y..<axes.y + axes.height).filter { canvas[column, $0] == ConvergencePlot.resolutionColor }
        #expect(inGap.isEmpty)
        // iteration 1 is a lone dot; 3–4 is a line
        let p4 = axes.pixel(4, 12)
        for p in [p1, p3, p4] { #expect(canvas[p.x, p.y] == ConvergencePlot.resolutionColor) }
        for p in Self.pixels(of: ConvergencePlot.resolutionColor, in: canvas, axes: axes) {
            #expect(min(Self.distance(p, p1, p1), Self.distance(p, p3, p4)) <= 1.5, "stray pixel \(p)")
        }
    }

    @Test func singleAndNoIterationsStillDrawAxes() {
        let one = ConvergencePlot(iterations: [.init(number: 5, resolution: 10, classDistribution: [1])])
        #expect(one.iterationTicks.values == [4, 5, 6])
        #expect(one.render()[one.resolutionAxes.pixel(5, 10).x, one.resolutionAxes.pixel(5, 10).y] == ConvergencePlot.resolutionColor)
        let none = ConvergencePlot(iterations: []).render()
        #expect((none.width, none.height) == (640, 480))
        let axes = ConvergencePlot(iterations: []).resolutionAxes
        #expect(none[axes.x, axes.y] == .black)   // the frame's corner
    }
}
