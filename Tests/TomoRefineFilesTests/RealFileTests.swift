import Foundation
import Testing
import TomoTesting
@testable import TomoRefineFiles

/// Our readers read the real RELION 3.1 refinement files (dials tutorial) and the starfile
/// tutorial optimiser/sampling files.
@Suite struct RealFileTests {
    static let project = RealData.path("dials-relion31-tutorial")

    @Test(.requiresRealData) func readsClass3DModel() throws {
        let m = try RefineModel.read(path: RealData.path("dials-relion31-tutorial/Class3D/job016/run_it025_model.star"))
        #expect(m.general.currentResolution == 10.298182)
        #expect(m.general.nrClasses == 4 && m.classes.count == 4)
        #expect(m.general.nrOpticsGroups == nil)
        #expect(m.classes[3].distribution == 0.838943 && m.classes[3].estimatedResolution == 10.298182)
        #expect(m.classes[0].spectrum.count == 33 && m.classes[0].spectrum[22].resolution == 0.097105)
        #expect(m.classes[0].orientationDistribution.count == 192)
        #expect(m.groups.count == 24 && m.groups[0].particleCount == 244)
        #expect(m.noiseSpectra.count == 24)      // pre-RELION-4: per group
    }

    @Test(.requiresRealData) func readsRefine3DAndInitialModelModels() throws {
        let h = try RefineModel.read(path: RealData.path("dials-relion31-tutorial/Refine3D/job019/run_it020_half1_model.star"))
        #expect(h.classes.count == 1)
        let f = try RefineModel.read(path: RealData.path("dials-relion31-tutorial/Refine3D/job019/run_model.star"))
        #expect(f.general.currentResolution == 3.931654 && f.general.orientationalPriorMode == 1)
        let i = try RefineModel.read(path: RealData.path("dials-relion31-tutorial/InitialModel/job015/run_it150_model.star"))
        #expect(i.classes.count == i.general.nrClasses)
    }

    @Test(.requiresRealData, arguments: [
        "dials-relion31-tutorial/Class3D/job016/run_it025_optimiser.star",
        "dials-relion31-tutorial/Refine3D/job019/run_it020_optimiser.star",
        "dials-relion31-tutorial/InitialModel/job015/run_it150_optimiser.star",
        "starfile/relion_tutorial/run_it025_optimiser_3D.star",
        "starfile/relion_tutorial/run_it025_optimiser_2D.star",
    ]) func readsOptimisers(file: String) throws {
        let o = try RefineOptimiser.read(path: RealData.path(file))
        #expect(o.relionVersion.hasPrefix("3.1"))
        #expect(o.commandLine.hasPrefix("--o "))
        #expect(o.currentIteration == RefineFileNames.parse(file.replacingOccurrences(of: "_2D", with: "").replacingOccurrences(of: "_3D", with: ""))?.iteration)
        #expect(o.otherValues.map(\.label).contains("rlnDoStochasticEM"))
        #expect(o.experimentalDataStarFile.hasSuffix("_data.star"))
    }

    @Test(.requiresRealData) func readsClass3DOptimiserValues() throws {
        let o = try RefineOptimiser.read(path: RealData.path("dials-relion31-tutorial/Class3D/job016/run_it025_optimiser.star"))
        #expect(o.bestResolutionThusFar == 0.097105)
        #expect(o.changesOptimalClasses == 0.011179)
        #expect(o.maxNumberOfPooledParticles == 180)
        #expect(o.randomSeed == 1_564_557_917)
        #expect(o.tomogramsFile == "")               // absent in RELION 3.1 → default
        let r = try RefineOptimiser.read(path: RealData.path("dials-relion31-tutorial/Refine3D/job019/run_it020_optimiser.star"))
        #expect(r.modelStarFile2 == "Refine3D/job019/run_it020_half2_model.star" && r.doSplitRandomHalves)
    }

    @Test(.requiresRealData, arguments: [
        "dials-relion31-tutorial/Class3D/job016/run_it025_sampling.star",
        "starfile/relion_tutorial/run_it025_sampling_3D.star",
        "starfile/relion_tutorial/run_it025_sampling_2D.star",
    ]) func readsSampling(file: String) throws {
        let s = try RefineSampling.read(path: RealData.path(file))
        if file.contains("job016") {
            #expect(s.healpixOrder == 2 && s.psiStep == 15 && s.offsetStep == 7.08 && s.directions.count == 192)
            #expect(s.healpixOrderOriginal == nil)
        }
        #expect(s.is3DSampling == !file.hasSuffix("_2D.star"))
        #expect(s.offsetStep == (file.hasSuffix("_3D.star") ? 1.77 : 7.08))
        if !s.is3DSampling { #expect(s.directions.isEmpty && s.psiStep == 11.25 && s.healpixOrderOriginal == 2) }
    }

    @Test(.requiresRealData) func continuesRealClass3D() throws {
        let c = try RefineContinuation.read(optimiserPath: Self.project + "/Class3D/job016/run_it025_optimiser.star")
        #expect(c.iteration == 25 && c.classCount == 4)
        #expect(c.dataPath == Self.project + "/Class3D/job016/run_it025_data.star")
        #expect(c.samplingPath == Self.project + "/Class3D/job016/run_it025_sampling.star")
        #expect(c.sampling.directions.count == 192)
        #expect(c.classMapPaths.last == Self.project + "/Class3D/job016/run_it025_class004.mrc")
        #expect(try c.readData().particles.count == 5367)
    }
}
