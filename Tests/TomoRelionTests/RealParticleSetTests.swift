import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoTesting

/// Every particle and optimisation-set style file under the real-data folder, with counts read
/// off the files (pandas/starfile).
@Suite(.requiresRealData) struct RealParticleSetTests {
    static let clean = "cryocat/motl_data/relion5/clean/"

    @Test func relion5TutorialRunData() throws {
        let s = try ParticleSet.read(path: RealData.path(Self.clean + "R5_tutorial_run_data.star"))
        #expect(s.dialect == .relion5 && s.subTomogramsAre2DStacks)
        #expect(s.particles.count == 9053)
        #expect(s.particleCounts == ["TS_01": 1829, "TS_03": 1826, "TS_43": 2428, "TS_45": 1605, "TS_54": 1365])
        #expect(s.opticsGroups.count == 1)
        let g = try #require(s.opticsGroups.first)
        #expect(g.name == "optics1" && g.tiltSeriesPixelSize == 1.35 && g.imageSize == 192 && g.imageDimensionality == 2)
        #expect(s.particles.filter { $0.randomSubset == 1 }.count == 4545)
        #expect(s.particles.filter { $0.randomSubset == 2 }.count == 4508)
        let p = s.particles[0]
        #expect(p.particleName == "TS_01/12" && p.classNumber == 1)
        #expect(p.pose.centeredPositionAngst == Vector3(1774.846956, -951.52983, 1127.416439))
        #expect(p.pose.originAngst == Vector3(0.028068, 1.040568, 0.365568))
        #expect(p.pose.subtomogramAngles == EulerAngles(rot: 167.68924, tilt: 98.103985, psi: -164.55358))
        #expect(p.pose.angles == EulerAngles(rot: -0.2541, tilt: 97.317432, psi: 9.022498))
        #expect(p.visibleFrames?.count == 40 && p.visibleFrameCount == 17)
        #expect(p.imageName == "Extract/job071/Subtomograms/TS_01/12_stack2d.mrcs")
        #expect(s.otherColumns.has("rlnAngleTiltPrior") && s.otherColumns.has("rlnNrOfSignificantSamples"))
        #expect(s.otherColumns.rowCount == 9053)

        // Positions with the matching tomogram set (tomograms of 4000×4000×2000 at 1.35 Å/px):
        // p = C/px + size/2 − A_s·o/px.
        let tomos = try TomogramSet.read(path: RealData.path(Self.clean + "R5_tutorial_run_tomograms.star"), allowMissingTiltSeries: true)
        let pos = try s.positions(in: tomos)
        let expected = p.pose.centeredPositionAngst / 1.35 + Vector3(2000, 2000, 1000)
            - p.pose.subtomogramMatrix * p.pose.originAngst / 1.35
        #expect((pos[0] - expected).norm < 1e-9)
    }

    /// WarpTools export: legacy pixel coordinates converted with the tomogram set.
    @Test func warpExportConvertsCoordinates() throws {
        let tomos = try TomogramSet.read(path: RealData.path(Self.clean + "warp2_matching_tomograms.star"))
        let raw = try ParticleSet.read(path: RealData.path(Self.clean + "warp2_particles_matching.star"))
        #expect(raw.dialect == .warpRelion5 && raw.subTomogramsAre2DStacks)
        #expect(raw.particles.count == 1218 && raw.opticsGroups.count == 5)
        #expect(raw.particleCounts == ["TS_17.tomostar": 128, "TS_32.tomostar": 255, "TS_1.tomostar": 268,
                                       "TS_11.tomostar": 324, "TS_23.tomostar": 243])
        #expect(raw.particles[0].legacyCoordinatePixels == Vector3(354.242, 397.132, 75.828))
        #expect(raw.particles[0].visibleFrames?.count == 41)
        #expect(raw.otherColumns.has("rlnTomoParticleId"))

        let s = try ParticleSet.read(path: RealData.path(Self.clean + "warp2_particles_matching.star"), tomograms: tomos)
        // TS_17: 4400×6000×1000 at 0.7894 Å/px: C = (c − size/2)·px_ts.
        let c = s.particles[0].pose.centeredPositionAngst
        #expect(s.particles[0].hasCenteredPosition)
        #expect((c - Vector3((354.242 - 2200) * 0.7894, (397.132 - 3000) * 0.7894, (75.828 - 500) * 0.7894)).norm < 1e-9)
        // Coordinates given at 4 Å/px instead.
        let s4 = try ParticleSet.read(path: RealData.path(Self.clean + "warp2_particles_matching.star"), tomograms: tomos,
                                      coordinatePixelSize: 4)
        let c4 = s4.particles[0].pose.centeredPositionAngst
        #expect((c4 - Vector3(354.242 * 4 - 2200 * 0.7894, 397.132 * 4 - 3000 * 0.7894, 75.828 * 4 - 500 * 0.7894)).norm < 1e-9)
    }

    @Test func relion4TomoTable() throws {
        let s = try ParticleSet.read(path: RealData.path("cryocat/motl_data/relion_4.0.star"))
        #expect(s.dialect == .relion4 && !s.subTomogramsAre2DStacks)
        #expect(s.particles.count == 1746 && s.tomogramNames.count == 13 && s.opticsGroups.count == 1)
        #expect(s.particleCounts["TS_020"] == 350 && s.particleCounts["TS_036"] == 1)
        #expect(s.particles.filter { $0.randomSubset == 1 }.count == 902)
        let p = s.particles[0]
        #expect(p.particleName == "TS_017/68" && p.legacyCoordinatePixels == Vector3(1700, 428, 944))
        #expect(p.pose.originAngst == Vector3(1.260416, 2.364176, 3.783296))
        #expect(s.otherColumns.column("rlnCtfImage")?.first == "PseudoSubtomo/job005/Subtomograms/TS_017/68_weights.mrc")
        #expect(s.opticsGroups[0].imageDimensionality == 3 && s.opticsGroups[0].tiltSeriesPixelSize == 1.971)
    }

    @Test func relion31StyleTables() throws {
        let r51 = try ParticleSet.read(path: RealData.path("cryocat/motl_data/relion5_1/run_it025_data.star"))
        #expect(r51.dialect == .relion31 && r51.particles.count == 7488 && r51.tomogramNames.count == 32)
        #expect(r51.opticsGroups.count == 1 && r51.opticsGroups[0].imagePixelSize == 4.828)
        #expect(r51.particles[0].tomoName == "021.tomostar" && r51.particles[0].particleName == "021.tomostar/1")

        let o2 = try ParticleSet.read(path: RealData.path("cryocat/motl_data/relion_3.1_optics2.star"))
        #expect(o2.particles.count == 3 && o2.opticsGroups.map(\.number) == [1, 2] && o2.tomogramNames.count == 2)
        #expect(o2.opticsGroups[1].imagePixelSize == 3.446)

        let spa = try ParticleSet.read(path: RealData.path("cryodrgn/relion5.star"))
        #expect(spa.dialect == .relion31 && spa.particles.count == 17 && spa.opticsGroups.count == 1)
        #expect(spa.optics.has("rlnOddZernike"))

        let six = try ParticleSet.read(path: RealData.path("cryodrgn/relion31.6opticsgroups.star"))
        #expect(six.particles.count == 139 && six.opticsGroups.count == 6)
        #expect(Set(six.particles.map(\.opticsGroup)) == Set(1 ... 6))
    }

    /// Warp "particle series" in RELION 3.0 style: one `data_` block, optics per row.
    @Test func relion30ParticleSeries() throws {
        let s = try ParticleSet.read(path: RealData.path("cryodrgn/sta_testing_bin8.star"))
        #expect(s.dialect == .relion30 && s.particles.count == 219)
        #expect(s.opticsGroups.count == 1)
        let g = try #require(s.opticsGroups.first)
        #expect(g.voltage == 300 && g.amplitudeContrast == 0.07)
        #expect(abs((g.imagePixelSize ?? 0) - 1.96) < 1e-9)   // 1.96 µm detector pixel / 10000×
        #expect(s.particles.allSatisfy { $0.opticsGroup == 1 })
    }

    @Test func optimisationSets() throws {
        let w = try OptimisationSet.read(path: RealData.path(Self.clean + "warp2_matching_optimisation_set.star"))
        #expect(w.particlesFile == "matching.star" && w.tomogramsFile == "matching_tomograms.star")
        #expect(w.trajectoriesFile == nil)
        let m = try OptimisationSet.read(path: RealData.path(
            "cryocat/motl_data/relion5/motl_warp2_b1_TM_nucleo_Trest_99percyto_2Dparticles_R5_optimisation_set.star"))
        #expect(m.particlesFile == "inputs/motl_warp2_b1_TM_nucleo_Trest_99percyto_2Dparticles_R5.star")
        #expect(m.tomogramsFile == "inputs/motl_warp2_b1_TM_nucleo_Trest_99percyto_2Dparticles_R5_tomograms.star")
    }
}
