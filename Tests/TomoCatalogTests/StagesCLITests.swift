import Foundation
import Testing
import TomoTransport

/// `sta extract` / `sta reconstruct` against a running cluster (`--catalog`), the progress
/// events on the bus, and the services' `health` probe.
@Suite(.serialized, .enabled(if: Cluster.stagesAvailable && FileManager.default.isExecutableFile(atPath: Cluster.binDirectory + "/sta")
                               && FileManager.default.isExecutableFile(atPath: Cluster.binDirectory + "/monitor"),
                               "sta/monitor/catalog/extractor/reconstructor executables not built"))
struct StagesCLITests {
    /// Runs `sta` with `arguments`; returns (exit status, standard output).
    static func sta(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Cluster.binDirectory + "/sta")
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `sta extract --catalog EP` then `sta reconstruct` with `STA_CATALOG`: both exit 0, print
    /// their progress and outputs; the bus carries `job.<id>.progress` events of stage
    /// `extract` ending at 32/32 particles, and `job.<id>.state` `succeeded`.
    @Test func staSubmitsToTheClusterAndFollows() async throws {
        let dir = try await StagesFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cluster = try Cluster(project: dir)
        defer { cluster.removeWorkerCaches() }
        defer { cluster.stopAll() }
        let bus = "ipc://\(cluster.dir)/bus"
        cluster.workers.append(try cluster.launch("monitor", ["serve", "--xsub", cluster.events, "--xpub", bus], log: "monitor.log"))
        let sub = try EventSubscriber(context: cluster.context, connectTo: bus, topics: ["job."])
        try await Task.sleep(for: .milliseconds(500))
        try cluster.startWorker(credit: 1)
        try cluster.startWorker(credit: 1)
        try cluster.startReconstructor()

        let (status, out) = try Self.sta(["extract", "--catalog", cluster.endpoint, "--project", dir, "--i", "optimisation_set.star",
                                          "--b", "24", "--bin", "2", "--stack2d", "--batch", "5"])
        #expect(status == 0, "\(out)")
        #expect(out.contains("job 1 succeeded: 8/8 tasks, 32 particles"))
        #expect(out.contains("extracted 32 particles"))
        #expect(out.contains("Extract/job001/particles.star"))
        try StagesTests.expectExtractionMatchesInProcess(dir, "Extract/job001")

        var progress: [[String: Any]] = []
        var states: [String] = []
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, !states.contains("succeeded") {
            guard let e = try sub.next(timeoutMilliseconds: 200) else { continue }
            let o = (try? JSONSerialization.jsonObject(with: Data(e.json.utf8))) as? [String: Any] ?? [:]
            if e.topic == "job.1.progress" { progress.append(o) }
            if e.topic == "job.1.state", let s = o["state"] as? String { states.append(s) }
        }
        #expect(states.contains("succeeded"))
        #expect(progress.count == 8)                                       // 2 tomograms × batches of ≤ 5
        #expect(progress.last?["done"] as? Int == 32 && progress.last?["total"] as? Int == 32)
        #expect(progress.allSatisfy { $0["stage"] as? String == "extract" && (($0["particles_per_s"] as? Double) ?? 0) > 0 })

        let (rs, rout) = try Self.sta(["reconstruct", "--project", dir, "--i", "optimisation_set.star", "--b", "24", "--bin", "2",
                                       "--random_halves", "1", "--taper", "2", "--batch", "5"],
                                      environment: ["STA_CATALOG": cluster.endpoint])
        #expect(rs == 0, "\(rout)")
        #expect(rout.contains("reconstructed 32 particles"))
        try StagesTests.expectMapsMatchInProcess(dir, "Reconstruct/job002")
    }

    /// A failing job makes `sta` exit 1 with the catalog's reason (a missing input is refused
    /// at submission).
    @Test func staReportsARefusedJob() async throws {
        let dir = try await StagesFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cluster = try Cluster(project: dir)
        defer { cluster.removeWorkerCaches() }
        defer { cluster.stopAll() }
        let (status, out) = try Self.sta(["extract", "--catalog", cluster.endpoint, "--project", dir, "--i", "missing.star",
                                          "--b", "24"])
        #expect(status != 0)
        #expect(out.contains("missing.star"))
    }

    /// `catalog health` / `extractor health` exit 0 while the services run (fresh health files in
    /// `--health-dir`) and 1 once they have stopped gracefully.
    @Test func healthProbe() async throws {
        let dir = try await StagesFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let health = dir + "/health"
        let endpoint = "ipc://\(dir)/.sta-c.ipc"
        func launch(_ name: String, _ args: [String]) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Cluster.binDirectory + "/" + name)
            p.arguments = args + ["--health-dir", health, "--heartbeat-ms", "100", "--log-level", "warning"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        func probe(_ name: String) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Cluster.binDirectory + "/" + name)
            p.arguments = ["health", "--health-dir", health]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try probe("catalog") == 1)
        let catalog = try launch("catalog", ["--project", dir, "--bind", endpoint, "--shutdown-timeout", "5"])
        let worker = try launch("extractor", ["--catalog", endpoint, "--shutdown-timeout", "5"])
        try await Task.sleep(for: .seconds(1))
        #expect(try probe("catalog") == 0)
        #expect(try probe("extractor") == 0)
        for p in [worker, catalog] { p.terminate(); p.waitUntilExit() }
        #expect(worker.terminationStatus == 0 && catalog.terminationStatus == 0)
        #expect(try probe("catalog") == 1)
        #expect(try probe("extractor") == 1)
    }
}
