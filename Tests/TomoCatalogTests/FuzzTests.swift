import Foundation
import Testing
import TomoTransport
import TomoWire

/// 10,000 random and mutated frames against a running catalog (seeded): the catalog never
/// crashes, and every frame that does not decode is answered with an ERROR, or, when it claims
/// to be an ERROR itself (never answered), dropped with a `service.<name>.log` event.
@Suite(.serialized, .enabled(if: Cluster.available, "catalog executable not built"))
struct FuzzTests {
    struct Rng {
        var s: UInt64
        mutating func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static func seeds() throws -> [[[UInt8]]] {
        let tile = try TileCodec.encode([1, 2, 3, 4], nx: 2, ny: 2, nz: 1, voxelSize: 1, tileID: 1)
        let c = Correlation(jobID: 1, iteration: 0, attempt: 1, taskID: 3)
        return [
            Message(.ready(.init(credit: 1, service: "extractor", workerID: "fuzz", capabilities: ["x"]))).encode(),
            Message(.heartbeat(.init(credit: 1, renewals: [.init(jobID: 1, iteration: 0, taskID: 3, attempt: 1)]))).encode(),
            Message(.result(.init(status: .succeeded, computeMilliseconds: 1, summaryJSON: "{}")), correlation: c,
                    payloads: [.tile(tile)]).encode(),
            Message(.request(.init(method: "job.get", argumentsJSON: "{\"job\":1}")), correlation: c).encode(),
            Message(.request(.init(method: "tile.get", argumentsJSON: "{\"path\":\"../x.mrc\",\"section\":0}"))).encode(),
            Message(.error(.init(code: .malformed, offendingCommand: 2, message: "x"))).encode(),
            Message(.disconnect(.init(reason: "bye"))).encode(),
            Message(.event(.init(topic: "job.1.state", json: "{}"))).encode(),
            Message(.task(.init(leaseMilliseconds: 5, operation: "op")), correlation: c).encode(),
        ]
    }

    static func mutate(_ base: [[UInt8]], _ r: inout Rng) -> [[UInt8]] {
        var f = base
        switch r.below(8) {
        case 0:                                                  // flip bytes
            for _ in 0..<(1 + r.below(4)) {
                let i = r.below(f.count)
                if !f[i].isEmpty { f[i][r.below(f[i].count)] ^= UInt8(1 + r.below(255)) }
            }
        case 1:                                                  // truncate a frame
            let i = r.below(f.count)
            f[i] = Array(f[i].prefix(r.below(f[i].count + 1)))
        case 2: f.append((0..<r.below(64)).map { _ in UInt8(truncatingIfNeeded: r.next()) })   // extra frame
        case 3: if f.count > 1 { f.removeLast() }                // missing frame
        case 4: f = (0..<(1 + r.below(4))).map { _ in (0..<r.below(80)).map { _ in UInt8(truncatingIfNeeded: r.next()) } }
        case 5:                                                  // header field noise: command, version, counts
            if f[0].count >= 56 { f[0][[4, 5, 48, 49][r.below(4)]] = UInt8(truncatingIfNeeded: r.next()) }
        case 6:                                                  // length prefixes in the body
            if f.count > 1, f[1].count >= 4 { for k in 0..<4 { f[1][k] = 0xff - UInt8(k) } }
        default:                                                 // signature kept, random header and body
            var h = Array("STAW".utf8) + [1] + (0..<51).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            h[49] = 0
            f = [h, (0..<r.below(40)).map { _ in UInt8(truncatingIfNeeded: r.next()) }]
        }
        return f.isEmpty ? [[]] : f
    }

    @Test func tenThousandFramesAreAnsweredOrReportedAndTheCatalogSurvives() throws {
        let fixture = try TiltSeriesProject(series: 1, tilts: 1, seed: 3)
        let context = try ZMQContext()
        // the test is the event bus: a SUB bound where the catalog's PUB connects
        let sub = try ZMQSocket(context, type: .sub)
        try sub.setHighWaterMarks(send: 1000, receive: 1_000_000)
        let cluster = try Cluster(project: fixture.root)
        defer { cluster.stopAll(); fixture.remove() }
        try sub.bind(cluster.events)
        try sub.subscribe(Array("service.".utf8))
        let client = try RequestClient(context: cluster.context, endpoint: cluster.endpoint)
        _ = try client.call("job.list")                                        // the catalog is up
        // warm the bus: one refusal makes the catalog connect its PUB
        try client.sendRaw([[0]])
        Thread.sleep(forTimeInterval: 0.3)
        while (try? sub.receive(timeoutMilliseconds: 0)) ?? nil != nil {}
        _ = try? client.receiveRaw(timeoutMilliseconds: 200)

        let seeds = try Self.seeds()
        var rng = Rng(s: 20_261_125)
        var mustAnswer = 0, answered = 0, mustReport = 0, valid = 0
        var dropEvents = 0
        let total = 10_000, batch = 50
        var sent = 0
        while sent < total {
            var expectations: [Bool?] = []                    // per frame: true = ERROR expected, false = event, nil = valid
            for b in 0..<min(batch, total - sent) {
                var frames = Self.mutate(seeds[rng.below(seeds.count)], &rng)
                if rng.below(500) == 0 { frames = [frames[0], [UInt8](repeating: 7, count: (1 << 20) + 8)] }   // 413
                if (try? Message.decode(frames)) != nil {
                    expectations.append(nil)
                    valid += 1
                } else {
                    let header = frames.first(where: { $0.starts(with: Array("STAW".utf8)) })
                    let isError = (header?.count ?? 0) > 5 && header![5] == 0x08
                    expectations.append(!isError)
                }
                try client.sendRaw(frames)
                let sentinel = Message(.request(.init(method: "job.list")),
                                       correlation: Correlation(taskID: UInt64(1_000_000_000 + sent + b)))
                try client.sendRaw(sentinel.encode())
            }
            // read the answers in order: everything before sentinel k answers frame k
            var k = 0, sawError = false
            let deadline = ContinuousClock.now + .seconds(20)
            while k < expectations.count, ContinuousClock.now < deadline {
                guard let f = try client.receiveRaw(timeoutMilliseconds: 1000), let m = try? Message.decode(f) else { continue }
                if m.command == .reply, m.correlation.taskID == UInt64(1_000_000_000 + sent + k) {
                    if expectations[k] == true { mustAnswer += 1; if sawError { answered += 1 } }
                    if expectations[k] == false { mustReport += 1 }
                    k += 1
                    sawError = false
                } else if m.command == .error {
                    sawError = true
                }
            }
            #expect(k == expectations.count, "catalog stopped answering at frame \(sent + k)")
            if k < expectations.count { break }
            sent += expectations.count
            while let e = try sub.receive(timeoutMilliseconds: 0) {
                if e.count == 3, String(decoding: e[2], as: UTF8.self).contains("\"dropped\"") { dropEvents += 1 }
            }
        }
        let drainUntil = ContinuousClock.now + .seconds(2)
        while dropEvents < mustReport, ContinuousClock.now < drainUntil {
            if let e = try sub.receive(timeoutMilliseconds: 100), e.count == 3,
               String(decoding: e[2], as: UTF8.self).contains("\"dropped\"") { dropEvents += 1 }
        }
        #expect(sent == total)
        #expect(answered == mustAnswer)
        #expect(dropEvents >= mustReport)
        #expect(mustAnswer > 5_000 && valid > 0)
        #expect(cluster.catalog?.isRunning == true)
        let list = try client.call("job.list")
        #expect(list.reply.method == "job.list")
    }
}
