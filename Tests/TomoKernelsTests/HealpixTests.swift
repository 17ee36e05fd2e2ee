import Testing
import TomoCore
@testable import TomoKernels

@Suite struct HealpixTests {
    @Test func pixelCountsPerOrder() {
        #expect((0...5).map { Healpix.pixelCount(order: $0) } == [12, 48, 192, 768, 3072, 12288])
        #expect((0...5).map { Healpix.directions(order: $0).count } == [12, 48, 192, 768, 3072, 12288])
    }

    /// Order 0: the 12 base pixels sit at z = 2/3, 0, −2/3 with φ = 45°+k·90°, k·90°, 45°+k·90°.
    @Test func baseResolutionCentres() {
        let d = Healpix.directions(order: 0)
        let north = _acos(2.0 / 3) * 180 / .pi
        let expected: [(Double, Double)] = [
            (45, north), (135, north), (-135, north), (-45, north),
            (0, 90), (90, 90), (180, 90), (-90, 90),
            (45, 180 - north), (135, 180 - north), (-135, 180 - north), (-45, 180 - north),
        ]
        for (got, want) in zip(d, expected) {
            #expect(abs(got.rot - want.0) < 1e-9 && abs(got.tilt - want.1) < 1e-9, "\(got) vs \(want)")
        }
    }

    /// Unit vectors that balance out (Σu ≈ 0), with rot in [−180, 180] and tilt in [0, 180].
    @Test func directionsAreBalancedUnitVectors() {
        for order in 0...4 {
            var sum = Vector3.zero
            for d in Healpix.directions(order: order) {
                #expect(abs(d.unitVector.norm - 1) < 1e-12)
                #expect(d.rot >= -180 && d.rot <= 180 && d.tilt >= 0 && d.tilt <= 180)
                sum = sum + d.unitVector
            }
            #expect(sum.norm < 1e-9, "order \(order): Σu = \(sum)")
        }
    }

    /// NESTED scheme: the children 4p…4p+3 of pixel p are nearer to p's centre than to any other
    /// centre of the coarser order.
    @Test func nestedChildrenBelongToParent() {
        for order in 0...2 {
            let parents = Healpix.directions(order: order).map(\.unitVector)
            let children = Healpix.directions(order: order + 1).map(\.unitVector)
            for (c, u) in children.enumerated() {
                let nearest = parents.indices.max { parents[$0].dot(u) < parents[$1].dot(u) }!
                #expect(nearest == c / 4, "order \(order + 1) pixel \(c)")
            }
        }
    }

    /// Nearest-neighbour angular spacing is near-uniform and close to the order's angular step.
    @Test func nearUniformNearestNeighbourSpacing() {
        for order in 1...3 {
            let u = Healpix.directions(order: order).map(\.unitVector)
            var nn: [Double] = []
            for i in u.indices {
                var best = -1.0
                for j in u.indices where j != i { best = max(best, u[i].dot(u[j])) }
                nn.append(_acos(min(1, best)) * 180 / .pi)
            }
            let mean = nn.reduce(0, +) / Double(nn.count)
            let step = OrientationSampling.angularStep(order: order)
            #expect(nn.min()! / nn.max()! > 0.6, "order \(order): min \(nn.min()!) max \(nn.max()!)")
            #expect(mean > 0.8 * step && mean < 1.2 * step, "order \(order): mean \(mean) vs step \(step)")
        }
    }
}
