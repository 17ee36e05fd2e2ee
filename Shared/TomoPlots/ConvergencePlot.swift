/// Convergence of a refinement or classification run: resolution (Å) over iterations in the
/// upper panel, each class's distribution (fraction of particles) over iterations in the lower,
/// with a legend of class colours (``RGB/series(_:)``) to the right.
///
/// Series join consecutive iterations that have a value, with a dot at each value; an iteration
/// without one breaks the line. The geometry is ``resolutionAxes`` and ``distributionAxes``.
public struct ConvergencePlot: Sendable {
    /// What one iteration reported.
    public struct Iteration: Sendable {
        /// The iteration number (RELION's `_it` number).
        public var number: Int
        /// Resolution in Å, if known.
        public var resolution: Double?
        /// Fraction of particles in each class, class 1 first (may be empty for refinement).
        public var classDistribution: [Double]

        /// An iteration's record.
        public init(number: Int, resolution: Double?, classDistribution: [Double] = []) {
            self.number = number
            self.resolution = resolution
            self.classDistribution = classDistribution
        }
    }

    /// Blank border around the figure.
    public static let margin = 8
    /// Space left of the frames for the y-axis label and tick labels.
    public static let leftSpace = 60
    /// Space right of the frames for the legend.
    public static let legendWidth = 84
    /// Space between the panels (the upper panel's x tick labels).
    public static let panelGap = 26
    /// Space below the lower frame for tick labels and the x-axis label.
    public static let bottomSpace = 34
    /// Height of the title line.
    public static let titleHeight = 22
    /// Colour of the resolution series.
    public static let resolutionColor = RGB(20, 20, 20)

    /// The iterations, sorted by number.
    public let iterations: [Iteration]
    /// Canvas width.
    public let width: Int
    /// Canvas height.
    public let height: Int
    /// A line written above the plot, or nil.
    public let title: String?

    /// A plot of `iterations` (in any order; they are plotted by number) on a `width × height` canvas.
    /// - Precondition: `width ≥ 240`, `height ≥ 200` (room for both panels).
    public init(iterations: [Iteration], width: Int = 640, height: Int = 480, title: String? = nil) {
        precondition(width >= 240 && height >= 200, "ConvergencePlot needs at least 240×200 pixels, got \(width)×\(height)")
        self.iterations = iterations.sorted { $0.number < $1.number }
        self.width = width
        self.height = height
        self.title = title
    }

    /// Number of classes: the longest distribution reported.
    public var classCount: Int { iterations.map(\.classDistribution.count).max() ?? 0 }

    private var frameTop: Int { Self.margin + (title != nil ? Self.titleHeight : 0) }
    private var frameHeight: Int { (height - frameTop - Self.panelGap - Self.bottomSpace) / 2 }
    private var frameWidth: Int { width - Self.leftSpace - Self.legendWidth }

    /// Iteration ticks shared by both panels: integer steps over the first…last iteration
    /// (`n−1…n+1` for a single iteration `n`, `0…1` for none).
    public var iterationTicks: AxisTicks {
        guard let first = iterations.first?.number, let last = iterations.last?.number else {
            return AxisTicks(low: 0, high: 1, integer: true)
        }
        return first < last ? AxisTicks(low: Double(first), high: Double(last), integer: true)
                            : AxisTicks(low: Double(first - 1), high: Double(first + 1), integer: true)
    }

    /// The upper panel: resolution in Å, ticks around the smallest…largest value (±1 Å when they
    /// are equal, 0…10 when there is none).
    public var resolutionAxes: PlotAxes {
        let values = iterations.compactMap(\.resolution).filter(\.isFinite)
        let lo = values.min() ?? 0, hi = values.max() ?? 10
        let ticks = lo < hi ? AxisTicks(low: lo, high: hi, count: 4) : AxisTicks(low: lo - 1, high: hi + 1, count: 4)
        return PlotAxes(x: Self.leftSpace, y: frameTop, width: frameWidth, height: frameHeight,
                        xTicks: iterationTicks, yTicks: ticks)
    }

    /// The lower panel: class distribution from 0 to a tick at or above the largest fraction
    /// (at most 1).
    public var distributionAxes: PlotAxes {
        let hi = iterations.flatMap(\.classDistribution).filter(\.isFinite).max() ?? 1
        let ticks = AxisTicks(low: 0, high: min(max(hi, 0.05), 1), count: 4)
        return PlotAxes(x: Self.leftSpace, y: frameTop + frameHeight + Self.panelGap, width: frameWidth,
                        height: frameHeight, xTicks: iterationTicks, yTicks: ticks)
    }
}
