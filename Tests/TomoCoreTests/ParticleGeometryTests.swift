import Testing
@testable import TomoCore

@Suite struct ParticleGeometryTests {
    let size = TomogramSize(x: 4000, y: 4000, z: 2000)

    /// Spec §2.9 particle TS_01/1: centred (−512.4, 1033.75, −88.2) Å at 1.35 Å/px in a
    /// 4000×4000×2000 tomogram → (2000 − 379.5̅, 2000 + 765.740̅, 1000 − 65.3̅) px.
    @Test func handWorkedCentredToPixels() {
        let p = ParticleCoordinates.decenteredPixels(centeredAngst: Vector3(-512.4, 1033.75, -88.2),
                                                     tomogramSize: size, pixelSize: 1.35)
        #expect(abs(p.x - (2000 - 379.555_555_555_6)) < 1e-9)
        #expect(abs(p.y - (2000 + 765.740_740_740_7)) < 1e-9)
        #expect(abs(p.z - (1000 - 65.333_333_333_3)) < 1e-9)
    }

    @Test func centredPixelRoundTrip() {
        var rng = SplitMix64(seed: 11)
        let odd = TomogramSize(x: 927, y: 1001, z: 333)
        for _ in 0..<200 {
            let c = Vector3(rng.uniform(-3000, 3000), rng.uniform(-3000, 3000), rng.uniform(-800, 800))
            let p = ParticleCoordinates.decenteredPixels(centeredAngst: c, tomogramSize: odd, pixelSize: 1.724)
            let back = ParticleCoordinates.centeredAngst(decenteredPixels: p, tomogramSize: odd, pixelSize: 1.724)
            #expect((back - c).norm < 1e-9)
        }
        // Odd size: centre is 463.5, not 463.
        let z = ParticleCoordinates.centeredAngst(decenteredPixels: Vector3(463.5, 500.5, 166.5),
                                                  tomogramSize: odd, pixelSize: 2)
        #expect(z == .zero)
    }

    /// Legacy pixels: (2100, 1900, 1010) px at 1.35 → (135, −135, 13.5) Å; at a binned coordinate
    /// pixel size of 2.7 Å the same numbers mean twice as far from the corner.
    @Test func legacyPixelsToCentredAngst() {
        let a = ParticleCoordinates.centeredAngst(legacyPixels: Vector3(2100, 1900, 1010), tomogramSize: size,
                                                  tiltSeriesPixelSize: 1.35)
        #expect((a - Vector3(135, -135, 13.5)).norm < 1e-9)
        let b = ParticleCoordinates.centeredAngst(legacyPixels: Vector3(1050, 950, 505), tomogramSize: size,
                                                  tiltSeriesPixelSize: 1.35, coordinatePixelSize: 2.7)
        #expect((b - a).norm < 1e-9)
    }

    /// A_s = A(0, 90, 0) = R_y(−90) = [[0,0,−1],[0,1,0],[1,0,0]], A_p = A(90, 0, 0) = R_z(−90)
    /// = [[0,1,0],[−1,0,0],[0,0,1]]; A_s·A_p = [[0,0,−1],[−1,0,0],[0,1,0]] (worked by hand):
    /// reference x̂ goes to −ŷ in the tomogram.
    @Test func totalMatrixIsSubtomogramTimesParticle() {
        let pose = ParticlePose(centeredPositionAngst: .zero, subtomogramAngles: EulerAngles(rot: 0, tilt: 90, psi: 0),
                                angles: EulerAngles(rot: 90, tilt: 0, psi: 0))
        let expected = Matrix3([0, 0, -1, -1, 0, 0, 0, 1, 0])
        #expect(pose.totalMatrix.maxAbsDifference(expected) < 1e-15)
        #expect(pose.totalMatrix.maxAbsDifference(pose.subtomogramMatrix * pose.particleMatrix) == 0)
        let v = pose.totalMatrix * Vector3(1, 0, 0)
        #expect((v - Vector3(0, -1, 0)).norm < 1e-15)
        // Random angles: the product, not the reverse order.
        var rng = SplitMix64(seed: 5)
        for _ in 0..<50 {
            let s = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0, 180), psi: rng.uniform(-180, 180))
            let a = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0, 180), psi: rng.uniform(-180, 180))
            let q = ParticlePose(centeredPositionAngst: .zero, subtomogramAngles: s, angles: a)
            #expect(q.totalMatrix.maxAbsDifference(s.matrix * a.matrix) < 1e-15)
        }
    }

    /// Origin (2.7, 0, 0) Å at 1.35 Å/px = (2, 0, 0) px in the sub-tomogram frame; A_s = R_y(−90)
    /// maps it to (0, 0, 2), so p = p0 − (0, 0, 2) whatever A_p is.
    @Test func originRotatesBySubtomogramMatrixOnly() {
        for particle in [EulerAngles.zero, EulerAngles(rot: 40, tilt: 30, psi: 10), EulerAngles(rot: -120, tilt: 150, psi: 77)] {
            let pose = ParticlePose(centeredPositionAngst: Vector3(13.5, -27, 0), originAngst: Vector3(2.7, 0, 0),
                                    subtomogramAngles: EulerAngles(rot: 0, tilt: 90, psi: 0), angles: particle)
            let p = pose.position(tomogramSize: size, pixelSize: 1.35)
            #expect((p - Vector3(2010, 1980, 998)).norm < 1e-9)
        }
    }

    /// Projected position and depth in a 30° tilt; the particle is 100 px right of the centre, so
    /// its depth offset is −100·sin 30 = −50 px and, with hand −1 at 1.35 Å/px, defocus +67.5 Å.
    @Test func projectionOfParticle() {
        let proj = TiltProjection(xTilt: 0, yTilt: 30, zRot: 0, xShiftAngst: 0, yShiftAngst: 0, pixelSize: 1.35,
                                  tomogramSize: size, imageWidth: 3710, imageHeight: 3838)
        let pose = ParticlePose(centeredPositionAngst: Vector3(135, 0, 0), angles: EulerAngles(rot: 10, tilt: 20, psi: 30))
        let x = pose.projectedPosition(proj, tomogramSize: size, pixelSize: 1.35)
        #expect(abs(x.x - (1855 + 100 * 0.866_025_403_784_438_6)) < 1e-9)
        #expect(abs(x.y - 1919) < 1e-9)
        #expect(abs(pose.depthOffset(proj, tomogramSize: size, pixelSize: 1.35) - -50) < 1e-9)
        #expect(abs(pose.defocusOffset(proj, tomogramSize: size, pixelSize: 1.35, hand: -1) - 67.5) < 1e-9)
        #expect(pose.imageRotation(proj).maxAbsDifference(proj.rotation * pose.totalMatrix) == 0)
    }
}
