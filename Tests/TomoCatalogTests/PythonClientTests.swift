import Foundation
import Testing
import TomoCatalog
import TomoSTAR
import TomoTesting

/// A Python client written from `docs/protocol.md` alone (`Tests/Interop/sta_client.py`: pyzmq,
/// zstandard, starfile) against the real services: `monitor serve`, `catalog` and one `extractor`
/// launched from the build on `ipc://` endpoints in a temporary directory.
@Suite(.serialized, .requiresInteropPython,
       .enabled(if: Cluster.available && Cluster.monitorAvailable, "catalog/extractor/monitor executables not built"))
struct PythonClientTests {
    static let script = RealData.repositoryRoot.appendingPathComponent("Tests/Interop/sta_client.py").path

    /// Python imports the tilt series (`project.import`, twice with one idempotency key), submits
    /// `sta.tilestats`, follows `job.<id>.` live and again late (the bus's last-value cache),
    /// fetches `stats.star` with `star.get` and the first tile with `tile.get`, and provokes
    /// refusals. Everything it reports must equal what Swift reads from the written file and
    /// computes directly, within 30 s.
    @Test func pythonSubmitsFollowsAndReadsTheTable() throws {
        let started = ContinuousClock.now
        let fixture = try TiltSeriesProject(series: 1, tilts: 3, seed: 5)
        let cluster = try Cluster(project: fixture.root)
        let xpub = "ipc://\(cluster.dir)/bus"
        var monitor: Process?
        defer {
            if let m = monitor, m.isRunning { kill(m.processIdentifier, SIGKILL); m.waitUntilExit() }
            cluster.stopAll()
            fixture.remove()
        }
        monitor = try cluster.launch("monitor", ["serve", "--xsub", cluster.events, "--xpub", xpub], log: "monitor.log")
        try cluster.startWorker(credit: 2)

        let out = try Self.runScenario(cluster: cluster, arguments: [
            "scenario", "--catalog", cluster.endpoint, "--events", xpub,
            "--import-tomograms", "Source/tomograms.star", "--box", "16", "--delay-ms", "20", "--timeout", "20",
        ])
        let direct = fixture.direct(box: 16, dtype: .float32)

        // The bus answered the ping; the import was applied once although sent twice with one key.
        #expect(out["bus_alive"] as? Bool == true)
        let imported = try #require(out["import"] as? [String: Any])
        #expect(imported["job"] as? Int == 2 && imported["repeat_job"] as? Int == 2)
        #expect(imported["tilt_images"] as? Int == 3)

        // The job ran to completion with one task per 16-pixel box.
        let id = try #require(out["job"] as? Int)
        #expect(id == 3)
        #expect(out["tasks"] as? Int == direct.tiles)
        #expect(out["state"] as? String == "succeeded")

        // Live events: at least one progress event, and the final state event.
        let live = try #require(out["live"] as? [String: Any])
        #expect((live["progress_events"] as? Int ?? 0) >= 1)
        #expect((live["states"] as? [String])?.last == "succeeded")
        let dones = live["progress_done"] as? [Int] ?? []
        #expect(dones == dones.sorted() && dones.last == direct.tiles)

        // Late subscription after the job ended: only the last-value cache can deliver these.
        let late = try #require(out["late"] as? [[String: Any]])
        let lateBodies = Dictionary(late.map { ($0["topic"] as? String ?? "", $0["body"] as? [String: Any] ?? [:]) },
                                    uniquingKeysWith: { a, _ in a })
        #expect(lateBodies["job.\(id).state"]?["state"] as? String == "succeeded")
        #expect(lateBodies["job.\(id).progress"]?["done"] as? Int == direct.tiles)
        #expect(lateBodies["job.\(id).progress"]?["total"] as? Int == direct.tiles)
        #expect(late.allSatisfy { $0["job"] as? Int == id })

        // The table Python fetched and parsed with starfile is the file Swift reads, value for value.
        let outputs = try #require(out["outputs"] as? [String])
        #expect(outputs == ["TileStats/job003/stats.star"])
        let path = fixture.root + "/" + outputs[0]
        let star = try #require(out["star"] as? [String: Any])
        let doc = try StarDocument.read(path: path)
        let tiles = try #require(doc["tiles"])
        let summary = try #require(doc["tilestats"])
        #expect(star["blocks"] as? [String] == ["tiles", "tilestats"])
        #expect(star["rows"] as? Int == direct.tiles && tiles.rowCount == direct.tiles)
        #expect(star["task_ids"] as? [Int] == Array(0..<direct.tiles))
        #expect(star["bytes"] as? Int == (try Data(contentsOf: URL(fileURLWithPath: path))).count)
        #expect(star["tile_count"] as? Int == direct.tiles)
        #expect(star["first_sum"] as? Double == tiles.string("staSum", row: 0).flatMap(Double.init))
        #expect(star["first_image"] as? String == tiles.string("staImageName", row: 0))
        #expect(star["sum"] as? Double == summary.string("staSum", row: 0).flatMap(Double.init))
        #expect(star["sum"] as? Double == direct.stats.sum)
        #expect(star["crc32"] as? Int == Int(direct.stats.crc32))
        #expect((star["maximum"] as? Double).map(Float.init) == direct.stats.maximum)

        // Python's own binary64 sum of the first tile (tile.get) equals the catalog's row.
        let tile = try #require(out["tile_get"] as? [String: Any])
        #expect(tile["shape"] as? [Int] == [1, 16, 16])
        #expect(tile["sum"] as? Double == star["first_sum"] as? Double)

        // Refusals: another major (426), an unknown method, job or path, a state change without a key.
        let errors = try #require(out["errors"] as? [String: Any])
        #expect(errors["wrong_major"] as? Int == 426)
        #expect(errors["unknown_method"] as? Int == 404)
        #expect(errors["unknown_job"] as? Int == 404)
        #expect(errors["submit_without_key"] as? Int == 400)
        #expect(errors["star_outside_project"] as? Int == 400)

        #expect(started.duration(to: .now) < .seconds(30))
    }

    /// Runs `sta_client.py` with `arguments` (killed after 25 s) and returns its JSON summary.
    static func runScenario(cluster: Cluster, arguments: [String]) throws -> [String: Any] {
        let python = try #require(InteropPython.executable)
        let stdout = cluster.dir + "/python.out", stderr = cluster.dir + "/python.err"
        _ = FileManager.default.createFile(atPath: stdout, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script] + arguments
        p.standardOutput = FileHandle(forWritingAtPath: stdout)
        p.standardError = FileHandle(forWritingAtPath: stderr)
        try p.run()
        let deadline = ContinuousClock.now + .seconds(25)
        while p.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let err = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
        let text = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
        guard p.terminationStatus == 0, p.terminationReason == .exit,
              let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw ScenarioError(description: "sta_client.py exited \(p.terminationStatus) (\(p.terminationReason == .exit ? "exit" : "killed")): \(err)")
        }
        return object
    }
}

/// `sta_client.py` failed, was killed, or printed no JSON object.
struct ScenarioError: Error, CustomStringConvertible {
    var description: String
}

extension Cluster {
    /// Whether `monitor` was built beside `catalog`.
    static var monitorAvailable: Bool { FileManager.default.isExecutableFile(atPath: binDirectory + "/monitor") }
}
