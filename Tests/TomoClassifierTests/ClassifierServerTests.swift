import Foundation
import Testing
import TomoClass3D
import TomoClassifier
import TomoJobs
import TomoJobsTesting
import TomoSimulation
import TomoTransport

/// A tiny project (as `TomoClass3DTests` builds it): 30 simulated particles extracted as 2D
/// stacks at box 24 (bin 2), a reference reconstructed from them.
enum ClassifierProject {
    static let directory: Task<String, Error> = Task {
        let dir = NSTemporaryDirectory() + "classifier-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try await ExtractedProject.make(.small(particles: 30, seed: 11, maxTilt: 45, tiltStep: 15), in: dir)
        return dir
    }

    /// Class3D K = 2 without alignment, 2 iterations, seed 7.
    static func flags(_ root: String) -> [String] {
        ["--o", root, "--ios", "Extract/job002/optimisation_set.star", "--ref", "Reconstruct/job003/merged.mrc",
         "--trust_ref_size", "--ini_high", "80", "--dont_combine_weights_via_disc", "--pool", "3", "--pad", "2", "--ctf",
         "--iter", "2", "--tau2_fudge", "1", "--particle_diameter", "300", "--K", "2", "--flatten_solvent",
         "--zero_mask", "--skip_align", "--sym", "C1", "--norm", "--scale", "--random_seed", "7", "--j", "2"]
    }
}

@Suite struct ClassifierServerTests {
    /// A job submitted to a classifier with 2 aligners succeeds and writes `run_it002_data.star`
    /// and `run_it002_class001.mrc` byte for byte as the in-process run does; its status lists 2
    /// iteration lines and each batch's images were sent once; `job.10.state/.iteration/.progress`
    /// reach the bus. Bad flags are refused (400) naming the flag; an unknown job is 404. A job
    /// cancelled while running ends `cancelled`; one running when the classifier stops fails
    /// with "classifier stopped".
    @Test func submittedJobMatchesTheInProcessRun() async throws {
        let dir = try await ClassifierProject.directory.value
        let ctx = ClassifierTestData.context
        let server = try ClassifierServer(context: ctx, bindTo: ClassifierTestData.endpoint("server"),
                                          configuration: ClassifierTestData.server)
        let pool = try ClassifierTestData.aligners(2, endpoint: server.endpoint)
        let client = try RequestClient(context: ctx, endpoint: server.endpoint)
        let bus = try EventBus(context: ctx, xsub: ClassifierTestData.endpoint("xsub"), xpub: ClassifierTestData.endpoint("xpub"))

        do {
            _ = try ClassifierClient.submit(client, Class3DSubmission(project: dir, flags: ["--iter", "2", "--bogus_flag"],
                                                                      job: 9, events: nil))
            Issue.record("bad flags were accepted")
        } catch let e as RequestError {
            #expect(e.code?.rawValue == 400)
            #expect(e.message.contains("--bogus_flag"))
        }
        #expect(throws: RequestError.self) { try ClassifierClient.status(client, job: 9) }

        let queued = try ClassifierClient.submit(client, Class3DSubmission(project: dir, flags: ClassifierProject.flags("Class3D/job010/run"),
                                                                           job: 10, events: bus.xsubEndpoint))
        #expect(queued.state == "queued" || queued.state == "running")
        let clock = ContinuousClock(), deadline = clock.now + .seconds(300)
        var status = queued
        while !status.isFinished && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            status = try ClassifierClient.status(client, job: 10)
        }
        let workers = server.workers

        // a second job, cancelled once it runs
        _ = try ClassifierClient.submit(client, Class3DSubmission(project: dir, flags: ClassifierProject.flags("Class3D/job012/run"),
                                                                  job: 12, events: nil))
        var second = try ClassifierClient.status(client, job: 12)
        while second.state == "queued" && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            second = try ClassifierClient.status(client, job: 12)
        }
        _ = try ClassifierClient.cancel(client, job: 12)
        while !second.isFinished && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            second = try ClassifierClient.status(client, job: 12)
        }
        // a third job, running when the classifier stops: it fails with "classifier stopped"
        _ = try ClassifierClient.submit(client, Class3DSubmission(project: dir, flags: ClassifierProject.flags("Class3D/job013/run"),
                                                                  job: 13, events: bus.xsubEndpoint))
        var third = try ClassifierClient.status(client, job: 13)
        while third.state == "queued" && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            third = try ClassifierClient.status(client, job: 13)
        }
        server.stop()
        var stopped = ""
        while !stopped.contains("failed") && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            stopped = bus.lastValue(topic: "job.13.state")?.json ?? ""
        }
        for w in pool { w.stop() }
        bus.stop()
        #expect(third.state == "running")
        #expect(stopped == "{\"message\":\"classifier stopped\",\"state\":\"failed\"}")
        #expect(second.state == "cancelled" && second.message == "job 12 cancelled", "\(second)")
        #expect(second.iteration < 2)
        #expect(status.state == "succeeded", "\(status)")
        #expect(workers == 2)
        #expect(status.iteration == 2 && status.iterations == 2 && status.particles == 30)
        #expect(status.lines.count == 2 && status.lines[1].hasPrefix("iteration 2/2"))
        #expect(status.batches == 4 && status.imagesSent == status.batches)
        #expect(status.outputs.contains("Class3D/job010/run_it002_data.star"))
        let state = bus.lastValue(topic: "job.10.state")?.json ?? ""
        let iteration = bus.lastValue(topic: "job.10.iteration")?.json ?? ""
        let progress = bus.lastValue(topic: "job.10.progress")?.json ?? ""
        #expect(state == "{\"state\":\"succeeded\"}")
        #expect(iteration.contains("\"iteration\":2"))
        #expect(progress.contains("\"stage\":\"iteration 2\"") && progress.contains("\"done\":30"))

        var local = try Class3DJob(options: try Class3DArguments.parse(ClassifierProject.flags("Class3D/job011/run")),
                                   projectDirectory: dir)
        try await local.run(executor: InProcessClass3DExecutor(threads: 2))
        for suffix in ["_it002_data.star", "_it002_class001.mrc", "_it002_class002.mrc", "_it001_data.star"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/Class3D/job010/run" + suffix))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/Class3D/job011/run" + suffix))
            #expect(a == b, "run\(suffix) differs")
            #expect(a.count > 1000)
        }
    }
}
