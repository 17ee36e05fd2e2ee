import Foundation
import Testing
import TomoSTAR
import TomoTesting
@testable import TomoProject

@Suite("Project directory")
struct ProjectDirectoryTests {
    /// Five jobs in every status, with lineage: the pipeline RELION's GUI would browse.
    func populated() throws -> ProjectDirectory {
        let project = try ProjectDirectory(root: makeTempDirectory(), now: SteppingClock().now)
        let tomos = JobOutput(nodePath: "Import/job001/tomograms.star", nodeType: NodeType.importTomograms)
        try project.createJob(type: .importTomo, commandLine: "sta import --tomograms t.star")
        try project.start(1)
        try project.succeed(1, outputs: [tomos])
        let optset = JobOutput(nodePath: "Extract/job002/optimisation_set.star", nodeType: NodeType.extractOptimisationSet)
        try project.createJob(type: .extract, alias: "bin4", parameters: ["box_size": "64", "binning": "4", "other_args": ""],
                              commandLine: "sta extract --bin 4 --b 64",
                              inputs: [JobInput(nodePath: tomos.nodePath)],
                              outputs: [optset, JobOutput(nodePath: "Extract/job002/particles.star", nodeType: NodeType.extractParticles)])
        try project.start(2)
        try project.createJob(type: .reconstruct, inputs: [JobInput(nodePath: optset.nodePath)])
        try project.createJob(type: .class3D, inputs: [JobInput(nodePath: optset.nodePath)])
        try project.cancel(4)
        try project.createJob(type: .refine3D, inputs: [JobInput(nodePath: optset.nodePath),
                                                        JobInput(nodePath: "/refs/ref.mrc", nodeType: NodeType.densityMap)])
        try project.start(5)
        try project.fail(5, error: "diverged")
        return project
    }

    @Test func jobDirectoriesAndExitMarkers() throws {
        let project = try populated()
        let r = project.root
        for d in ["Import/job001", "Extract/job002", "Reconstruct/job003", "Class3D/job004", "Refine3D/job005"] {
            #expect(exists("\(r)/\(d)/job.star") && exists("\(r)/\(d)/note.txt"), "\(d)")
        }
        func markers(_ d: String) -> [String] {
            ["RELION_JOB_EXIT_SUCCESS", "RELION_JOB_EXIT_FAILURE", "RELION_JOB_EXIT_ABORTED"].filter { exists("\(r)/\(d)/\($0)") }
        }
        #expect(markers("Import/job001") == ["RELION_JOB_EXIT_SUCCESS"])
        #expect(markers("Extract/job002") == [])
        #expect(markers("Reconstruct/job003") == [])
        #expect(markers("Class3D/job004") == ["RELION_JOB_EXIT_ABORTED"])
        #expect(markers("Refine3D/job005") == ["RELION_JOB_EXIT_FAILURE"])
        #expect(try String(contentsOfFile: "\(r)/Refine3D/job005/RELION_JOB_EXIT_FAILURE", encoding: .utf8) == "diverged\n")
        let note = try String(contentsOfFile: "\(r)/Extract/job002/note.txt", encoding: .utf8)
        #expect(note.hasPrefix(" ++++ Executing new job on "))
        #expect(note.contains("\nsta extract --bin 4 --b 64\n"))
        // No temporary files are left behind by the atomic writes.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: r).filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty)
    }

    @Test func jobStarMatchesRelionLayout() throws {
        let project = try populated()
        let doc = try StarDocument.read(path: project.root + "/Extract/job002/job.star")
        #expect(doc.blocks.map(\.name) == ["job", "joboptions_values"])
        let job = try #require(doc["job"])
        #expect(!job.isLoop)
        #expect(job.labels == ["rlnJobTypeLabel", "rlnJobIsContinue", "rlnJobIsTomo"])
        #expect(job.row(0) == ["relion.pseudosubtomo", "0", "0"])
        let opts = try #require(doc["joboptions_values"])
        #expect(opts.isLoop)
        #expect(opts.column("rlnJobOptionVariable") == ["binning", "box_size", "other_args"])
        #expect(opts.column("rlnJobOptionValue") == ["4", "64", ""])
        #expect(JobStarFile.options(of: doc) == ["box_size": "64", "binning": "4", "other_args": ""])
        let text = try String(contentsOfFile: project.root + "/Extract/job002/job.star", encoding: .utf8)
        #expect(text.contains("\"\""))   // RELION writes an empty option as ""
        let class3D = try StarDocument.read(path: project.root + "/Class3D/job004/job.star")
        #expect(class3D["job"]?.row(0) == ["relion.class3d", "0", "1"])
    }

    @Test func pipelineReadsBackWithRelion5Layout() throws {
        let project = try populated()
        let doc = try StarDocument.read(path: project.pipelinePath)
        #expect(doc.blocks.map(\.name) == ["pipeline_general", "pipeline_processes", "pipeline_nodes",
                                           "pipeline_input_edges", "pipeline_output_edges"])
        #expect(try doc["pipeline_general"]?.ints("rlnPipeLineJobCounter") == [6])
        let p = try #require(doc["pipeline_processes"])
        #expect(p.labels == ["rlnPipeLineProcessName", "rlnPipeLineProcessAlias", "rlnPipeLineProcessTypeLabel",
                             "rlnPipeLineProcessStatusLabel"])
        #expect(p.column("rlnPipeLineProcessName") == ["Import/job001/", "Extract/job002/", "Reconstruct/job003/",
                                                       "Class3D/job004/", "Refine3D/job005/"])
        #expect(p.column("rlnPipeLineProcessAlias") == ["None", "Extract/bin4/", "None", "None", "None"])
        #expect(p.column("rlnPipeLineProcessTypeLabel") == ["relion.importtomo", "relion.pseudosubtomo",
                                                            "relion.reconstructparticletomo", "relion.class3d",
                                                            "relion.refine3d.tomo"])
        #expect(p.column("rlnPipeLineProcessStatusLabel") == ["Succeeded", "Running", "Scheduled", "Aborted", "Failed"])
        let n = try #require(doc["pipeline_nodes"])
        #expect(n.labels == ["rlnPipeLineNodeName", "rlnPipeLineNodeTypeLabel", "rlnPipeLineNodeTypeLabelDepth"])
        #expect(n.column("rlnPipeLineNodeName") == ["Import/job001/tomograms.star", "Extract/job002/optimisation_set.star",
                                                    "Extract/job002/particles.star", "/refs/ref.mrc"])
        #expect(n.column("rlnPipeLineNodeTypeLabel") == ["TomogramGroupMetadata.star.relion.tomo.import",
                                                         "TomoOptimisationSet.star.relion.tomo.extract",
                                                         "ParticleGroupMetadata.star.relion.tomo.extract", "DensityMap.mrc"])
        #expect(try n.ints("rlnPipeLineNodeTypeLabelDepth") == [1, 1, 1, 1])
        let i = try #require(doc["pipeline_input_edges"])
        #expect(i.labels == ["rlnPipeLineEdgeFromNode", "rlnPipeLineEdgeProcess"])
        #expect(i.column("rlnPipeLineEdgeProcess") == ["Extract/job002/", "Reconstruct/job003/", "Class3D/job004/",
                                                       "Refine3D/job005/", "Refine3D/job005/"])
        #expect(i.column("rlnPipeLineEdgeFromNode") == ["Import/job001/tomograms.star", "Extract/job002/optimisation_set.star",
                                                        "Extract/job002/optimisation_set.star",
                                                        "Extract/job002/optimisation_set.star", "/refs/ref.mrc"])
        let o = try #require(doc["pipeline_output_edges"])
        #expect(o.labels == ["rlnPipeLineEdgeProcess", "rlnPipeLineEdgeToNode"])
        #expect(o.column("rlnPipeLineEdgeProcess") == ["Import/job001/", "Extract/job002/", "Extract/job002/"])
        #expect(o.column("rlnPipeLineEdgeToNode") == ["Import/job001/tomograms.star", "Extract/job002/optimisation_set.star",
                                                      "Extract/job002/particles.star"])
    }

    @Test func pipelineFollowsEveryChange() throws {
        let project = try ProjectDirectory(root: makeTempDirectory())
        func statuses() throws -> [String] {
            try StarDocument.read(path: project.pipelinePath)["pipeline_processes"]?.column("rlnPipeLineProcessStatusLabel") ?? []
        }
        #expect(try statuses() == [])
        #expect(try StarDocument.read(path: project.pipelinePath)["pipeline_general"]?.ints("rlnPipeLineJobCounter") == [1])
        try project.createJob(type: .select)
        #expect(try statuses() == ["Scheduled"])
        try project.start(1)
        #expect(try statuses() == ["Running"])
        try project.succeed(1)
        #expect(try statuses() == ["Succeeded"])
    }

    @Test func reopenedProjectKeepsJobsAndContinuesRelionCounter() throws {
        let dir = makeTempDirectory()
        do {
            let project = try ProjectDirectory(root: dir)
            try project.createJob(type: .extract)
            try project.start(1)
        }
        let again = try ProjectDirectory(root: dir)
        #expect(try again.ledger.job(1)?.status == .running)
        #expect(try again.ledger.nextJobNumber() == 2)

        // A directory RELION already numbered: a new ledger continues its counter.
        let relion = makeTempDirectory("relion")
        writeFile(relion + "/default_pipeline.star", "data_pipeline_general\n\n_rlnPipeLineJobCounter 32\n")
        let adopted = try ProjectDirectory(root: relion)
        #expect(try adopted.ledger.createJob(type: .select).id == 32)
    }

    @Test func syncFilesRepairsMarkersAfterACrashBetweenLedgerAndFiles() throws {
        let project = try populated()
        // Simulate a process that committed "succeeded" but died before touching the files.
        try project.ledger.succeed(2)
        #expect(!exists(project.root + "/Extract/job002/RELION_JOB_EXIT_SUCCESS"))
        try project.syncFiles()
        #expect(exists(project.root + "/Extract/job002/RELION_JOB_EXIT_SUCCESS"))
        #expect(try StarDocument.read(path: project.pipelinePath)["pipeline_processes"]?
            .string("rlnPipeLineProcessStatusLabel", row: 1) == "Succeeded")
    }

    @Test(.requiresInteropPython) func pythonStarfileReadsThePipeline() throws {
        let project = try populated()
        let script = """
        import json, sys, starfile
        d = starfile.read(sys.argv[1], always_dict=True)
        p = d['pipeline_processes']
        g = d['pipeline_general']
        counter = int(g['rlnPipeLineJobCounter'] if isinstance(g, dict) else g['rlnPipeLineJobCounter'].iloc[0])
        print(json.dumps({'names': p['rlnPipeLineProcessName'].tolist(),
                          'status': p['rlnPipeLineProcessStatusLabel'].tolist(),
                          'types': p['rlnPipeLineProcessTypeLabel'].tolist(),
                          'nodes': d['pipeline_nodes']['rlnPipeLineNodeName'].tolist(),
                          'counter': counter}))
        """
        let out = try InteropPython.run(script, arguments: [project.pipelinePath])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let ours = try #require(try StarDocument.read(path: project.pipelinePath)["pipeline_processes"])
        #expect(obj["names"] as? [String] == ours.column("rlnPipeLineProcessName"))
        #expect(obj["status"] as? [String] == ["Succeeded", "Running", "Scheduled", "Aborted", "Failed"])
        #expect(obj["types"] as? [String] == ours.column("rlnPipeLineProcessTypeLabel"))
        #expect((obj["nodes"] as? [String])?.count == 4)
        #expect(obj["counter"] as? Int == 6)
    }

    @Test(.requiresRealData) func realRelion5PipelineHasOurBlockAndLabelNames() throws {
        // The block and label names we write are the ones RELION 5 wrote in a real project.
        let real = try StarDocument.read(path: RealData.path("himena-relion/job_pipelines/refine3d.star"))
        let ours = try populated().pipelineDocument()
        #expect(ours.blocks.map(\.name) == real.blocks.map(\.name))
        for b in real.blocks { #expect(ours[b.name]?.labels == b.labels, "data_\(b.name)") }
        let realJob = try StarDocument.read(path: RealData.path("himena-relion/jobs_tomo/Extract/job001/job.star"))
        let ourJob = JobStarFile.document(for: try #require(try populated().ledger.job(2)))
        #expect(ourJob.blocks.map(\.name) == realJob.blocks.map(\.name))
        for b in realJob.blocks { #expect(ourJob[b.name]?.labels == b.labels, "data_\(b.name)") }
        #expect(ourJob["job"]?.row(0) == realJob["job"]?.row(0))   // relion.pseudosubtomo 0 0
    }
}
