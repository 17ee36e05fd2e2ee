import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoSTAR
import TomoTesting
@testable import TomoRefineFiles

/// Our files parse with our parser and read back to the values written.
@Suite struct RoundTripTests {
    @Test func fileNamesFollowRelion() throws {
        let n = Fixture.names
        #expect(n.data == "Class3D/job012/run_it025_data.star")
        #expect(n.optimiser == "Class3D/job012/run_it025_optimiser.star")
        #expect(n.classMap(1) == "Class3D/job012/run_it025_class001.mrc")
        #expect(n.classMap(12) == "Class3D/job012/run_it025_class012.mrc")
        #expect(n.halfModel(2) == "Class3D/job012/run_it025_half2_model.star")
        #expect(n.optimisationSet == "Class3D/job012/run_it025_optimisation_set.star")
        #expect(RefineFileNames(root: "Refine3D/job015/run", iteration: nil).unfilteredHalfMap(1)
            == "Refine3D/job015/run_half1_class001_unfil.mrc")
        #expect(RefineFileNames(root: "R/run", iteration: 0).sampling == "R/run_it000_sampling.star")
        #expect(RefineFileNames.parse("Class3D/job012/run_it025_optimiser.star") == RefineFileNames(root: "Class3D/job012/run", iteration: 25))
        #expect(RefineFileNames.parse("Refine3D/job015/run_half1_model.star") == RefineFileNames(root: "Refine3D/job015/run", iteration: nil))
    }

    @Test func modelRoundTrips() throws {
        let dir = try Fixture.writtenProject()
        let m = try RefineModel.read(path: dir + "/" + Fixture.names.model)
        #expect(m.document.serialized() == Fixture.model.document.serialized())
        #expect(m.general.currentResolution == 21.6)
        #expect(m.general.logLikelihood == 1.234567e8)
        #expect(m.classes.count == 2)
        #expect(m.classes[1].referenceImage == "Class3D/job012/run_it025_class002.mrc")
        #expect(m.classes[0].distribution == 0.612)
        #expect(m.classes[0].spectrum.count == 33)
        #expect(m.classes[0].spectrum[0].angstromResolution == 999)
        #expect(abs(m.classes[0].spectrum[10].angstromResolution - 34.56) < 1e-6)
        #expect(m.classes[1].orientationDistribution.count == 12)
        #expect(m.groups.map(\.name) == ["TS_01", "TS_02"])
        // The shell with σ² = 0 is not written (RELION omits σ² ≤ 0).
        #expect(m.noiseSpectra.count == 1 && m.noiseSpectra[0].sigma2.count == 32)
    }

    @Test func optimiserRoundTripsWithHeader() throws {
        let dir = try Fixture.writtenProject()
        let path = dir + "/" + Fixture.names.optimiser
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "# RELION optimiser; version 5.0-sta")
        #expect(lines[1] == "# --o Class3D/job012/run --ios Extract/job010/optimisation_set.star --K 2 --iter 25")
        #expect(lines[2] == "" && lines[3] == "# version 50001")
        let o = try RefineOptimiser.read(path: path)
        #expect(o.block == Fixture.iteration.resolvedOptimiser.block)
        #expect(o.fileText == text)
        #expect(o.currentIteration == 25)
        #expect(o.modelStarFile == "Class3D/job012/run_it025_model.star")
        #expect(o.modelStarFile2 == nil)
        #expect(abs(o.bestResolutionThusFar - 0.046296) < 1e-12)      // Å⁻¹, %.6f
        #expect(o.changesOptimalClasses == 0.011179)                   // fraction
        #expect(o.changesOptimalOffsets == 1.766044)                    // Å
        #expect(o["rlnSgdMuFactor"] == .double(0.9))
        #expect(o["rlnSolventMaskName"] == .string("None"))
        #expect(text.contains("_rlnTomoTrajectoriesFile"))
    }

    @Test func samplingRoundTrips() throws {
        let dir = try Fixture.writtenProject()
        let s = try RefineSampling.read(path: dir + "/" + Fixture.names.sampling)
        #expect(s == Fixture.sampling)
        #expect(s.directions.count == 12 && s.offsetStep == 10.8 && s.is3DTranslationalSampling)
    }

    @Test func dataRoundTripsWithRefineColumns() throws {
        let dir = try Fixture.writtenProject()
        let path = dir + "/" + Fixture.names.data
        let doc = try StarDocument.read(path: path)
        #expect(doc.blocks.map(\.name) == ["general", "optics", "particles"])
        let p = try #require(doc["particles"])
        #expect(try p.ints("rlnClassNumber") == [2, 1, 1, 2, 1, 1])
        #expect(try p.doubles("rlnNormCorrection") == [1, 1, 1, 1, 1, 1])
        #expect(try p.ints("rlnGroupNumber") == [1, 1, 1, 1, 2, 2])
        #expect(try p.ints("rlnNrOfSignificantSamples") == [1, 2, 3, 4, 5, 6])
        #expect(try p.doubles("rlnMaxValueProbDistribution")[5] == 0.75)
        #expect(try p.doubles("rlnAngleRot")[3] == 30)
        #expect(try p.doubles("rlnOriginYAngst")[0] == -2.7)
        #expect(doc["optics"] == Fixture.optics)
        let set = try RefineData.read(path: path)
        #expect(set.particles.count == 6 && set.subTomogramsAre2DStacks)
        #expect(set.particles[0].classNumber == 2)
        // 3D pseudo-subtomogram mode: no data_general.
        var three = Fixture.iteration.data
        three.subTomogramsAre2DStacks = false
        #expect(RefineData.document(of: three).blocks.map(\.name) == ["optics", "particles"])
        let ios = try OptimisationSet.read(path: dir + "/" + Fixture.names.optimisationSet)
        #expect(ios.particlesFile == Fixture.names.data && ios.tomogramsFile == "Tomograms/job006/tomograms.star")
        #expect(ios.trajectoriesFile == "")
    }

    @Test func currentResolutionGrepsOnceInAngstrom() throws {
        let dir = try Fixture.writtenProject()
        let text = try String(contentsOfFile: dir + "/" + Fixture.names.model, encoding: .utf8)
        let hits = text.split(separator: "\n").filter { $0.hasPrefix("_rlnCurrentResolution") }
        #expect(hits.count == 1)
        let fields = try #require(hits.first?.split(separator: " "))
        #expect(fields.count == 2 && fields[1] == "21.600000")
    }

    @Test func continueRecoversIterationClassesPathsAndSampling() throws {
        let dir = try Fixture.writtenProject()
        let c = try RefineContinuation.read(optimiserPath: dir + "/" + Fixture.names.optimiser)
        #expect(c.iteration == 25 && c.classCount == 2)
        #expect(c.names == Fixture.names)
        #expect(c.dataPath == dir + "/Class3D/job012/run_it025_data.star")
        #expect(c.modelPaths == [dir + "/Class3D/job012/run_it025_model.star"])
        #expect(c.classMapPaths == [dir + "/Class3D/job012/run_it025_class001.mrc", dir + "/Class3D/job012/run_it025_class002.mrc"])
        #expect(c.tomogramsPath == dir + "/Tomograms/job006/tomograms.star")
        #expect(c.sampling == Fixture.sampling)
        #expect(c.optimiser.randomSeed == 1_564_557_917)
        #expect(try c.readData().particles.count == 6)
    }

    @Test func halfModelsAreNamedInTheOptimiser() throws {
        var it = Fixture.iteration
        it.names = RefineFileNames(root: "Refine3D/job015/run", iteration: 3)
        it.models = [Fixture.model, Fixture.model]
        let o = it.resolvedOptimiser
        #expect(o.modelStarFile == "Refine3D/job015/run_it003_half1_model.star")
        #expect(o.modelStarFile2 == "Refine3D/job015/run_it003_half2_model.star")
        #expect(o.doSplitRandomHalves)
        #expect(o.block.labels[2] == "rlnModelStarFile2")
        #expect(o.block.labels.count == 103)
    }
}
