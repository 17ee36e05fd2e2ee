import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoTesting

/// RELION's own `rlnTomoProjX/Y/Z/W` versus matrices built from `rlnTomoXTilt/YTilt/ZRot/
/// XShiftAngst/YShiftAngst` (spec §2.3), in the five tilt series of RELION's test project.
@Suite(.requiresRealData) struct ProjectionMatrixTests {
    static let dir = "relion/test_project_directory/tilt_series_metadata"

    /// The image centre is not in the files; it is solved from frame 0 of the first file as
    /// `t − s/px + R·c_tomo` and must be the same integer pair for every frame of every file.
    /// It comes out as (1855, 1919), i.e. tilt images of 3710×3838 (or 3711×3839) pixels at
    /// 1.35 Å/px — EMPIAR-10164's K2 super-resolution frames (7420×7676) binned by 2.
    ///
    /// Tolerances are measured, not chosen: the 3×3 blocks agree to ≤ 1.2e-7 (the files' angles
    /// carry 6 decimals and RELION built the matrices from unrounded values); that discrepancy times
    /// |c_tomo| ≈ 2900 px limits the translation agreement to ≤ 3.7e-4 px. With the file's own 3×3
    /// block the translation structure `c_img + s/px − R·c_tomo` is exact to ≤ 3.8e-6 px.
    @Test func anglesReproduceRelionMatrices() throws {
        let set = try TomogramSet.read(path: RealData.path(Self.dir + "/tilt_series.star"),
                                       projectDirectory: RealData.path("relion/test_project_directory"))
        #expect(set.tomograms.count == 5)
        var solvedCentre: Vector3?
        var maxRot = 0.0, maxT = 0.0, maxStructure = 0.0, frames = 0
        for t in set.tomograms {
            #expect(t.size == TomogramSize(x: 4000, y: 4000, z: 3000))
            #expect(t.tiltSeries.frames.count == 41)
            for (i, f) in t.tiltSeries.frames.enumerated() {
                let legacy = try #require(f.legacyProjection)
                let r = TiltProjection.rotation(xTilt: f.xTilt, yTilt: f.yTilt, zRot: f.zRot)
                let shift = Vector3(f.xShiftAngst, f.yShiftAngst, 0) / t.tiltSeriesPixelSize
                let cTomo = t.size.projectionCentre
                let centre = legacy.translation - shift + r * cTomo
                if solvedCentre == nil {
                    let rounded = Vector3(centre.x.rounded(), centre.y.rounded(), 0)
                    #expect((centre - rounded).norm < 1e-3, "c_img is not integral: \(centre)")
                    solvedCentre = rounded
                }
                let c = try #require(solvedCentre)
                // c_img = (⌊w/2⌋, ⌊h/2⌋) with w = 2·1855, h = 2·1919.
                let ours = t.projection(frame: i, imageWidth: Int(2 * c.x), imageHeight: Int(2 * c.y))
                #expect(ours == legacy, "legacy matrix must be used as-is")
                let built = f.projection(pixelSize: t.tiltSeriesPixelSize, tomogramSize: t.size,
                                         imageWidth: Int(2 * c.x), imageHeight: Int(2 * c.y))
                maxRot = max(maxRot, built.rotation.maxAbsDifference(legacy.rotation))
                let d = built.translation - legacy.translation
                maxT = max(maxT, abs(d.x), abs(d.y), abs(d.z))
                let structural = c + shift - legacy.rotation * cTomo - legacy.translation
                maxStructure = max(maxStructure, abs(structural.x), abs(structural.y), abs(structural.z))
                frames += 1
            }
        }
        #expect(solvedCentre == Vector3(1855, 1919, 0))
        #expect(frames == 205)
        #expect(maxRot < 2e-7, "3×3 blocks differ by \(maxRot)")
        #expect(maxStructure < 1e-5, "translation structure off by \(maxStructure) px")
        #expect(maxT < 5e-4, "translations differ by \(maxT) px")
    }

    /// WarpTools writes ProjX..W with zero translation; the angles recovered from them reproduce
    /// the matrices' rotation blocks.
    @Test func warpMatricesDecomposeIntoAngles() throws {
        let set = try TomogramSet.read(path: RealData.path("cryocat/motl_data/relion5/clean/warp2_matching_tomograms.star"))
        var worst = 0.0
        for t in set.tomograms {
            for f in t.tiltSeries.frames {
                let p = try #require(f.legacyProjection)
                worst = max(worst, TiltProjection.rotation(xTilt: f.xTilt, yTilt: f.yTilt, zRot: f.zRot).maxAbsDifference(p.rotation))
            }
        }
        #expect(worst < 1e-6)
        let yt = set.tomograms[0].tiltSeries.frames.map(\.yTilt)
        #expect(abs(yt[0] - -40.007) < 0.01)   // row 0, ProjZ = [0.64292127, 0, 0.76593226, 0]
    }
}
