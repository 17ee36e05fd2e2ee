import Foundation
import Testing
import TomoCatalog
import TomoSTAR
import TomoTransport
import TomoWire

/// The backbone across processes: a `catalog` and `extractor` workers launched from the build,
/// talking STAW over `ipc://` in a temporary directory.
@Suite(.serialized, .enabled(if: Cluster.available, "catalog/extractor executables not built"))
struct BackboneTests {
    /// The tile statistics of a distributed run equal a direct single-process computation bit
    /// for bit, with 1, 2 and 4 workers (whole sections, and 16-pixel boxes in float16 and float32).
    @Test(arguments: [(1, 0, "float32"), (2, 16, "float16"), (4, 16, "float32")])
    func tileStatsEqualDirectComputation(workers: Int, box: Int, dtype: String) throws {
        let fixture = try TiltSeriesProject(series: 2, tilts: 3, seed: UInt64(workers))
        let cluster = try Cluster(project: fixture.root)
        defer { cluster.stopAll(); fixture.remove() }
        for _ in 0..<workers { try cluster.startWorker() }
        let client = try RequestClient(context: cluster.context, endpoint: cluster.endpoint)
        let id = try cluster.submit(client, parameters: ["tomograms": fixture.tomograms, "box": box, "dtype": dtype])
        #expect(cluster.waitForJob(client, id) == "succeeded")
        let job = try cluster.job(client, id)
        let out = fixture.root + "/TileStats/job00\(id)/stats.star"
        #expect((job["outputs"] as? [String]) == ["TileStats/job00\(id)/stats.star"])
        let (tiles, stats) = try TileStatsReport.readSummary(path: out)
        let direct = fixture.direct(box: box, dtype: dtype == "float16" ? .float16 : .float32)
        #expect(tiles == direct.tiles)
        #expect(stats == direct.stats)
        #expect(stats.count == UInt64(6 * TiltSeriesProject.nx * TiltSeriesProject.ny))
    }

    /// kill -9 of a worker holding tasks: every task completes elsewhere (some with attempt ≥ 2),
    /// the reduction equals the undisturbed (direct) result, and no task is counted twice.
    @Test func killNineOfAWorkerHoldingTasks() throws {
        let fixture = try TiltSeriesProject(series: 1, tilts: 3, seed: 7)
        let cluster = try Cluster(project: fixture.root)
        defer { cluster.stopAll(); fixture.remove() }
        let victim = try cluster.startWorker(credit: 2)
        try cluster.startWorker(credit: 2)
        try cluster.startWorker(credit: 2)
        let client = try RequestClient(context: cluster.context, endpoint: cluster.endpoint)
        // Tasks last 150 ms, so the victim is surely holding its two when it is killed (with 40 ms
        // it could finish both between the poll and the kill on a fast build).
        let id = try cluster.submit(client, parameters: ["tomograms": fixture.tomograms, "box": 16, "delay_ms": 150])
        let deadline = ContinuousClock.now + .seconds(15)
        while cluster.done(client, id) < 4 && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        cluster.kill9(victim)
        #expect(cluster.waitForJob(client, id) == "succeeded")
        let out = fixture.root + "/TileStats/job00\(id)/stats.star"
        let (tiles, stats) = try TileStatsReport.readSummary(path: out)
        let direct = fixture.direct(box: 16, dtype: .float32)
        #expect(tiles == direct.tiles && stats == direct.stats)
        let rows = try #require(StarDocument.read(path: out)["tiles"])
        let ids = try #require(rows.column("staTaskId"))
        #expect(ids.count == direct.tiles && Set(ids).count == direct.tiles)          // each task once
        let attempts = try #require(rows.column("staAttempt")).compactMap(Int.init)
        #expect(attempts.contains { $0 >= 2 })                                          // reissued after the kill
    }

    /// kill -9 of the catalog mid-job, then a restart on the same endpoint: the job record and
    /// every finished task survive, the workers reconnect, and the result equals the direct one.
    @Test func catalogRestartLosesNoFinishedTaskAndNoJob() throws {
        let fixture = try TiltSeriesProject(series: 1, tilts: 3, seed: 11)
        let cluster = try Cluster(project: fixture.root)
        defer { cluster.stopAll(); fixture.remove() }
        try cluster.startWorker(credit: 2)
        try cluster.startWorker(credit: 2)
        let client = try RequestClient(context: cluster.context, endpoint: cluster.endpoint)
        let id = try cluster.submit(client, parameters: ["tomograms": fixture.tomograms, "box": 16, "delay_ms": 50])
        let deadline = ContinuousClock.now + .seconds(15)
        while cluster.done(client, id) < 8 && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let before = cluster.done(client, id)
        cluster.kill9(cluster.catalog!)
        try cluster.startCatalog(project: fixture.root)
        let client2 = try RequestClient(context: cluster.context, endpoint: cluster.endpoint)
        let after = cluster.done(client2, id)
        let list = Cluster.object(try client2.call("job.list"))["jobs"] as? [[String: Any]] ?? []
        #expect(before >= 8 && after >= before)
        #expect(list.contains { $0["id"] as? Int == id && $0["type"] as? String == "sta.tilestats" })
        #expect(cluster.waitForJob(client2, id) == "succeeded")
        let out = fixture.root + "/TileStats/job00\(id)/stats.star"
        let (tiles, stats) = try TileStatsReport.readSummary(path: out)
        let direct = fixture.direct(box: 16, dtype: .float32)
        #expect(tiles == direct.tiles && stats == direct.stats)
    }
}
