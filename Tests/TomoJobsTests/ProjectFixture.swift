import Foundation
import TomoJobs
import TomoSimulation

/// A small simulated RELION 5 project on disk, written once per process: 1 tomogram of
/// 256²×64 px at 10 Å, 24 particles, box 48, 21 tilts (−60…60° every 6°), noise-free.
enum ProjectFixture {
    static let directory: Task<String, Error> = Task {
        let sim = try await TiltSeriesSimulation.run(.small(particles: 24, seed: 5))
        let dir = NSTemporaryDirectory() + "tomojobs-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try ProjectWriter.write(sim, to: dir)
        return dir
    }

    /// Extraction into `Extract/<tag>` of the fixture project (done once per tag and options).
    static func extract(_ tag: String, _ options: ExtractOptions) async throws -> (dir: String, job: ExtractJob) {
        let dir = try await directory.value
        let job = try ExtractJob(optimisationSet: "optimisation_set.star", projectDirectory: dir,
                                 outputDirectory: "Extract/\(tag)", options: options)
        try job.run()
        return (dir, job)
    }

    static let stacks = Task { () throws -> String in
        var o = ExtractOptions(boxSize: 24)
        o.binning = 2; o.cropSize = 20; o.stack2D = true; o.float16 = true
        return try await extract("stack2d", o).dir
    }
    static let volumes = Task { () throws -> String in
        var o = ExtractOptions(boxSize: 24)
        o.binning = 2
        return try await extract("subtomo", o).dir
    }
}
