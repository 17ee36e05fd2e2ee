import Foundation
import TomoJobs
import TomoSimulation

/// A small simulated RELION 5 project on disk, written once per process: 1 tomogram of
/// 256²×64 px at 10 Å, 24 particles, box 48, 21 tilts (−60…60° every 6°), noise-free.
enum ProjectFixture {
    static let directory: Task<String, Error> = Task {
        var p = SimulationParameters()
        p.particleCount = 24
        p.tomogramCount = 1
        p.pixelSize = 10
        p.imageSize = 256
        p.tomogramThickness = 64
        p.boxSize = 48
        p.tiltScheme = .doseSymmetric(minimum: -60, maximum: 60, step: 6, dosePerTilt: 4)
        p.seed = 5
        let sim = try await TiltSeriesSimulation.run(p)
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
