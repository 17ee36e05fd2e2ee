import Foundation
import Synchronization
import Testing
import TomoClassifier
import TomoTransport
import TomoWire

@Suite struct AlignerFailureTests {
    /// Poses that do not decode fail the task permanently with a reason naming the task and
    /// the payload (the ledger parks it after one report); a coordinator that does not serve
    /// `class3d.state` fails it retryably (`maxFailures` reports, last reason the 404).
    @Test func undecodablePosesFailPermanently() async throws {
        let ctx = ClassifierTestData.context
        let poisoned = Mutex<[TaskKey: TaskLedger.PoisonReason]>([:])
        let endpoint = ClassifierTestData.endpoint("fail")
        let coordinator = try CoordinatorLoop(
            context: ctx, bindTo: endpoint,
            configuration: .init(heartbeat: .init(interval: .milliseconds(100), liveness: 3),
                                 ledger: .init(leaseDuration: .seconds(10), maxKills: 3, maxFailures: 2)),
            hooks: .init(onEvents: { events in
                for case .ledger(.poisoned(let k, let r)) in events { poisoned.withLock { $0[k] = r } }
            }))
        let garbage = try ByteBlob.payload([1, 2, 3])
        let bad = TaskKey(job: 99, iteration: 1, task: 0), absent = TaskKey(job: 99, iteration: 1, task: 1)
        let goodPoses = try ByteBlob.payload(try await ClassifierTestData.engine().batchPoses(0).encoded())
        coordinator.enqueue([
            TaskDescriptor(key: bad, work: TaskWork(operation: AlignerOperation.expectation,
                                                    parametersJSON: "{\"job\":99,\"iteration\":1,\"batch\":0}", payloads: [garbage])),
            TaskDescriptor(key: absent, work: TaskWork(operation: AlignerOperation.expectation,
                                                       parametersJSON: "{\"job\":99,\"iteration\":1,\"batch\":0}", payloads: [goodPoses])),
        ])
        let pool = try ClassifierTestData.aligners(1, endpoint: endpoint)
        let settled = coordinator.waitUntilSettled(total: 2, timeout: .seconds(30))
        for w in pool { w.stop() }
        _ = coordinator.stop()
        #expect(settled)
        let p = poisoned.withLock { $0 }
        guard case .failed(let times, let reason)? = p[bad] else { Issue.record("\(p)"); return }
        #expect(times == 1)
        #expect(reason.contains("class3d.estep job 99 iteration 1 task 0 poses"))
        guard case .failed(let n, let why)? = p[absent] else { Issue.record("\(p)"); return }
        #expect(n == 2)
        #expect(why.contains("404"))
    }

    /// A byte blob survives the round trip (lengths 0 to 9, padding to 4-byte words) and a
    /// float tile is refused.
    @Test func byteBlobRoundTrip() throws {
        for n in 0..<10 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 * 37 + 1) }
            let p = try ByteBlob.payload(bytes)
            #expect(try ByteBlob.bytes(p, what: "test") == bytes)
            guard case .tile(let t) = p else { Issue.record("not a tile"); continue }
            #expect(t.descriptor.tileID == UInt64(n) && Int(t.descriptor.byteCount) % 4 == 0)
        }
        let floats = Payload.tile(try TileCodec.encode([1, 2, 3], nx: 3, ny: 1, nz: 1, voxelSize: 1, tileID: 0))
        #expect(throws: ClassifierError.self) { try ByteBlob.bytes(floats, what: "test") }
    }
}
