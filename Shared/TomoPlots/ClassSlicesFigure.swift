import TomoCore

/// The classification monitor's "Display": for each of K class maps, its three central
/// orthogonal sections (xy, xz, yz; see ``SlicePlane``) side by side, one row per class, with
/// the class number and its distribution and resolution written to the left.
///
/// Sections are magnified by an integer ``zoom`` (nearest neighbour) and shown as grey levels
/// through an ``IntensityWindow`` chosen by ``normalisation``. The geometry is ``layout``.
public struct ClassSlicesFigure: Sendable {
    /// One class: its map and what is known about it this iteration.
    public struct ClassMap: Sendable {
        /// The class map (the box, `nx × ny × nz` voxels).
        public var volume: RealVolume
        /// Fraction of particles in this class (`rlnClassDistribution`, 0…1), if known.
        public var distribution: Double?
        /// Resolution in Å (`rlnEstimatedResolution`), if known.
        public var resolution: Double?

        /// A class map with its optional distribution (fraction) and resolution (Å).
        public init(volume: RealVolume, distribution: Double? = nil, resolution: Double? = nil) {
            self.volume = volume
            self.distribution = distribution
            self.resolution = resolution
        }
    }

    /// How section values become grey levels.
    public enum Normalisation: Equatable, Sendable {
        /// Each section's own minimum is black and its maximum white.
        case perSlice
        /// One window for every section of every class: the `low` and `high` quantiles
        /// (fractions, e.g. 0.01 and 0.99) of all shown section values together, so classes
        /// compare by brightness.
        case sharedPercentiles(low: Double, high: Double)
    }

    /// The classes, class 1 first (row order).
    public var classes: [ClassMap]
    /// How values become grey levels (default: each section its own min–max).
    public var normalisation: Normalisation
    /// Integer magnification of the sections.
    public var zoom: Int
    /// A line written above the figure (e.g. "Iteration 12"), or nil.
    public var title: String?

    /// A figure of `classes` (class 1 first).
    /// - Parameter zoom: magnification; nil picks `max(1, 128 / largest box side)`.
    /// - Precondition: at least one class, all maps the same size, `zoom ≥ 1`.
    public init(classes: [ClassMap], normalisation: Normalisation = .perSlice, zoom: Int? = nil, title: String? = nil) {
        precondition(!classes.isEmpty, "ClassSlicesFigure needs at least one class map")
        let v = classes[0].volume
        for (i, c) in classes.enumerated() {
            precondition(c.volume.nx == v.nx && c.volume.ny == v.ny && c.volume.nz == v.nz,
                         "ClassSlicesFigure: class \(i + 1) is \(c.volume.nx)×\(c.volume.ny)×\(c.volume.nz), class 1 is \(v.nx)×\(v.ny)×\(v.nz)")
        }
        let z = zoom ?? max(1, 128 / max(v.nx, v.ny, v.nz))
        precondition(z >= 1, "ClassSlicesFigure: zoom must be ≥ 1, got \(z)")
        self.classes = classes
        self.normalisation = normalisation
        self.zoom = z
        self.title = title
    }

    /// Where everything goes.
    public var layout: ClassSlicesLayout {
        let v = classes[0].volume
        return ClassSlicesLayout(classCount: classes.count, nx: v.nx, ny: v.ny, nz: v.nz, zoom: zoom, hasTitle: title != nil)
    }

    /// The grey-level window for each class's sections, `[class][plane]` in ``SlicePlane`` order.
    public func windows(for sections: [[CentralSection]]) -> [[IntensityWindow]] {
        switch normalisation {
        case .perSlice:
            return sections.map { row in row.map { IntensityWindow.minMax(of: $0.values) } }
        case .sharedPercentiles(let low, let high):
            let shared = IntensityWindow.percentiles(of: sections.flatMap { $0.flatMap(\.values) }, low: low, high: high)
            return sections.map { row in row.map { _ in shared } }
        }
    }

    /// Draws the figure.
    public func render() -> Canvas {
        let layout = self.layout
        var canvas = Canvas(width: layout.width, height: layout.height)
        if let title { canvas.drawText(title, x: ClassSlicesLayout.margin, y: ClassSlicesLayout.margin, scale: 2) }
        for plane in SlicePlane.allCases {
            let o = layout.origin(classIndex: 0, plane: plane), s = layout.panelSize(plane)
            canvas.drawText(plane.rawValue, centredAt: o.x + s.width / 2, y: layout.headerY, color: .grey)
        }
        let sections = classes.map { c in SlicePlane.allCases.map { CentralSection(c.volume, plane: $0) } }
        let windows = self.windows(for: sections)
        for (k, c) in classes.enumerated() {
            drawLabel(c, number: k + 1, on: &canvas, layout: layout)
            for (p, plane) in SlicePlane.allCases.enumerated() {
                let o = layout.origin(classIndex: k, plane: plane), s = layout.panelSize(plane)
                canvas.drawRectangle(x: o.x - 1, y: o.y - 1, width: s.width + 2, height: s.height + 2, color: .lightGrey)
                draw(sections[k][p], window: windows[k][p], at: o, on: &canvas)
            }
        }
        return canvas
    }

    private func draw(_ section: CentralSection, window: IntensityWindow, at o: (x: Int, y: Int), on canvas: inout Canvas) {
        for row in 0..<section.height {
            for column in 0..<section.width {
                let grey = RGB(grey: window.grey(section[column, row]))
                canvas.fillRectangle(x: o.x + column * zoom, y: o.y + row * zoom, width: zoom, height: zoom, color: grey)
            }
        }
    }

    private func drawLabel(_ c: ClassMap, number: Int, on canvas: inout Canvas, layout: ClassSlicesLayout) {
        let x = ClassSlicesLayout.margin
        var y = layout.origin(classIndex: number - 1, plane: .xy).y
        canvas.drawText("Class \(number)", x: x, y: y, color: RGB.series(number))
        y += ClassSlicesLayout.labelLineHeight
        if let d = c.distribution {
            canvas.drawText(NumberText.fixed(d * 100, decimals: 1) + " %", x: x, y: y)
            y += ClassSlicesLayout.labelLineHeight
        }
        if let r = c.resolution { canvas.drawText(NumberText.fixed(r, decimals: 1) + " Å", x: x, y: y) }
    }
}
