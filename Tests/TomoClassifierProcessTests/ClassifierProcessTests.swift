import Foundation
import Testing
import TomoClassifier

/// The `classifier` and `aligner` executables as separate processes: the run_it files do not
/// depend on the number of aligners, survive `kill -9` of an aligner mid-iteration, equal the
/// in-process run byte for byte, and each batch's images cross the wire once per job (sticky).
@Suite(.serialized) struct ClassifierProcessTests {
    /// Runs the 2-iteration job `Class3D/job<job>/run` with `aligners` aligner processes.
    func run(job: Int, aligners: Int, iter: Int = 2, killOneAfterFirstProgress: Bool = false) async throws
        -> (status: Class3DJobStatus, root: String, seconds: Double)
    {
        let dir = try await ClassifierFixture.project.value
        let cluster = try ClassifierProcesses()
        defer { cluster.stopAll() }
        try cluster.startAligners(aligners)
        try await Task.sleep(for: .milliseconds(500))   // every aligner registered before the first iteration
        let root = "Class3D/job\(job)/run"
        var killedAt: Class3DJobStatus?
        let start = ContinuousClock.now
        let status = try cluster.run(Class3DSubmission(project: dir, flags: ClassifierFixture.command(root, iter: iter),
                                                       job: job, events: nil)) { s in
            // As soon as the job has loaded its particles (optimised builds finish an iteration of this tiny job in
            // tens of milliseconds, so waiting for progress could miss it).
            if killOneAfterFirstProgress, killedAt == nil, s.state == "running", s.particles > 0 {
                cluster.kill9(cluster.aligners[0])
                killedAt = s
            }
        }
        let seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        #expect(status.state == "succeeded", "\(status.message ?? "") \(cluster.log("classifier.log"))")
        if killOneAfterFirstProgress {
            // killed inside the first iteration, with batches still to come
            let k = try #require(killedAt, "no progress seen before the end")
            #expect(k.iteration == 0 && k.particlesDone < k.particles, "killed at \(k)")
        }
        return (status, root, seconds)
    }

    @Test(.enabled(if: ClassifierProcesses.available(), "build classifier and aligner first (swift build)"))
    func oneTwoAndFourAlignersWriteTheInProcessFiles() async throws {
        let dir = try await ClassifierFixture.project.value
        let reference = try await ClassifierFixture.reference2.value
        for (job, n) in [(101, 1), (102, 2), (104, 4)] {
            let (status, root, seconds) = try await run(job: job, aligners: n)
            #expect(status.iteration == 2 && status.lines.count >= 2)
            #expect(try ClassifierFixture.differences(dir, root, reference: reference, iteration: 2) == [],
                    "\(n) aligners differ from the in-process run")
            #expect(try ClassifierFixture.differences(dir, root, reference: reference, iteration: 1) == [])
            print("class3d on \(n) aligner(s): \(status.batches) batches × 2 iterations in \(String(format: "%.1f", seconds)) s")
        }
    }

    @Test(.enabled(if: ClassifierProcesses.available(), "build classifier and aligner first (swift build)"))
    func killingAnAlignerMidIterationChangesNothing() async throws {
        let dir = try await ClassifierFixture.project.value
        let reference = try await ClassifierFixture.reference2.value
        let (status, root, _) = try await run(job: 112, aligners: 2, killOneAfterFirstProgress: true)
        #expect(status.iteration == 2)
        #expect(try ClassifierFixture.differences(dir, root, reference: reference, iteration: 2) == [])
    }

    @Test(.enabled(if: ClassifierProcesses.available(), "build classifier and aligner first (swift build)"))
    func eachBatchsImagesAreSentOnceOverThreeIterations() async throws {
        let dir = try await ClassifierFixture.project.value
        let reference = try await ClassifierFixture.reference3.value
        let (status, root, _) = try await run(job: 123, aligners: 2, iter: 3)
        #expect(status.iteration == 3)
        #expect(status.batches > 1)
        #expect(status.imagesSent == status.batches, "images sent \(status.imagesSent) times for \(status.batches) batches")
        #expect(try ClassifierFixture.differences(dir, root, reference: reference, iteration: 3) == [])
    }
}
