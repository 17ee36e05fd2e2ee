import Foundation
import Synchronization
import TomoClass3D
import TomoClassifier
import TomoCore
import TomoRefine
import TomoSimulation
import TomoTransport

/// A tiny simulated data set and engine (24 particles, box 24, 7 tilts, batches of 4 → 6
/// batches), aligner pools and endpoints shared by the tests.
enum ClassifierTestData {
    /// One ZeroMQ context for the whole suite (never terminated, so a socket still owned by an
    /// ending compute thread cannot block a test).
    static let context = try! ZMQContext()

    static let simulation = Task {
        var p = SimulationParameters()
        p.particleCount = 24
        p.tomogramCount = 2
        p.pixelSize = 16
        p.imageSize = 256
        p.tomogramThickness = 64
        p.boxSize = 24
        p.tiltScheme = .doseSymmetric(minimum: -45, maximum: 45, step: 15, dosePerTilt: 4)
        p.shiftError = 0
        p.defocusRange = 30_000...40_000
        p.snr = 0.5
        p.angularPriorError = 8
        p.offsetPriorError = 32
        p.seed = 5
        return try await TiltSeriesSimulation.run(p)
    }

    static func options() -> RefinementOptions {
        var o = RefinementOptions()
        o.classCount = 2
        o.initialHighResolution = 60
        o.particleDiameter = 320
        o.healpixOrder = 2
        o.sigmaAngles = 6
        o.offsetRange = 1
        o.offsetStep = 1
        o.strictHighResExpectation = 80
        o.randomSeed = 7
        o.batchSize = 4
        return o
    }

    /// A fresh engine at iteration 0.
    static func engine() async throws -> ClassificationEngine {
        let sim = try await simulation.value
        let p = sim.dataset.parameters
        let tilts = sim.dataset.tomograms.indices.map { t in
            let tomo = sim.dataset.tomograms[t]
            return tomo.tilts.indices.map { f in
                StackExtraction.Tilt(image: sim.frames[t][f],
                                     projection: tomo.projection(f, size: p.tomogramSize, imageSize: p.imageSize, pixelSize: p.pixelSize),
                                     ctf: tomo.ctf(f, parameters: p))
            }
        }
        let observations = sim.dataset.particles.map { particle in
            let images = StackExtraction.extract(pose: particle.prior, tilts: tilts[particle.tomogram], imageSize: p.imageSize,
                                                 tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand,
                                                 box: 24, bin: 1)
            return ParticleObservation(data: .stack(images), angles: particle.prior.angles)
        }
        let start = ParticleReconstruction.reconstruct(observations)
        return try ClassificationEngine(particles: observations, references: [start], pixelSize: p.pixelSize, options: options())
    }

    /// The reference: `iterations` iterations in process (once per count).
    static let reference = Task { () throws -> [ClassificationEngine] in
        var e = try await engine()
        var out = [e]
        for _ in 0..<3 {
            try await InProcessClass3DExecutor(threads: 2).iterate(&e) { _ in }
            out.append(e)
        }
        return out
    }

    /// A fresh `ipc://` endpoint in a temporary directory.
    static func endpoint(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "clf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return "ipc://\(dir)/\(name)"
    }

    /// Fast liveness for tests: 100 ms heartbeats, lost after 300 ms.
    static let server = ClassifierServer.Configuration(heartbeatInterval: .milliseconds(100), liveness: 3,
                                                       leaseDuration: .seconds(30))

    /// `count` aligners (credit 1, names `aligner-0…`) connected to `endpoint`; `wrap` may
    /// decorate aligner `i`'s handler (given a box that will hold its loop).
    static func aligners(_ count: Int, endpoint: String,
                         wrap: (Int, LoopBox, @escaping WorkerLoop.Handler) -> WorkerLoop.Handler = { _, _, h in h })
        throws -> [WorkerLoop] {
        try (0..<count).map { i in
            let handlers = try AlignerOperations.handlers(context: context, classifier: endpoint, security: .off)
            let box = LoopBox()
            let loop = WorkerLoop(context: context, connectTo: endpoint,
                                  configuration: .init(service: "aligner", name: "aligner-\(i)", credit: 1,
                                                       capabilities: [AlignerOperation.expectation],
                                                       heartbeat: .init(interval: .milliseconds(100), liveness: 3,
                                                                        reconnectInitial: .milliseconds(50),
                                                                        reconnectMax: .seconds(1))),
                                  handler: wrap(i, box, handlers[AlignerOperation.expectation]!))
            box.loop.withLock { $0 = loop }
            return loop
        }
    }

    /// Seconds taken by `body`.
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        let d = (clock.now - start).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}

/// Holds a worker loop for its own handler (to kill itself).
final class LoopBox: Sendable {
    let loop = Mutex<WorkerLoop?>(nil)
    let calls = Mutex(0)
}

/// Engines equal bit for bit: particle results, class maps, σ², σ_offset and history.
func identical(_ a: ClassificationEngine, _ b: ClassificationEngine) -> Bool {
    a.iteration == b.iteration && a.results == b.results
        && a.classes.map(\.map.data) == b.classes.map(\.map.data)
        && a.classes.map(\.distribution) == b.classes.map(\.distribution)
        && a.sigma2 == b.sigma2 && a.sigmaOffset.bitPattern == b.sigmaOffset.bitPattern
        && a.history == b.history && a.particles.map(\.angles) == b.particles.map(\.angles)
}
