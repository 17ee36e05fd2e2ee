import Testing
import TomoCore
@testable import TomoKernels

@Suite struct OrientationSamplingTests {
    /// RELION's angular step per HEALPix order (spec §5.3 table) and psi counts 6·2ⁿ.
    @Test func angularStepTable() {
        let steps = (0...8).map { OrientationSampling.angularStep(order: $0) }
        #expect(steps == [60, 30, 15, 7.5, 3.75, 1.875, 0.9375, 0.46875, 0.234375])
        for order in 0...5 {
            let s = OrientationSampling(healpixOrder: order)
            #expect(s.psiAngles.count == 6 << order)
            #expect(s.count == (12 << (2 * order)) * (6 << order))
        }
    }

    @Test func psiAnglesFollowRelionRounding() {
        #expect(OrientationSampling.psiAngles(step: 60) == [0, 60, 120, 180, 240, 300])
        let p = OrientationSampling.psiAngles(step: 7)        // ceil(360/7) = 52 → 360/52
        #expect(p.count == 52 && abs(p[1] - 360.0 / 52) < 1e-12)
        #expect(OrientationSampling(healpixOrder: 1, psiStep: 10).psiAngles.count == 36)
    }

    @Test func orientationIndexIsDirectionMajor() {
        let s = OrientationSampling(healpixOrder: 1)
        let a = s.angles(at: 5 * 12 + 7)
        #expect(a.rot == s.directions[5].rot && a.tilt == s.directions[5].tilt && a.psi == s.psiAngles[7])
        #expect(s.allAngles.count == 576)
    }

    /// Local search: only points within 3σ, every point within 3σ included, weights sum to 1 and
    /// fall with distance.
    @Test func localNeighbourhoodAroundPrior() {
        let s = OrientationSampling(healpixOrder: 3)
        let prior = EulerAngles(rot: 30, tilt: 60, psi: -20)
        let sigma = 5.0
        let n = OrientationNeighbourhood(sampling: s, prior: prior, sigma: sigma)
        let priorU = SamplingDirection(rot: 30, tilt: 60).unitVector
        let kept = Set(n.directions.map(\.index))
        for (i, d) in s.directions.enumerated() {
            let dist = _acos(min(1, d.unitVector.dot(priorU))) * 180 / .pi
            #expect(kept.contains(i) == (dist < 3 * sigma), "direction \(i) at \(dist)°")
        }
        #expect(n.directions.count > 5)
        #expect(n.psis.allSatisfy { $0.distance < 15 } && n.psis.count == 4)   // psi −22.5…7.5 step 7.5
        let byDistance = n.directions.sorted { $0.distance < $1.distance }
        for (a, b) in zip(byDistance, byDistance.dropFirst()) { #expect(a.weight >= b.weight) }
        #expect(abs(n.directions.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
        #expect(abs(n.entries.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
        #expect(n.entries.count == n.directions.count * n.psis.count)
    }

    /// With C4 symmetry a direction 90° away in rot from the prior counts as distance ~0.
    @Test func neighbourhoodUsesSymmetryMates() {
        let s = OrientationSampling(healpixOrder: 2)
        let prior = EulerAngles(rot: s.directions[40].rot + 90, tilt: s.directions[40].tilt, psi: 0)
        let n = OrientationNeighbourhood(sampling: s, prior: prior, sigma: 2, symmetry: .cyclic(4))
        let hit = n.directions.first { $0.index == 40 }
        #expect(hit != nil && hit!.distance < 1e-6)
    }

    /// A σ too small for any sampling point keeps the single nearest direction.
    @Test func emptyNeighbourhoodFallsBackToNearest() {
        let s = OrientationSampling(healpixOrder: 0)
        let n = OrientationNeighbourhood(sampling: s, prior: EulerAngles(rot: 10, tilt: 30, psi: 31), sigma: 0.1)
        #expect(n.directions.count == 1 && n.directions[0].weight == 1 && n.directions[0].index == 0)
        #expect(n.psis.count == 1 && n.psis[0].index == 1)
    }
}
