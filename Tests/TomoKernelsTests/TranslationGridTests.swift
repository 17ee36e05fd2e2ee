import Testing
import TomoCore
@testable import TomoKernels

@Suite struct TranslationGridTests {
    /// Counts checked by brute-force enumeration in numpy/Python of RELION's rule.
    @Test func countsForRangeAndStep() {
        let cases: [(range: Double, step: Double, threeD: Int, twoD: Int)] = [
            (0, 1, 1, 1), (1, 1, 7, 5), (2, 1, 33, 13), (5, 2, 81, 21), (3, 1.5, 33, 13),
        ]
        for c in cases {
            #expect(TranslationGrid.offsets(range: c.range, step: c.step).count == c.threeD, "\(c)")
            #expect(TranslationGrid.offsets(range: c.range, step: c.step, threeDimensional: false).count == c.twoD, "\(c)")
        }
    }

    @Test func offsetsLieOnGridInsideSphere() {
        let g = TranslationGrid.offsets(range: 4.5, step: 1.5)
        for t in g {
            #expect(t.norm <= 4.5 + 1e-12)
            for v in [t.x, t.y, t.z] { #expect(abs(v / 1.5 - (v / 1.5).rounded()) < 1e-12) }
        }
        #expect(g.first == Vector3(-4.5, 0, 0) && g.last == Vector3(4.5, 0, 0))
        #expect(g.contains(.zero))
    }
}
