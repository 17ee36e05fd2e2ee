import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoTesting

@Suite(.requiresRealData) struct SummaryTests {
    /// RELION test project: 5 series × 41 tilts, yTilt from −51.98 to 66.02 (read off the files).
    @Test func relionTestProject() throws {
        let s = try TomographyProjectSummary.load(
            tomogramsPath: RealData.path("relion/test_project_directory/tilt_series_metadata/tilt_series.star"))
        #expect(s.tiltSeriesCount == 5 && s.tiltsPerSeries == 41 ... 41)
        #expect(s.pixelSizes == [1.35] && s.tomogramSizes == [TomogramSize(x: 4000, y: 4000, z: 3000)])
        #expect(s.doseRange == 0 ... 120)
        #expect(s.particleCount == nil)
        let tr = try #require(s.tiltRange)
        #expect(tr.lowerBound < -50 && tr.upperBound > 60)
        #expect(s.description.contains("tilt series:      5"))
        #expect(s.description.contains("tilts per series: 41"))
    }

    @Test func relion5TutorialWithParticles() throws {
        let dir = RealData.path("cryocat/motl_data/relion5/clean")
        let s = try TomographyProjectSummary.load(tomogramsPath: dir + "/R5_tutorial_run_tomograms.star",
                                                  particlesPath: dir + "/R5_tutorial_run_data.star")
        #expect(s.tiltSeriesCount == 5 && s.missingTiltSeriesFiles.count == 5 && s.tiltsPerSeries == nil)
        #expect(s.particleCount == 9053 && s.subTomogramsAre2DStacks == true)
        #expect(s.particlesPerTomogram.map(\.count) == [1829, 1826, 2428, 1605, 1365])
        #expect(s.opticsGroups.map(\.name) == ["optics1"])
        #expect(s.description.contains("particles:        9053 in 5 tomograms (2D stacks)"))
        #expect(s.description.contains("  TS_43: 2428"))
    }


    @Test func warpProjectWithParticles() throws {
        let dir = RealData.path("cryocat/motl_data/relion5/clean")
        let s = try TomographyProjectSummary.load(tomogramsPath: dir + "/warp2_matching_tomograms.star",
                                                  particlesPath: dir + "/warp2_particles_matching.star")
        #expect(s.tiltSeriesCount == 5 && s.tiltsPerSeries == 41 ... 41 && s.particleCount == 1218)
        #expect(s.opticsGroups.count == 5 && s.pixelSizes == [0.7894])
        #expect(s.description.contains("optics groups:    5"))
    }
}

