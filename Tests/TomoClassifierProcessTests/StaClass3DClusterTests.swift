import Foundation
import Testing

/// `sta class3d` (the built `sta`) with no cluster configured: starts the project's embedded
/// cluster (monitor, catalog, classifier, workers, one aligner), registers the next Class3D job,
/// submits it to the classifier and prints the iteration lines as they come; the files equal the
/// in-process run's. `sta down` stops the cluster.
@Suite(.serialized) struct StaClass3DClusterTests {
    static func sta(_ arguments: [String], in dir: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ClassifierProcesses.binDirectory + "/sta")
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["STA_CLASSIFIER"] = nil
        env["STA_CATALOG"] = nil
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Starts `sta` and returns it with the pipe of its merged output.
    static func start(_ arguments: [String], in dir: String) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ClassifierProcesses.binDirectory + "/sta")
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        return (p, pipe)
    }

    @Test(.enabled(if: ClassifierProcesses.available(needsSTA: true), "build sta, classifier and aligner first (swift build)"))
    func staClass3dRunsOnTheEmbeddedCluster() async throws {
        let source = try await ClassifierFixture.project.value
        let reference = try await ClassifierFixture.reference2.value
        let dir = "/tmp/c3de-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/Class3D")
        defer {
            _ = try? Self.sta(["down", "--project", dir], in: dir)
            try? FileManager.default.removeItem(atPath: dir)
        }
        let (status, out) = try Self.sta(["class3d"] + ClassifierFixture.command(nil, iter: 2), in: dir)
        #expect(status == 0, "\(out)")
        #expect(out.contains("started the local cluster"), "\(out)")
        #expect(out.contains("submitted to the classifier"), "\(out)")
        let job = try #require(out.firstMatch(of: /class3d: job (\d+) \((Class3D\/job\d+\/)\)/), "\(out)")
        let lines = out.split(separator: "\n").filter { $0.hasPrefix("iteration ") && $0.contains("resolution") }
        #expect(lines.count == 2 && lines[0].hasPrefix("iteration 1/2") && lines[1].hasPrefix("iteration 2/2"), "\(out)")
        #expect(out.contains("particles ("), "no particles-done percentage in \(out)")
        let root = String(job.2) + "run"
        #expect(try ClassifierFixture.differences(dir, root, reference: "../" + URL(fileURLWithPath: source).lastPathComponent
                                                      + "/" + reference, iteration: 2) == [])
        #expect(FileManager.default.fileExists(atPath: dir + "/" + job.2 + "RELION_JOB_EXIT_SUCCESS"))
        let pipeline = try String(contentsOfFile: dir + "/default_pipeline.star", encoding: .utf8)
        #expect(pipeline.contains(root + "_it002_data.star"))

        // --continue on the same (still running) cluster: one more iteration, flags passed through
        let (s3, out3) = try Self.sta(["class3d", "--continue", root + "_it002_optimiser.star", "--iter", "3"], in: dir)
        #expect(s3 == 0, "\(out3)")
        #expect(!out3.contains("started the local cluster"), "\(out3)")
        #expect(out3.split(separator: "\n").contains { $0.hasPrefix("iteration 3/3") }, "\(out3)")
        for suffix in ClassifierFixture.files(iteration: 3) {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + root + suffix), "no \(root + suffix)")
        }

        // Ctrl-C once the job is submitted: the classifier cancels it, the job is marked aborted
        let (p, pipe) = try Self.start(["class3d"] + ClassifierFixture.command(nil, iter: 3), in: dir)
        var text = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while !text.contains("submitted to the classifier"), p.isRunning, ContinuousClock.now < deadline {
            text += String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        }
        kill(p.processIdentifier, SIGINT)
        text += String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus != 0, "\(text)")
        #expect(text.contains("cancelling job") && text.contains("cancelled on the classifier"), "\(text)")
        let cancelled = try #require(text.firstMatch(of: /class3d: job \d+ \((Class3D\/job\d+\/)\)/), "\(text)")
        #expect(FileManager.default.fileExists(atPath: dir + "/" + cancelled.1 + "RELION_JOB_EXIT_ABORTED"))
    }
}
