import Testing
import TomoCore
import TomoFFT
import TomoKernels
import TomoSimulation

/// `sta compare --map --truth_map`: the truth is brought to the map's sampling before the FSC.
@Suite struct MapComparisonTests {
    static func blobs(_ n: Int, scale: Double) -> RealVolume {
        var rng = SplitMix64(seed: 9)
        let centres = (0..<12).map { _ in Vector3(rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25)) }
        return RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            let p = Vector3(Double(x - n / 2), Double(y - n / 2), Double(z - n / 2)) / Double(n)
            var s = 0.0
            for c in centres { let d = p - c; s += _exp(-d.dot(d) * scale) }
            return Float(s)
        }
    }

    @Test func theSameDensityAtHalfTheSamplingAgreesToNyquist() {
        let truth = Self.blobs(64, scale: 400)                       // 8 Å/px, 512 Å box
        let map = FourierResize.resample(truth, nx: 32, ny: 32, nz: 32)   // 16 Å/px, same box
        let r = MapComparison.fsc(map: map, pixelSize: 16, truth: truth, truthPixelSize: 8)
        #expect(r.curve.dropFirst().dropLast().allSatisfy { $0 > 0.999 })
        #expect(abs(r.resolution05 - 32) < 1.5)
        // A different density correlates worse: the resolution drops.
        let other = MapComparison.fsc(map: Self.blobs(32, scale: 100), pixelSize: 16, truth: truth, truthPixelSize: 8)
        #expect(other.resolution05 > r.resolution05 + 5)
    }

    @Test func aSmallerBoxIsComparedWithTheTruthCroppedAboutItsCentre() {
        let truth = Self.blobs(64, scale: 400)
        let half = FourierResize.resample(truth, nx: 32, ny: 32, nz: 32)
        // Map: the central 24³ of the 16 Å version.
        let map = RealVolume(nx: 24, ny: 24, nz: 24) { x, y, z in half[x + 4, y + 4, z + 4] }
        let r = MapComparison.fsc(map: map, pixelSize: 16, truth: truth, truthPixelSize: 8)
        #expect(r.curve.dropFirst().dropLast().allSatisfy { $0 > 0.999 })
    }
}
