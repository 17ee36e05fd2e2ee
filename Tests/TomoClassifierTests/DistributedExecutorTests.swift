import Foundation
import Synchronization
import Testing
import TomoClass3D
import TomoClassifier
import TomoRefine
import TomoTransport

@Suite(.serialized) struct DistributedExecutorTests {
    /// Runs `iterations` iterations of a fresh engine on `executor`; returns the engine and the
    /// seconds per iteration.
    static func run(_ executor: DistributedClass3DExecutor, iterations: Int) async throws -> (ClassificationEngine, [Double]) {
        var e = try await ClassifierTestData.engine()
        var times: [Double] = []
        let progress = Mutex<[Int]>([])
        for _ in 0..<iterations {
            times.append(try await ClassifierTestData.seconds {
                try await executor.iterate(&e) { p in progress.withLock { $0.append(p.particlesDone) } }
            })
        }
        let done = progress.withLock { $0 }
        #expect(done.count == iterations * e.batchCount)
        #expect(done.suffix(e.batchCount).last == e.particles.count)
        return (e, times)
    }

    /// 1, 2 and 4 aligners give the in-process executor's engine bit for bit after 2 iterations;
    /// time per iteration is printed.
    @Test(arguments: [1, 2, 4]) func identicalWhateverTheNumberOfAligners(aligners: Int) async throws {
        let reference = try await ClassifierTestData.reference.value
        let endpoint = ClassifierTestData.endpoint("c\(aligners)")
        let executor = try DistributedClass3DExecutor(context: ClassifierTestData.context, bindTo: endpoint,
                                                      configuration: ClassifierTestData.server)
        let pool = try ClassifierTestData.aligners(aligners, endpoint: endpoint)
        let (engine, times) = try await Self.run(executor, iterations: 2)
        for w in pool { w.stop() }
        executor.stop()
        #expect(identical(engine, reference[2]))
        #expect(engine.history.count == 2)
        #expect(executor.imagesSent == engine.batchCount)
        #expect(Set(executor.placements[1] ?? []).count == min(aligners, engine.batchCount))
        print("classifier: \(aligners) aligner(s): seconds per iteration \(times.map { String(format: "%.2f", $0) })")
    }

    /// One of 2 aligners is killed while holding its second batch of iteration 1: the batch is
    /// re-queued to the survivor once the dead one is lost, which then runs every batch of
    /// iteration 2; the result is still bit-identical.
    @Test func identicalAfterAnAlignerIsKilled() async throws {
        let reference = try await ClassifierTestData.reference.value
        let endpoint = ClassifierTestData.endpoint("kill")
        let executor = try DistributedClass3DExecutor(context: ClassifierTestData.context, bindTo: endpoint,
                                                      configuration: ClassifierTestData.server)
        let pool = try ClassifierTestData.aligners(2, endpoint: endpoint) { i, box, handler in
            guard i == 0 else { return handler }
            return { task in
                let n = box.calls.withLock { $0 += 1; return $0 }
                if n == 2 {                                           // dies holding this batch:
                    box.loop.withLock { $0 }?.kill()
                    // keep it until the socket is surely gone (a fast E-step could otherwise
                    // send its result before the kill lands)
                    Thread.sleep(forTimeInterval: 0.5)
                }
                return try handler(task)
            }
        }
        let (engine, _) = try await Self.run(executor, iterations: 2)
        for w in pool { w.stop(.kill) }
        executor.stop()
        #expect(identical(engine, reference[2]))
        let p = executor.placements
        #expect(p[1]?.filter { $0 == "aligner-0" }.count == 1)
        #expect(p[1]?.filter { $0 == "aligner-1" }.count == engine.batchCount - 1)
        #expect(p[2] == [String](repeating: "aligner-1", count: engine.batchCount))
        #expect(executor.workers == 1)
    }

    /// With 2 aligners over 3 iterations each batch runs on the same aligner every iteration and
    /// its images are sent once.
    @Test func placementIsSticky() async throws {
        let reference = try await ClassifierTestData.reference.value
        let endpoint = ClassifierTestData.endpoint("sticky")
        let executor = try DistributedClass3DExecutor(context: ClassifierTestData.context, bindTo: endpoint,
                                                      configuration: ClassifierTestData.server)
        let pool = try ClassifierTestData.aligners(2, endpoint: endpoint)
        let (engine, _) = try await Self.run(executor, iterations: 3)
        #expect(executor.workers == 2)
        for w in pool { w.stop() }
        executor.stop()
        #expect(identical(engine, reference[3]))
        #expect(executor.imagesSent == engine.batchCount)
        let p = executor.placements
        #expect(p[1] != nil && p[1] == p[2] && p[2] == p[3])
        #expect(Set(p[3] ?? []) == ["aligner-0", "aligner-1"])
    }
}
