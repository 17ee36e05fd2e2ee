import Testing
@testable import TomoCore

@Suite struct TiltProjectionTests {
    /// Hand-worked: yTilt 90°, shift (13.5, −27) Å at 1.35 Å/px = (10, −20) px, tomogram
    /// 4000×4000×2000 (c_tomo = (2000, 2000, 1000)), image 3710×3838 (c_img = (1855, 1919)).
    /// p − c_tomo = (100, 50, 30); R_y(90)·(100, 50, 30) = (30, 50, −100);
    /// + c_img + shift = (1895, 1949, −100).
    @Test func handWorkedProjection() {
        let p = TiltProjection(xTilt: 0, yTilt: 90, zRot: 0, xShiftAngst: 13.5, yShiftAngst: -27,
                               pixelSize: 1.35, tomogramSize: TomogramSize(x: 4000, y: 4000, z: 2000),
                               imageWidth: 3710, imageHeight: 3838)
        let x = p.project(Vector3(2100, 2050, 1030))
        #expect(abs(x.x - 1895) < 1e-9)
        #expect(abs(x.y - 1949) < 1e-9)
        #expect(abs(x.z - -100) < 1e-9)
        // The tomogram centre lands on the image centre plus the shift, at depth 0.
        let c = p.project(Vector3(2000, 2000, 1000))
        #expect(abs(c.x - 1865) < 1e-9 && abs(c.y - 1899) < 1e-9 && abs(c.z) < 1e-9)
    }

    /// R_f = R_z·R_y·R_x, each active: checked on basis vectors for 90° rotations.
    @Test func rotationOrderIsZYX() {
        let r = TiltProjection.rotation(xTilt: 90, yTilt: 90, zRot: 90)
        // R_x(90)·ŷ = ẑ; R_y(90)·ẑ = x̂; R_z(90)·x̂ = ŷ.
        let v = r * Vector3(0, 1, 0)
        #expect(abs(v.x) < 1e-15 && abs(v.y - 1) < 1e-15 && abs(v.z) < 1e-15)
        #expect(abs(r.determinant - 1) < 1e-15)
    }

    /// Odd sizes use ⌊n/2⌋ in projections and n/2.0 in coordinates; the two differ by 0.5 px.
    @Test func centresForOddSizes() {
        let s = TomogramSize(x: 5, y: 7, z: 3)
        #expect(s.projectionCentre == Vector3(2, 3, 1))
        #expect(s.coordinateCentre == Vector3(2.5, 3.5, 1.5))
        #expect(TiltProjection.imageCentre(width: 3711, height: 3838) == Vector3(1855, 1919, 0))
    }

    @Test func rowsRoundTrip() throws {
        let p = TiltProjection(xTilt: 1.5, yTilt: -33, zRot: 85.3, xShiftAngst: 12.5, yShiftAngst: -4.1,
                               pixelSize: 1.35, tomogramSize: TomogramSize(x: 4000, y: 4000, z: 2000),
                               imageWidth: 4096, imageHeight: 4096)
        let q = try #require(TiltProjection(rows: p.rows))
        #expect(q == p)
        #expect(TiltProjection(rows: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 2]]) == nil)
    }

    @Test func anglesDecomposeRotation() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<100 {
            let x = rng.uniform(-20, 20), y = rng.uniform(-70, 70), z = rng.uniform(-180, 180)
            let a = TiltProjection(rotation: TiltProjection.rotation(xTilt: x, yTilt: y, zRot: z), translation: .zero).angles
            #expect(abs(a.xTilt - x) < 1e-9 && abs(a.yTilt - y) < 1e-9 && abs(a.zRot - z) < 1e-9)
        }
    }

    /// Depth offset is translation-free: (R_f·(p − c))_z.
    @Test func depthOffsetIgnoresTranslation() {
        let p = TiltProjection(xTilt: 0, yTilt: 30, zRot: 0, xShiftAngst: 100, yShiftAngst: 50,
                               pixelSize: 2, tomogramSize: TomogramSize(x: 100, y: 100, z: 50),
                               imageWidth: 64, imageHeight: 64)
        // R_y(30) row 2 = (−sin30, 0, cos30); (p − c) = (10, 0, 0) → −5.
        let d = p.depthOffset(of: Vector3(60, 50, 25), relativeTo: Vector3(50, 50, 25))
        #expect(abs(d - -5) < 1e-12)
    }
}
