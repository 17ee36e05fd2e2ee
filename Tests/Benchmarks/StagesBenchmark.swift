import Foundation
import TomoSimulation
import TomoTransport
import TomoWire

/// The distributed stages' figures (docs/benchmarks.md): "Extract subtomos" (2D stacks, float16,
/// as RELION 5's GUI) and "Reconstruct particle" (from the tilt series) at bin 4, box 84, on 200
/// simulated particles (2 tomograms of 1024² px at 2.5 Å, 41 tilts −60…60° every 3°), run by the
/// built `catalog` with 1 and 2 `extractor` / `reconstructor` processes (credit 1 each) over
/// `ipc://`: particles per second from `job.submit` to the job's success, and the peak resident
/// memory (`VmHWM` of `/proc/<pid>/status`) of each worker process.
///
/// Sizes can be scaled down for a smoke run: `STA_BENCH_PARTICLES`, `STA_BENCH_IMAGE`.
func runStagesBenchmark() {
    do {
        try StagesBenchmark.run()
    } catch {
        print("stages benchmark failed: \(error)")
    }
}

private enum StagesBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var binDirectory: String {
        URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            .deletingLastPathComponent().path
    }

    static func run() throws {
        let env = ProcessInfo.processInfo.environment
        let particles = env["STA_BENCH_PARTICLES"].flatMap { Int($0) } ?? 200
        let image = env["STA_BENCH_IMAGE"].flatMap { Int($0) } ?? 1536
        for exe in ["catalog", "extractor", "reconstructor"]
        where !FileManager.default.isExecutableFile(atPath: binDirectory + "/" + exe) {
            throw Failure(description: "\(exe) is not built next to the benchmark in \(binDirectory)")
        }
        var p = SimulationParameters()
        p.particleCount = particles
        p.tomogramCount = env["STA_BENCH_TOMOGRAMS"].flatMap { Int($0) } ?? 3
        p.pixelSize = 2.5
        p.imageSize = image
        p.tomogramThickness = 256
        p.boxSize = 160
        p.tiltScheme = .doseSymmetric(minimum: -60, maximum: 60, step: 3, dosePerTilt: 3)
        p.snr = 0.01
        p.seed = 3
        let simStart = ContinuousClock.now
        let parameters = p
        let sim = try runSync { try await TiltSeriesSimulation.run(parameters) }
        let dir = NSTemporaryDirectory() + "sta-bench-stages-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try ProjectWriter.write(sim, to: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        print("Stages: \(particles) particles, 2 tomograms of \(image)² px at 2.5 Å, 41 tilts, bin 4, box 84"
              + String(format: " (simulated in %.1f s)", seconds(simStart.duration(to: .now))))
        print("  stage        workers  particles/s   seconds   peak RSS per worker (MiB)")
        let extract: [String: Any] = ["i": "optimisation_set.star", "box": 84, "bin": 4, "stack2d": 1, "float16": 1, "batch": 8]
        let reconstruct: [String: Any] = ["i": "optimisation_set.star", "box": 84, "bin": 4, "random_halves": 1, "batch": 8]
        for workers in [1, 2] {
            for (stage, type, exe, parameters) in [("extract", "relion.pseudosubtomo", "extractor", extract),
                                                   ("reconstruct", "relion.reconstructparticletomo", "reconstructor", reconstruct)] {
                let (t, peaks) = try runJob(project: dir, type: type, worker: exe, workers: workers, parameters: parameters)
                let name = stage.padding(toLength: 12, withPad: " ", startingAt: 0)
                let rss = peaks.map { String(format: "%.0f", $0) }.joined(separator: ", ")
                print("  " + name + String(format: " %7d %12.2f %9.1f   ", workers, Double(particles) / t, t) + rss)
            }
        }
    }

    /// One job on a fresh catalog with `workers` worker processes; returns the seconds from
    /// submission to success and each worker's VmHWM in MiB.
    static func runJob(project: String, type: String, worker: String, workers: Int,
                       parameters: [String: Any]) throws -> (Double, [Double]) {
        let sockets = NSTemporaryDirectory() + "sta-bench-ipc-\(getpid())"
        try FileManager.default.createDirectory(atPath: sockets, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: sockets) }
        let endpoint = "ipc://\(sockets)/catalog"
        let catalog = try launch("catalog", ["--project", project, "--bind", endpoint, "--log-level", "warning",
                                             "--events", "ipc://\(sockets)/events", "--health-dir", sockets])
        var pool: [Process] = []
        defer {
            for p in pool + [catalog] where p.isRunning { p.terminate(); p.waitUntilExit() }
        }
        for i in 0..<workers {
            pool.append(try launch(worker, ["--catalog", endpoint, "--credit", "1", "--name", "\(worker)-\(i)",
                                            "--log-level", "warning", "--events", "ipc://\(sockets)/events",
                                            "--health-dir", sockets]))
        }
        Thread.sleep(forTimeInterval: 0.5)
        let context = try ZMQContext()
        let client = try RequestClient(context: context, endpoint: endpoint)
        let args = try JSONSerialization.data(withJSONObject: ["type": type, "parameters": parameters])
        var g = SystemRandomNumberGenerator()
        let start = ContinuousClock.now
        let reply = try client.call("job.submit", argumentsJSON: String(decoding: args, as: UTF8.self),
                                    idempotencyKey: IdempotencyKey(using: &g), timeoutMilliseconds: 120_000)
        guard let id = object(reply.reply.resultJSON)["job"] as? Int else {
            throw Failure(description: "job.submit: \(reply.reply.resultJSON)")
        }
        while true {
            let r = try client.call("job.get", argumentsJSON: "{\"job\":\(id)}", timeoutMilliseconds: 60_000)
            let status = (object(r.reply.resultJSON)["job"] as? [String: Any])?["status"] as? String ?? ""
            if status == "succeeded" { break }
            if status == "failed" || status == "cancelled" { throw Failure(description: "job \(id) \(status): \(r.reply.resultJSON)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let t = seconds(start.duration(to: .now))
        return (t, pool.map { peakMiB(pid: $0.processIdentifier) })
    }

    /// `VmHWM` of `/proc/<pid>/status` in MiB (NaN when unreadable).
    static func peakMiB(pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return .nan }
        return kb / 1024
    }

    static func launch(_ name: String, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binDirectory + "/" + name)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.standardError
        try p.run()
        return p
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Runs an async body to completion from synchronous code.
    static func runSync<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<T, any Error>?
    func set(_ r: Result<T, any Error>) { lock.withLock { value = r } }
    func get() throws -> T { try lock.withLock { value! }.get() }
}
