import Foundation
import Testing
import TomoSTAR
import TomoTesting
import TomoTransport

/// `sta class3d` (the debug executable) as a project job: registered from the job counter in
/// `default_pipeline.star` with its output nodes, and its events on a bus; `sta select` and
/// `sta compare` after it.
@Suite(.serialized) struct Class3DCommandJobTests {
    static var sta: String { RealData.repositoryRoot.appendingPathComponent(".build/debug/sta").path }

    static func run(_ arguments: [String], in dir: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sta)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func class3dRegistersItsJobAndPublishesIterations() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.sta), "build sta first (swift build)")
        let dir = try await Class3DFixture.project.value
        let context = try ZMQContext()
        let tag = "c3d-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let bus = try EventBus(context: context, xsub: "ipc:///tmp/\(tag)-x", xpub: "ipc:///tmp/\(tag)-p")
        defer { bus.stop() }
        let sub = try EventSubscriber(context: context, connectTo: "ipc:///tmp/\(tag)-p", topics: ["job."])
        try await Task.sleep(for: .milliseconds(300))
        var flags = Class3DFixture.command("unused", iter: 2)
        flags.removeSubrange(0..<2)  // no --o: the project's next Class3D job
        let (status, out) = try Self.run(["class3d", "--in_process", "--events", "ipc:///tmp/\(tag)-x"] + flags, in: dir)
        #expect(status == 0, "\(out)")
        let job = try #require(out.firstMatch(of: /class3d: job (\d+) \((Class3D\/job\d+\/)\)/), "\(out)")
        let id = Int(job.1)!, jobDir = String(job.2)

        var topics: [String] = [], iterations: [[String: Any]] = []
        while let e = try sub.next(timeoutMilliseconds: 1000) {
            topics.append(e.topic)
            if e.topic == "job.\(id).iteration" {
                iterations.append(try JSONSerialization.jsonObject(with: Data(e.json.utf8)) as! [String: Any])
            }
        }
        #expect(iterations.map { $0["iteration"] as? Int } == [1, 2])
        #expect(iterations.allSatisfy { ($0["class_distribution"] as? [Double])?.count == 2 })
        #expect(topics.filter { $0 == "job.\(id).progress" }.count >= 2)
        #expect(topics.first == "job.\(id).state" && topics.last == "job.\(id).state")

        let pipeline = try StarDocument.read(path: dir + "/default_pipeline.star")
        let processes = try #require(pipeline["pipeline_processes"]?.column("rlnPipeLineProcessName"))
        #expect(processes.contains(jobDir))
        let nodes = try #require(pipeline["pipeline_nodes"]?.column("rlnPipeLineNodeName"))
        for s in ["run_it002_data.star", "run_it002_optimiser.star", "run_it002_class001.mrc", "run_it002_class002.mrc"] {
            #expect(nodes.contains(jobDir + s), "\(jobDir + s) not among \(nodes)")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/" + jobDir + "RELION_JOB_EXIT_SUCCESS"))
        #expect(FileManager.default.fileExists(atPath: dir + "/" + jobDir + "job.star"))

        // select every class into the next Select job, then compare it with the truth
        let (s2, out2) = try Self.run(["select", "--i", jobDir + "run_it002_optimiser.star"], in: dir)
        #expect(s2 == 0, "\(out2)")
        let sel = try #require(out2.firstMatch(of: /-> (Select\/job(\d+)\/)particles.star/), "\(out2)")
        #expect(Int(sel.2)! == id + 1)
        #expect(try StarDocument.read(path: dir + "/default_pipeline.star")["pipeline_processes"]?
            .column("rlnPipeLineProcessName")?.contains(String(sel.1)) == true)
    }

    @Test func compareCountsTheMajorityClassOfEachFoundClass() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.sta), "build sta first (swift build)")
        let dir = NSTemporaryDirectory() + "compare-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func star(_ classes: [Int]) -> String {
            "data_particles\nloop_\n_rlnTomoName #1\n_rlnTomoParticleName #2\n_rlnClassNumber #3\n"
                + classes.enumerated().map { "TS_1 TS_1/\($0.offset + 1) \($0.element)" }.joined(separator: "\n") + "\n"
        }
        // truth: 4 × state 1, 4 × state 2, 2 × junk; found: class 2 = state 1 (one junk in it), class 1 = state 2 (one state-1 particle)
        try star([1, 1, 1, 1, 2, 2, 2, 2, 0, 0]).write(toFile: dir + "/truth.star", atomically: true, encoding: .utf8)
        try star([2, 2, 2, 1, 1, 1, 1, 1, 2, 3]).write(toFile: dir + "/data.star", atomically: true, encoding: .utf8)
        let (status, out) = try Self.run(["compare", "--truth", "truth.star", "--i", "data.star"], in: dir)
        #expect(status == 0, "\(out)")
        // class 1: {1:1, 2:4} → 4; class 2: {1:3, 0:1} → 3; class 3: {0:1} → 1; 8 of 10
        #expect(out.contains("accuracy 80.0% (8 of 10"), "\(out)")
        #expect(out.contains("junk 20.0% of them (2; the truth has 2)"), "\(out)")
        #expect(out.contains("class 1: 0 / 1 / 4"), "\(out)")
    }

    @Test func compareRefusesAMissingPartnerAndATruncatedMapNamingIt() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.sta), "build sta first (swift build)")
        let dir = NSTemporaryDirectory() + "compare-bad-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // --map without --truth_map is refused before anything is read.
        let (s1, o1) = try Self.run(["compare", "--truth", "truth.star", "--map", "a.mrc"], in: dir)
        #expect(s1 != 0 && o1.contains("--map and --truth_map go together"), "\(o1)")
        // A map cut short after its header: the error names the file; nothing is written.
        try Data(repeating: 0, count: 100).write(to: URL(fileURLWithPath: dir + "/short.mrc"))
        let (s2, o2) = try Self.run(["compare", "--truth", "truth.star", "--map", "short.mrc", "--truth_map", "short.mrc"], in: dir)
        #expect(s2 != 0 && o2.contains("short.mrc"), "\(o2)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["short.mrc"])
    }
}

