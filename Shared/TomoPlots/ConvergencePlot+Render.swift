extension ConvergencePlot {
    /// Draws the plot.
    public func render() -> Canvas {
        var canvas = Canvas(width: width, height: height)
        if let title { canvas.drawText(title, x: Self.leftSpace, y: Self.margin, scale: 2) }
        let top = resolutionAxes, bottom = distributionAxes
        for (axes, label) in [(top, "Resolution (Å)"), (bottom, "Class distribution")] {
            canvas.drawAxes(axes)
            let length = BitmapFont.width(of: label)
            canvas.drawText(label, x: Self.margin, y: axes.y + (axes.height - length) / 2, direction: .upward)
        }
        canvas.drawText("Iteration", centredAt: bottom.x + bottom.width / 2, y: bottom.y + bottom.height + 20)

        drawSeries(iterations.map { $0.resolution }, axes: top, color: Self.resolutionColor, on: &canvas)
        for k in 0..<classCount {
            let values = iterations.map { k < $0.classDistribution.count ? $0.classDistribution[k] : nil }
            drawSeries(values, axes: bottom, color: RGB.series(k + 1), on: &canvas)
        }
        drawLegend(at: (top.x + top.width + 10, bottom.y), on: &canvas)
        if iterations.isEmpty { canvas.drawText("no iterations yet", centredAt: top.x + top.width / 2, y: top.y + top.height / 2) }
        return canvas
    }

    /// One series: lines between consecutive iterations that both have a finite value, a dot
    /// (radius 1) at every value.
    private func drawSeries(_ values: [Double?], axes: PlotAxes, color: RGB, on canvas: inout Canvas) {
        var previous: (x: Int, y: Int)?
        var dots: [(x: Int, y: Int)] = []
        for (i, value) in values.enumerated() {
            guard let v = value, v.isFinite else { previous = nil; continue }
            let p = axes.pixel(Double(iterations[i].number), v)
            if let q = previous { canvas.drawLine(from: q, to: p, color: color) }
            previous = p
            dots.append(p)
        }
        for d in dots { canvas.fillDisc(x: d.x, y: d.y, radius: 1, color: color) }
    }

    private func drawLegend(at origin: (x: Int, y: Int), on canvas: inout Canvas) {
        for k in 0..<classCount {
            let y = origin.y + 4 + 12 * k
            canvas.fillRectangle(x: origin.x, y: y + 2, width: 14, height: 3, color: RGB.series(k + 1))
            canvas.drawText("Class \(k + 1)", x: origin.x + 18, y: y)
        }
    }
}
