/// The geometry of a ``ClassSlicesFigure``, in canvas pixels (`x` right, `y` down).
///
/// Left to right: ``margin``, the label column (``labelWidth``), then the xy, xz and yz
/// panels separated by ``gap``, then ``margin``. Top to bottom: ``margin``, the title line
/// (``titleHeight``, only with a title), the column-name line (``headerHeight``), then one row
/// per class, ``rowHeight`` high and ``gap`` apart, then ``margin``.
public struct ClassSlicesLayout: Equatable, Sendable {
    /// Blank border around the figure.
    public static let margin = 8
    /// Width of the label column left of the panels.
    public static let labelWidth = 60
    /// Space between panels and between class rows.
    public static let gap = 6
    /// Height of the title line (text at scale 2 plus spacing).
    public static let titleHeight = 20
    /// Height of the line naming the planes (xy, xz, yz).
    public static let headerHeight = 11
    /// Vertical distance between lines of a class label.
    public static let labelLineHeight = 10
    /// The smallest row height: three label lines.
    public static let minimumRowHeight = 27

    /// Number of classes (rows).
    public let classCount: Int
    /// Box size along x, y, z in voxels.
    public let nx: Int, ny: Int, nz: Int
    /// Magnification of the sections.
    public let zoom: Int
    /// Whether a title line is reserved.
    public let hasTitle: Bool

    /// The layout for `classCount` maps of `nx × ny × nz` voxels at `zoom`.
    public init(classCount: Int, nx: Int, ny: Int, nz: Int, zoom: Int, hasTitle: Bool = false) {
        self.classCount = classCount
        self.nx = nx; self.ny = ny; self.nz = nz
        self.zoom = zoom
        self.hasTitle = hasTitle
    }

    /// Size in canvas pixels of a panel showing `plane` (xy: nx×ny, xz: nx×nz, yz: ny×nz, × zoom).
    public func panelSize(_ plane: SlicePlane) -> (width: Int, height: Int) {
        switch plane {
        case .xy: (nx * zoom, ny * zoom)
        case .xz: (nx * zoom, nz * zoom)
        case .yz: (ny * zoom, nz * zoom)
        }
    }

    /// Height of one class row: the tallest panel, at least ``minimumRowHeight``.
    public var rowHeight: Int { max(max(ny, nz) * zoom, Self.minimumRowHeight) }

    /// The top of the column-name line.
    public var headerY: Int { Self.margin + (hasTitle ? Self.titleHeight : 0) }

    /// The top-left canvas pixel of class `classIndex`'s (0-based) `plane` panel.
    public func origin(classIndex: Int, plane: SlicePlane) -> (x: Int, y: Int) {
        let x0 = Self.margin + Self.labelWidth
        let x = switch plane {
        case .xy: x0
        case .xz: x0 + nx * zoom + Self.gap
        case .yz: x0 + 2 * (nx * zoom + Self.gap)
        }
        return (x, headerY + Self.headerHeight + classIndex * (rowHeight + Self.gap))
    }

    /// Canvas width.
    public var width: Int { origin(classIndex: 0, plane: .yz).x + ny * zoom + Self.margin }
    /// Canvas height.
    public var height: Int { headerY + Self.headerHeight + classCount * rowHeight + (classCount - 1) * Self.gap + Self.margin }
}
