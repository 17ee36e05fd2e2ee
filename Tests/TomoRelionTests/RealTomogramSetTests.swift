import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoTesting

/// Every tomogram set and per-tilt-series file under the real-data folder, with counts read off
/// the files.
@Suite(.requiresRealData) struct RealTomogramSetTests {
    /// pytom-match-pick's RELION 5 project: 10 tomograms, only tomo200528_107's tilt file (35 tilts) exists.
    @Test func pytomProjectResolvesProjectRelativePaths() throws {
        let root = RealData.path("pytom-match-pick/relion5_project_example")
        let path = root + "/Tomograms/job009/tomograms.star"
        let set = try TomogramSet.read(path: path, projectDirectory: root, allowMissingTiltSeries: true)
        #expect(set.tomograms.count == 10)
        #expect(set.missingTiltSeriesFiles.count == 9)
        let t = try #require(set["tomo200528_107"])
        #expect(t.tiltSeries.frames.count == 35)
        #expect(t.voltage == 200 && t.amplitudeContrast == 0.08 && t.hand == -1)
        #expect(t.tiltSeriesPixelSize == 1.724 && t.size == TomogramSize(x: 4000, y: 4000, z: 2000))
        #expect(t.tomogramBinning == 8.12065)
        #expect(t.reconstructedTomogram == "Tomograms/job009/tomograms/rec_tomo200528_107.mrc")
        #expect(t.tiltSeries.frames[0].preExposure == 68.2)
        #expect(t.tiltSeries.frames[0].nominalStageTiltAngle == -50.9936)
        #expect(t.tiltSeries.frames.allSatisfy { $0.ctfBfactor == 0 && $0.phaseShift == 0 })   // defaults
        // Found without the project directory too, by walking up from the file's directory.
        let again = try TomogramSet.read(path: path, allowMissingTiltSeries: true)
        #expect(again.tomograms[5].tiltSeries.frames.count == 35)
        // Strict mode names the unresolved file.
        let e = #expect(throws: TomoRelionError.self) { try TomogramSet.read(path: path, projectDirectory: root) }
        #expect(e?.code == .missingFile)
        #expect(e?.file == path)
        #expect(e?.description.contains("Tomograms/job009/tilt_series/tomo200528_100.star") == true)
    }

    @Test func relionTestProject() throws {
        let set = try TomogramSet.read(path: RealData.path("relion/test_project_directory/tilt_series_metadata/tilt_series.star"))
        #expect(set.tomograms.map(\.name) == ["220728_TS_01", "220728_TS_03", "220728_TS_43", "220728_TS_45", "220728_TS_54"])
        #expect(set.tomograms.allSatisfy { $0.tiltSeries.frames.count == 41 && $0.hand == 1 && $0.tomogramBinning == 8 })
        #expect(set.tomograms[0].otherValues["rlnEtomoDirectiveFile"] == "AlignTiltSeries/job004/external/220728_TS_01/220728_TS_01.edf")
        #expect(set.tomograms[0].tiltSeries.otherColumns.has("rlnMicrographMovieName"))
        #expect(!set.tomograms[0].tiltSeries.otherColumns.has("rlnTomoProjX"))
    }

    /// cryoCAT's copy of the RELION 5 tutorial tomograms.star (its per-tilt files are absent) and
    /// the one per-tilt file that was copied under another name.
    @Test func cryocatRelion5Tutorial() throws {
        let dir = RealData.path("cryocat/motl_data/relion5/clean")
        let set = try TomogramSet.read(path: dir + "/R5_tutorial_run_tomograms.star", allowMissingTiltSeries: true)
        #expect(set.tomograms.count == 5)
        #expect(set.missingTiltSeriesFiles == ["TS_01", "TS_03", "TS_43", "TS_45", "TS_54"].map { "Tomograms/job006/tilt_series/\($0).star" })
        #expect(set.tomograms.allSatisfy { $0.opticsGroupName == "optics1" && $0.tomogramBinning == 7.407407 })
        #expect(set.tomograms[0].otherValues["rlnTomoReconstructedTomogramHalf1"] == "Tomograms/job006/tomograms/rec_TS_01_half1.mrc")
        let ts = try TiltSeries.read(path: dir + "/relion5_TS_01_tilt.star", name: "TS_01")
        #expect(ts.name == "TS_01" && ts.frames.count == 40)
        #expect(ts.frames[0].preExposure == 114)
        #expect(ts.frames[0].micrographName == "MotionCorr/job002/frames/TS_01_038_-57_0.mrc")
        // Dose order differs from row order (acquisition is dose-symmetric; rows are by angle).
        #expect(ts.frameSequence.first.map { ts.frames[$0].preExposure } == 0)
    }

    /// WarpTools legacy layout: per-tomogram blocks in the same file, ProjX..W matrices, no shifts.
    @Test func warpLegacyLayouts() throws {
        let warp = try TomogramSet.read(path: RealData.path("cryocat/motl_data/relion5/clean/warp2_matching_tomograms.star"))
        #expect(warp.tomograms.map(\.name) == ["TS_17.tomostar", "TS_32.tomostar", "TS_1.tomostar", "TS_11.tomostar", "TS_23.tomostar"])
        #expect(warp.tomograms.allSatisfy { $0.tiltSeries.frames.count == 41 && $0.tiltSeriesStarFile == nil })
        #expect(warp.tomograms[0].fractionalDose == 2.99 && warp.tomograms[0].size == TomogramSize(x: 4400, y: 6000, z: 1000))
        #expect(warp.tomograms[0].otherValues["rlnTomoTiltSeriesName"] == "dummy_tiltseries.mrc")

        let motl = try TomogramSet.read(path: RealData.path(
            "cryocat/motl_data/relion5/motl_warp2_b1_TM_nucleo_Trest_99percyto_2Dparticles_R5_tomograms.star"))
        #expect(motl.tomograms.count == 14)
        #expect(motl.tomograms.map(\.tiltSeries.frames.count) == [61, 58, 55, 60, 61, 61, 61, 61, 61, 43, 61, 57, 61, 61])
        #expect(motl.tomograms.allSatisfy { $0.tiltSeries.frames.allSatisfy { $0.xShiftAngst == 0 && $0.legacyProjection == nil } })
        #expect(motl.tomograms[0].tiltSeries.frames[0].xTilt == 51.821392)
    }

    /// A per-tilt file without `rlnMicrographPreExposure` is rejected, naming file and label.
    @Test func missingPreExposureIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relion-err-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/tilt_series", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        data_global
        loop_
        _rlnTomoName
        _rlnTomoTiltSeriesStarFile
        _rlnVoltage
        _rlnSphericalAberration
        _rlnAmplitudeContrast
        _rlnTomoHand
        _rlnTomoTiltSeriesPixelSize
        _rlnTomoSizeX
        _rlnTomoSizeY
        _rlnTomoSizeZ
        TS_01 tilt_series/TS_01.star 300 2.7 0.1 -1 1.35 4000 4000 2000

        """.write(toFile: dir + "/tomograms.star", atomically: true, encoding: .utf8)
        try """
        data_TS_01
        loop_
        _rlnMicrographName
        _rlnDefocusU
        _rlnDefocusV
        _rlnDefocusAngle
        _rlnTomoYTilt
        _rlnTomoZRot
        _rlnTomoXShiftAngst
        _rlnTomoYShiftAngst
        a.mrc 30000 29000 10 0 85 0 0

        """.write(toFile: dir + "/tilt_series/TS_01.star", atomically: true, encoding: .utf8)
        let e = #expect(throws: TomoRelionError.self) { try TomogramSet.read(path: dir + "/tomograms.star") }
        #expect(e?.code == .missingLabel)
        #expect(e?.label == "rlnMicrographPreExposure")
        #expect(e?.file == dir + "/tilt_series/TS_01.star")
        #expect(e?.description.contains("TS_01.star") == true)
        #expect(e?.description.contains("rlnMicrographPreExposure") == true)
    }
}
