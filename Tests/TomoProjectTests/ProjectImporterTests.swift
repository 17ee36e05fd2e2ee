import Foundation
import Testing
import TomoRelion
import TomoSTAR
import TomoTesting
@testable import TomoProject

@Suite("Project importer")
struct ProjectImporterTests {
    @Test func importsTomogramsParticlesAndOptimisationSet() throws {
        let source = SourceProject()
        let project = try ProjectDirectory(root: makeTempDirectory())
        let result = try ProjectImporter(project: project)
            .importSet(optimisationSet: source.optimisationSet, sourceProjectDirectory: source.root, alias: "picks")
        #expect(result.job.id == 1 && result.job.status == .succeeded && result.job.typeLabel == "relion.importtomo")
        #expect(result.tomogramCount == 2 && result.tiltImageCount == 6 && result.particleCount == 6)
        #expect(result.missingImageFiles.isEmpty)
        #expect(result.rewrittenImagePaths == 2 + 6)   // found only in the source project → absolute
        #expect(result.outputs.map(\.nodePath) == ["Import/job001/tomograms.star", "Import/job001/particles.star",
                                                   "Import/job001/optimisation_set.star"])
        #expect(result.outputs.map(\.nodeType) == [NodeType.importTomograms, NodeType.importTomoParticles, NodeType.optimisationSet])

        // tomograms.star points at the copied per-tilt-series files, project-relative.
        let copy = try StarDocument.read(path: project.path("Import/job001/tomograms.star"))
        #expect(copy["global"]?.column("rlnTomoTiltSeriesStarFile") == ["Import/job001/tilt_series/TS_01.star",
                                                                        "Import/job001/tilt_series/TS_02.star"])
        #expect(copy["global"]?.column("rlnTomoReconstructedTomogram")
            == SourceProject.names.map { source.root + "/Tomograms/job005/tomograms/rec_\($0).mrc" })
        let reread = try TomogramSet.read(path: project.path("Import/job001/tomograms.star"), projectDirectory: project.root)
        #expect(reread.tomograms.map(\.tiltSeries.frames.count) == [3, 3])
        #expect(reread.tomograms[0].tiltSeries.frames.map(\.yTilt) == SourceProject.tilts)
        #expect(reread.tomograms[1].tiltSeries.frames[2].micrographName == source.root + "/MotionCorr/job002/frames/TS_02_003.mrc")
        let parts = try ParticleSet.read(path: project.path("Import/job001/particles.star"))
        #expect(parts.particles.count == 6 && parts.particleCounts == ["TS_01": 3, "TS_02": 3])
        let opt = try OptimisationSet.read(path: project.path("Import/job001/optimisation_set.star"))
        #expect(opt.tomogramsFile == "Import/job001/tomograms.star" && opt.particlesFile == "Import/job001/particles.star")

        // Ledger, markers and pipeline agree.
        #expect(exists(project.path("Import/job001/RELION_JOB_EXIT_SUCCESS")))
        let pipeline = try StarDocument.read(path: project.pipelinePath)
        #expect(pipeline["pipeline_processes"]?.row(0) == ["Import/job001/", "Import/picks/", "relion.importtomo", "Succeeded"])
        #expect(pipeline["pipeline_nodes"]?.rowCount == 3)
        #expect(try project.ledger.job(1)?.parameters["in_optimisation"] == source.optimisationSet)
        #expect(try project.ledger.inputs(of: 1).count == 3)
        #expect(try StarDocument.read(path: project.path("Import/job001/job.star"))["job"]?.row(0) == ["relion.importtomo", "0", "0"])
    }

    @Test func pathsInsideTheProjectAreLeftAsTheyWere() throws {
        // Importing from within the project: every image resolves against the project root.
        let source = SourceProject()
        let project = try ProjectDirectory(root: source.root)
        let result = try ProjectImporter(project: project).importSet(tomograms: source.tomograms)
        #expect(result.rewrittenImagePaths == 0 && result.particleCount == nil)
        #expect(result.outputs.map(\.nodePath) == ["Import/job001/tomograms.star"])
        let copy = try StarDocument.read(path: project.path("Import/job001/tomograms.star"))
        #expect(copy["global"]?.column("rlnTomoReconstructedTomogram") == ["Tomograms/job005/tomograms/rec_TS_01.mrc",
                                                                           "Tomograms/job005/tomograms/rec_TS_02.mrc"])
        let ts = try StarDocument.read(path: project.path("Import/job001/tilt_series/TS_01.star"))
        #expect(ts.blocks.first?.column("rlnMicrographName")?.first == "MotionCorr/job002/frames/TS_01_001.mrc")
        #expect(try project.ledger.inputs(of: 1).map(\.nodePath) == ["Tomograms/job005/tomograms.star"])
    }

    @Test func missingImageFailsNamingTheFileAndRegistersNothing() throws {
        let source = SourceProject()
        try FileManager.default.removeItem(atPath: source.root + "/MotionCorr/job002/frames/TS_02_002.mrc")
        let project = try ProjectDirectory(root: makeTempDirectory())
        let error = #expect(throws: ProjectError.self) {
            try ProjectImporter(project: project).importSet(tomograms: source.tomograms, particles: source.particles,
                                                             sourceProjectDirectory: source.root)
        }
        #expect(error == .missingFiles(source: "Tomograms/job005/tilt_series/TS_02.star",
                                       files: ["MotionCorr/job002/frames/TS_02_002.mrc"]))
        #expect(error?.description.contains("MotionCorr/job002/frames/TS_02_002.mrc") == true)
        #expect(try project.ledger.jobs().isEmpty)
        #expect(!exists(project.path("Import")))
        #expect(try project.ledger.nextJobNumber() == 1)
    }

    @Test func missingTiltSeriesFileFailsNamingIt() throws {
        let source = SourceProject()
        try FileManager.default.removeItem(atPath: source.root + "/Tomograms/job005/tilt_series/TS_01.star")
        let project = try ProjectDirectory(root: makeTempDirectory())
        let error = #expect(throws: ProjectError.self) {
            try ProjectImporter(project: project).importSet(tomograms: source.tomograms, sourceProjectDirectory: source.root)
        }
        #expect(error?.description.contains("Tomograms/job005/tilt_series/TS_01.star") == true)
        #expect(try project.ledger.jobs().isEmpty)
    }

    @Test func particlesNamingAnUnknownTomogramAreRefused() throws {
        let source = SourceProject()
        let text = try String(contentsOfFile: source.particles, encoding: .utf8).replacingOccurrences(of: "TS_02 TS_02/1", with: "TS_99 TS_99/1")
        writeFile(source.particles, text)
        let project = try ProjectDirectory(root: makeTempDirectory())
        let error = #expect(throws: ProjectError.self) {
            try ProjectImporter(project: project).importSet(tomograms: source.tomograms, particles: source.particles,
                                                             sourceProjectDirectory: source.root)
        }
        #expect(error?.description.contains("TS_99") == true)
        #expect(try project.ledger.jobs().isEmpty)
    }

    @Test func failureWhileWritingLeavesAFailedJobNeverSucceeded() throws {
        let source = SourceProject()
        let project = try ProjectDirectory(root: makeTempDirectory())
        var importer = ProjectImporter(project: project)
        importer.afterWriting = { path in if path.hasSuffix("particles.star") { throw SimulatedCrash() } }
        #expect(throws: ProjectError.self) {
            try importer.importSet(optimisationSet: source.optimisationSet, sourceProjectDirectory: source.root)
        }
        let job = try #require(try project.ledger.job(1))
        #expect(job.status == .failed)
        #expect(job.errorMessage?.contains("particles.star") == true)
        #expect(try project.ledger.jobs(status: .succeeded).isEmpty)
        #expect(try project.ledger.outputs(of: 1).isEmpty)
        #expect(exists(project.path("Import/job001/RELION_JOB_EXIT_FAILURE")))
        #expect(!exists(project.path("Import/job001/RELION_JOB_EXIT_SUCCESS")))
        let pipeline = try StarDocument.read(path: project.pipelinePath)
        #expect(pipeline["pipeline_processes"]?.column("rlnPipeLineProcessStatusLabel") == ["Failed"])
        #expect(pipeline["pipeline_nodes"] == nil)
        // The next import gets a fresh number and succeeds.
        let again = try ProjectImporter(project: project)
            .importSet(optimisationSet: source.optimisationSet, sourceProjectDirectory: source.root)
        #expect(again.job.id == 2 && again.job.status == .succeeded)
    }

    @Test(.requiresRealData) func importsTheRelionTestProject() throws {
        let src = RealData.path("relion/test_project_directory")
        let project = try ProjectDirectory(root: makeTempDirectory())
        // The test project ships metadata only: its tomograms and tilt images are absent.
        let error = #expect(throws: ProjectError.self) {
            try ProjectImporter(project: project).importSet(tomograms: src + "/tilt_series_metadata/tilt_series.star",
                                                             sourceProjectDirectory: src)
        }
        guard case let .missingFiles(_, files) = error else { Issue.record("expected missingFiles, got \(String(describing: error))"); return }
        #expect(files.count == 5 + 5 * 41)
        #expect(files.first == "ReconstructTomograms/job007/tomograms/rec_220728_TS_01.mrc")
        #expect(try project.ledger.jobs().isEmpty)

        let result = try ProjectImporter(project: project).importSet(tomograms: src + "/tilt_series_metadata/tilt_series.star",
                                                                      sourceProjectDirectory: src, missingImages: .report)
        #expect(result.tomogramCount == 5 && result.tiltImageCount == 5 * 41)
        #expect(result.missingImageFiles.count == 5 + 5 * 41 && result.rewrittenImagePaths == 0)
        let copy = try StarDocument.read(path: project.path("Import/job001/tomograms.star"))
        #expect(copy["global"]?.column("rlnTomoTiltSeriesStarFile")
            == ["01", "03", "43", "45", "54"].map { "Import/job001/tilt_series/220728_TS_\($0).star" })
        #expect(copy["global"]?.column("rlnTomoReconstructedTomogram")?.first == "ReconstructTomograms/job007/tomograms/rec_220728_TS_01.mrc")
        let tiltFiles = try FileManager.default.contentsOfDirectory(atPath: project.path("Import/job001/tilt_series"))
        #expect(tiltFiles.sorted() == ["01", "03", "43", "45", "54"].map { "220728_TS_\($0).star" })
        let reread = try TomogramSet.read(path: project.path("Import/job001/tomograms.star"), projectDirectory: project.root)
        #expect(reread.tomograms.map(\.tiltSeries.frames.count) == [41, 41, 41, 41, 41])
        #expect(try project.ledger.jobs(status: .succeeded).map(\.id) == [1])
    }
}
