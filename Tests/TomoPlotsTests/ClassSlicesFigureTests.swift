import Testing
import TomoCore
@testable import TomoPlots

/// Geometry of the class "Display" and the grey levels of its sections.
@Suite struct ClassSlicesFigureTests {
    static func figure(n: Int = 16, zoom: Int? = 2, normalisation: ClassSlicesFigure.Normalisation = .perSlice,
                       title: String? = nil) -> ClassSlicesFigure {
        let maps = Fixtures.classMaps(n: n)
        return ClassSlicesFigure(classes: maps.enumerated().map { .init(volume: $1, distribution: [0.5, 0.3, 0.2][$0], resolution: 9) },
                                 normalisation: normalisation, zoom: zoom, title: title)
    }

    @Test func sizeForThreeClassesOfBox16AtZoom2() {
        let canvas = Self.figure().render()
        // width: 8 margin + 60 labels + 2 × (32 panel + 6 gap) + 32 panel + 8 margin
        #expect(canvas.width == 184)
        // height: 8 margin + 11 header + 3 rows × 32 + 2 gaps × 6 + 8 margin
        #expect(canvas.height == 135)
        let layout = Self.figure().layout
        #expect(layout.origin(classIndex: 2, plane: .yz) == (144, 95))
        #expect(layout.rowHeight == 32)
    }

    @Test func titleAndAutomaticZoomAndNonCubicBoxes() {
        let withTitle = Self.figure(n: 8, zoom: nil, title: "Iteration 3")
        #expect(withTitle.zoom == 16)                    // 128 / 8
        #expect(withTitle.layout.height == 8 + 20 + 11 + 3 * 128 + 2 * 6 + 8)
        let box = ClassSlicesLayout(classCount: 1, nx: 10, ny: 6, nz: 4, zoom: 3)
        #expect(box.panelSize(.xy) == (30, 18) && box.panelSize(.xz) == (30, 12) && box.panelSize(.yz) == (18, 12))
        #expect(box.rowHeight == 27)                     // label lines need more than 18 px
        #expect(box.width == 8 + 60 + 2 * (30 + 6) + 18 + 8)
    }

    @Test func centralSectionsAreTheMapsMiddlePlanes() {
        let v = RealVolume(nx: 5, ny: 4, nz: 3) { x, y, z in Float(x + 10 * y + 100 * z) }
        let xy = CentralSection(v, plane: .xy), xz = CentralSection(v, plane: .xz), yz = CentralSection(v, plane: .yz)
        #expect((xy.width, xy.height, xz.width, xz.height, yz.width, yz.height) == (5, 4, 5, 3, 4, 3))
        #expect(xy[3, 2] == 123)   // z = 3/2 = 1
        #expect(xz[4, 2] == 224)   // y = 4/2 = 2
        #expect(yz[1, 0] == 12)    // x = 5/2 = 2
    }

    /// Every sampled panel pixel is the section value through that section's own min–max window,
    /// computed here straight from the volume.
    @Test func perSliceGreyLevelsMatchTheNormalisedSections() {
        let figure = Self.figure()
        let canvas = figure.render(), layout = figure.layout, n = 16, c = n / 2
        for (k, cls) in figure.classes.enumerated() {
            let v = cls.volume
            let planes: [(SlicePlane, (Int, Int) -> Float)] = [
                (.xy, { v[$0, $1, c] }), (.xz, { v[$0, c, $1] }), (.yz, { v[c, $0, $1] }),
            ]
            for (plane, value) in planes {
                let all = (0..<n).flatMap { r in (0..<n).map { value($0, r) } }
                let lo = all.min()!, hi = all.max()!
                let o = layout.origin(classIndex: k, plane: plane)
                var seen = Set<UInt8>()
                for (col, row) in [(0, 0), (c, c), (3, 11), (15, 15), (c - 3, c + 1), (12, 4)] {
                    let expected = UInt8(((value(col, row) - lo) / (hi - lo) * 255).rounded())
                    for (dx, dy) in [(0, 0), (1, 1)] {   // both pixels of the zoomed voxel
                        #expect(canvas[o.x + 2 * col + dx, o.y + 2 * row + dy] == RGB(grey: expected),
                                "class \(k + 1) \(plane) voxel (\(col), \(row))")
                    }
                    seen.insert(expected)
                }
                let greys = (0..<n * n).map { canvas[o.x + 2 * ($0 % n), o.y + 2 * ($0 / n)].r }
                #expect(greys.min() == 0 && greys.max() == 255, "class \(k + 1) \(plane) spans black to white")
            }
        }
    }

    @Test func sharedWindowIsOneRangeForAllClasses() {
        let figure = Self.figure(normalisation: .sharedPercentiles(low: 0, high: 1))
        let canvas = figure.render(), layout = figure.layout, c = 8
        let values = figure.classes.flatMap { cls in
            (0..<16).flatMap { a in (0..<16).flatMap { b in [cls.volume[a, b, c], cls.volume[a, c, b], cls.volume[c, a, b]] } }
        }
        let lo = values.min()!, hi = values.max()!
        for (k, cls) in figure.classes.enumerated() {
            for (col, row) in [(8, 8), (2, 13), (10, 5)] {
                let expected = UInt8(((cls.volume[col, c, row] - lo) / (hi - lo) * 255).rounded())
                let o = layout.origin(classIndex: k, plane: .xz)
                #expect(canvas[o.x + 2 * col, o.y + 2 * row] == RGB(grey: expected))
            }
        }
        let w = IntensityWindow.percentiles(of: (0...100).map(Float.init), low: 0.1, high: 0.9)
        #expect(w == IntensityWindow(low: 10, high: 90))
        #expect(w.grey(5) == 0 && w.grey(50) == 128 && w.grey(95) == 255)
    }

    @Test func labelsUseTheClassColour() {
        let figure = Self.figure()
        let canvas = figure.render(), layout = figure.layout
        for k in 0..<3 {
            let y0 = layout.origin(classIndex: k, plane: .xy).y
            let hits = (y0..<y0 + 7).flatMap { y in (8..<68).map { canvas[$0, y] } }.filter { $0 == RGB.series(k + 1) }
            #expect(hits.count > 20, "class \(k + 1) name drawn in its series colour")
        }
    }
}
