import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoSTAR
import TomoTesting

/// write → read round trips of the three file kinds: values equal (to the 6 decimals RELION
/// writes), `rlnTomoProjX..W` dropped.
@Suite struct RoundTripTests {
    static func temporaryDirectory() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("relion-rt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a)) }
    static func close(_ a: Vector3, _ b: Vector3) -> Bool { close(a.x, b.x) && close(a.y, b.y) && close(a.z, b.z) }

    @Test(.requiresRealData) func tomogramSetRoundTrip() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try TomogramSet.read(path: RealData.path("relion/test_project_directory/tilt_series_metadata/tilt_series.star"))
        try original.write(to: dir + "/Job/tomograms.star", projectDirectory: dir)
        let text = try String(contentsOfFile: dir + "/Job/tilt_series/220728_TS_01.star", encoding: .utf8)
        #expect(!text.contains("rlnTomoProjX"))
        #expect(text.contains("data_220728_TS_01"))
        let global = try String(contentsOfFile: dir + "/Job/tomograms.star", encoding: .utf8)
        #expect(global.contains("Job/tilt_series/220728_TS_01.star"))

        let back = try TomogramSet.read(path: dir + "/Job/tomograms.star", projectDirectory: dir)
        #expect(back.tomograms.count == 5)
        for (a, b) in zip(original.tomograms, back.tomograms) {
            #expect(a.name == b.name && a.size == b.size && a.hand == b.hand && a.voltage == b.voltage)
            #expect(a.tiltSeriesPixelSize == b.tiltSeriesPixelSize && a.tomogramBinning == b.tomogramBinning)
            #expect(a.reconstructedTomogram == b.reconstructedTomogram && a.otherValues == b.otherValues)
            #expect(b.tiltSeriesStarFile == "Job/tilt_series/\(a.name).star")
            #expect(a.tiltSeries.frames.count == b.tiltSeries.frames.count)
            for (f, g) in zip(a.tiltSeries.frames, b.tiltSeries.frames) {
                #expect(g.legacyProjection == nil)
                #expect(Self.close(f.yTilt, g.yTilt) && Self.close(f.zRot, g.zRot) && Self.close(f.xTilt, g.xTilt))
                #expect(Self.close(f.xShiftAngst, g.xShiftAngst) && Self.close(f.yShiftAngst, g.yShiftAngst))
                #expect(Self.close(f.preExposure, g.preExposure) && Self.close(f.defocusU, g.defocusU))
                #expect(Self.close(f.defocusV, g.defocusV) && Self.close(f.defocusAngle, g.defocusAngle))
                #expect(f.micrographName == g.micrographName && f.nominalStageTiltAngle == g.nominalStageTiltAngle)
            }
            #expect(a.tiltSeries.otherColumns == b.tiltSeries.otherColumns)
        }
    }

    /// The legacy single-file layout is re-written in the RELION 5 layout and read back.
    @Test(.requiresRealData) func legacyLayoutBecomesRelion5() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let warp = try TomogramSet.read(path: RealData.path("cryocat/motl_data/relion5/clean/warp2_matching_tomograms.star"))
        try warp.write(to: dir + "/tomograms.star")
        let back = try TomogramSet.read(path: dir + "/tomograms.star")
        #expect(back.tomograms.map(\.tiltSeriesStarFile) == warp.tomograms.map { "tilt_series/\($0.name).star" })
        #expect(back.tomograms.map(\.tiltSeries.frames.count) == [41, 41, 41, 41, 41])
        let f = warp.tomograms[2].tiltSeries.frames[7], g = back.tomograms[2].tiltSeries.frames[7]
        #expect(Self.close(f.yTilt, g.yTilt) && Self.close(f.zRot, g.zRot) && g.legacyProjection == nil)
    }

    @Test(.requiresRealData) func particleSetRoundTrip() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try ParticleSet.read(path: RealData.path("cryocat/motl_data/relion5/clean/R5_tutorial_run_data.star"))
        let subset = original.selecting(Array(stride(from: 0, to: 9053, by: 7)))
        try subset.write(to: dir + "/particles.star")
        let back = try ParticleSet.read(path: dir + "/particles.star")
        #expect(back.dialect == .relion5 && back.subTomogramsAre2DStacks)
        #expect(back.particles.count == 1294)
        #expect(back.optics == subset.optics)
        for (a, b) in zip(subset.particles, back.particles) {
            #expect(a.tomoName == b.tomoName && a.particleName == b.particleName && a.opticsGroup == b.opticsGroup)
            #expect(a.randomSubset == b.randomSubset && a.visibleFrames == b.visibleFrames && a.imageName == b.imageName)
            #expect(a.classNumber == b.classNumber)
            #expect(Self.close(a.pose.centeredPositionAngst, b.pose.centeredPositionAngst))
            #expect(Self.close(a.pose.originAngst, b.pose.originAngst))
            #expect(Self.close(a.pose.angles.rot, b.pose.angles.rot) && Self.close(a.pose.angles.tilt, b.pose.angles.tilt))
            #expect(Self.close(a.pose.subtomogramAngles.psi, b.pose.subtomogramAngles.psi))
        }
        for label in subset.otherColumns.labels {
            #expect(back.otherColumns.column(label) == subset.otherColumns.column(label), "column \(label)")
        }
    }

    /// Legacy coordinates converted on read are written as centred Å, rlnCoordinate* dropped.
    @Test(.requiresRealData) func convertedLegacyParticlesWriteCentredAngst() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clean = "cryocat/motl_data/relion5/clean/"
        let tomos = try TomogramSet.read(path: RealData.path(clean + "warp2_matching_tomograms.star"))
        let s = try ParticleSet.read(path: RealData.path(clean + "warp2_particles_matching.star"), tomograms: tomos)
        try s.write(to: dir + "/p.star")
        let doc = try StarDocument.read(path: dir + "/p.star")
        let block = try #require(doc["particles"])
        #expect(block.has("rlnCenteredCoordinateXAngst") && !block.has("rlnCoordinateX"))
        let back = try ParticleSet.read(path: dir + "/p.star")
        #expect(back.particles.count == 1218 && back.opticsGroups.count == 5)
        #expect(Self.close(back.particles[100].pose.centeredPositionAngst, s.particles[100].pose.centeredPositionAngst))
    }

    /// Fresh picks without an optics table: one is built from the tomogram set, names default to
    /// `<tomo>/<n>`.
    @Test func opticsBuiltFromTomogramSet() throws {
        func tomo(_ name: String, _ optics: String?) -> Tomogram {
            var t = Tomogram(name: name, voltage: 300, sphericalAberration: 2.7, amplitudeContrast: 0.1, hand: -1,
                             tiltSeriesPixelSize: 1.35, size: TomogramSize(x: 4000, y: 4000, z: 2000),
                             tiltSeries: TiltSeries(name: name, frames: []))
            t.opticsGroupName = optics
            return t
        }
        let tomos = TomogramSet(tomograms: [tomo("A", "g1"), tomo("B", "g2"), tomo("C", "g1")])
        let text = """
        data_particles
        loop_
        _rlnTomoName
        _rlnCenteredCoordinateXAngst
        _rlnCenteredCoordinateYAngst
        _rlnCenteredCoordinateZAngst
        B 1 2 3
        C 4 5 6
        B 7 8 9
        A 0 0 0

        """
        let doc = try StarDocument.parse(text, source: "picks.star")
        let s = try ParticleSet(document: doc, file: "picks.star", tomograms: tomos)
        #expect(s.particles.map(\.particleName) == ["B/1", "C/1", "B/2", "A/1"])
        #expect(s.particles.map(\.opticsGroup) == [2, 1, 2, 1])
        #expect(s.opticsGroups.map(\.name) == ["g1", "g2"])
        #expect(s.opticsGroups[0].tiltSeriesPixelSize == 1.35)
        #expect(!s.subTomogramsAre2DStacks)
    }

    @Test func optimisationSetRoundTrip() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = OptimisationSet(particlesFile: "Extract/job010/particles.star", tomogramsFile: "Tomograms/job006/tomograms.star")
        o.referenceMap1File = "Refine3D/job020/run_half1_class001_unfil.mrc"
        o.otherValues["rlnSomethingNew"] = "x"
        try o.write(to: dir + "/optimisation_set.star")
        let text = try String(contentsOfFile: dir + "/optimisation_set.star", encoding: .utf8)
        #expect(text.contains("data_\n") && !text.contains("loop_"))
        let back = try OptimisationSet.read(path: dir + "/optimisation_set.star")
        #expect(back == o)
    }
}
