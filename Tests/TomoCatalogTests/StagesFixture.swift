import Foundation
import TomoCore
import TomoFFT
import TomoJobs
import TomoKernels
import TomoMRC
import TomoRelion
import TomoSimulation
import TomoTransport
import TomoWire

/// A small noise-free simulated project for the distributed stages (simulated once per process):
/// 2 tomograms of 256²×64 px at 10 Å, 32 particles at their true poses, 21 tilts (−60…60° every
/// 6°); with the in-process references `Extract/inproc` (2D stacks, box 24, bin 2, float32) and
/// `Extract/inproc3d` (3D pseudo-subtomograms, float16) and `Reconstruct/inproc` (box 24, bin 2,
/// seeded random halves, taper 2) written by `TomoJobs`.
enum StagesFixture {
    static let particles = 32

    /// The `job.submit` parameters of the extraction (`batch` particles per task).
    static func extractParameters(batch: Int = 5) -> [String: Any] {
        ["i": "optimisation_set.star", "box": 24, "bin": 2, "stack2d": 1, "batch": batch]
    }

    /// The `job.submit` parameters of the reconstruction.
    static func reconstructParameters(batch: Int = 5) -> [String: Any] {
        ["i": "optimisation_set.star", "box": 24, "bin": 2, "random_halves": 1, "taper": 2, "batch": batch]
    }

    static var extractOptions: ExtractOptions {
        var o = ExtractOptions(boxSize: 24)
        o.binning = 2; o.stack2D = true
        return o
    }

    /// 3D pseudo-subtomograms in float16 (the reference is `Extract/inproc3d`).
    static func extract3DParameters(batch: Int = 5) -> [String: Any] {
        ["i": "optimisation_set.star", "box": 24, "bin": 2, "float16": 1, "batch": batch]
    }

    static var extract3DOptions: ExtractOptions {
        var o = ExtractOptions(boxSize: 24)
        o.binning = 2; o.float16 = true
        return o
    }

    static var reconstructOptions: ReconstructOptions {
        var o = ReconstructOptions(boxSize: 24)
        o.binning = 2; o.halves = .randomSubsetOrRandom(seed: 1); o.taper = 2
        return o
    }

    /// The master project with the in-process references.
    static let master = Task { () throws -> String in
        var p = SimulationParameters()
        p.particleCount = particles
        p.tomogramCount = 2
        p.pixelSize = 10
        p.imageSize = 256
        p.tomogramThickness = 64
        p.boxSize = 48
        p.tiltScheme = .doseSymmetric(minimum: -60, maximum: 60, step: 6, dosePerTilt: 4)
        p.seed = 5
        let sim = try await TiltSeriesSimulation.run(p)
        let dir = NSTemporaryDirectory() + "stages-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try ProjectWriter.write(sim, to: dir)
        try ExtractJob(optimisationSet: "optimisation_set.star", projectDirectory: dir, outputDirectory: "Extract/inproc",
                       options: extractOptions).run()
        try ExtractJob(optimisationSet: "optimisation_set.star", projectDirectory: dir, outputDirectory: "Extract/inproc3d",
                       options: extract3DOptions).run()
        try ReconstructJob(optimisationSet: "optimisation_set.star", projectDirectory: dir,
                           outputDirectory: "Reconstruct/inproc", options: reconstructOptions).run()
        return dir
    }

    /// A fresh copy of the master project (inputs and references), for one catalog.
    static func copy() async throws -> String {
        let master = try await master.value
        let dir = NSTemporaryDirectory() + "stages-run-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.copyItem(atPath: master, toPath: dir)
        return dir
    }

    static func volume(_ path: String) throws -> RealVolume {
        let f = try MRCFile.open(path: path)
        let (nx, ny, nz) = f.shape
        return RealVolume(nx: nx, ny: ny, nz: nz, data: try f.readAll())
    }

    /// ‖a − b‖ / ‖b‖.
    static func relativeDifference(_ a: [Float], _ b: [Float]) -> Double {
        guard a.count == b.count else { return .infinity }
        var d = 0.0, n = 0.0
        for (x, y) in zip(a, b) { d += Double(x - y) * Double(x - y); n += Double(y) * Double(y) }
        return (d / max(n, 1e-30)).squareRoot()
    }
}

extension Cluster {
    /// Starts a `reconstructor` worker.
    @discardableResult
    func startReconstructor(credit: Int = 1) throws -> Process {
        let p = try launch("reconstructor", ["--catalog", endpoint, "--events", events, "--credit", "\(credit)",
                                             "--name", "r\(workers.count)", "--heartbeat-ms", "\(heartbeatMs)",
                                             "--log-level", "warning"], log: "r\(workers.count).log")
        workers.append(p)
        return p
    }

    /// Submits a job of `type` and returns its id.
    func submit(_ client: RequestClient, type: String, parameters: [String: Any]) throws -> Int {
        let args = String(decoding: try JSONSerialization.data(withJSONObject: ["type": type, "parameters": parameters]),
                          as: UTF8.self)
        var g = SystemRandomNumberGenerator()
        let r = try client.call("job.submit", argumentsJSON: args, idempotencyKey: IdempotencyKey(using: &g))
        guard let id = Self.object(r)["job"] as? Int else { throw RequestError(code: nil, message: "no job id: \(r.reply.resultJSON)") }
        return id
    }

    /// Removes the workers' STAR caches (`$TMPDIR/sta-worker-<pid>`; a killed worker leaves its own).
    func removeWorkerCaches() {
        for w in workers { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "sta-worker-\(w.processIdentifier)") }
    }

    static var stagesAvailable: Bool {
        available && FileManager.default.isExecutableFile(atPath: binDirectory + "/reconstructor")
    }
}
