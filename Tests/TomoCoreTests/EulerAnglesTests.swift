import Testing
@testable import TomoCore

@Suite struct EulerAnglesTests {
    /// Values from scipy: Rotation.from_euler('ZYZ', [30, 40, 50], degrees=True).as_matrix().T
    @Test func matchesScipyTransposedZYZ() {
        let a = EulerAngles(rot: 30, tilt: 40, psi: 50).matrix
        let active = Matrix3.rotationZ(degrees: 30) * Matrix3.rotationY(degrees: 40) * Matrix3.rotationZ(degrees: 50)
        #expect(a.maxAbsDifference(active.transposed) < 1e-12)
        #expect(abs(a.determinant - 1) < 1e-12)
    }

    @Test func roundTripsThroughMatrix() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let e = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0.5, 179.5), psi: rng.uniform(-180, 180))
            let back = EulerAngles(matrix: e.matrix)
            #expect(back.matrix.maxAbsDifference(e.matrix) < 1e-9)
            #expect(abs(back.tilt - e.tilt) < 1e-9)
        }
    }

    @Test func degenerateTiltPutsRotationInPsi() {
        let e = EulerAngles(matrix: EulerAngles(rot: 20, tilt: 0, psi: 15).matrix)
        #expect(e.rot == 0 && e.tilt == 0)
        #expect(abs(e.psi - 35) < 1e-9)
        let f = EulerAngles(matrix: EulerAngles(rot: 20, tilt: 180, psi: 15).matrix)
        #expect(f.rot == 0 && f.tilt == 180)
        #expect(f.matrix.maxAbsDifference(EulerAngles(rot: 20, tilt: 180, psi: 15).matrix) < 1e-9)
    }

    @Test func angularDistanceOfKnownRotation() {
        let a = EulerAngles(rot: 10, tilt: 20, psi: 30).matrix
        let b = Matrix3.rotationZ(degrees: 7) * a
        #expect(abs(angularDistance(a, b) - 7) < 1e-9)
    }
}
