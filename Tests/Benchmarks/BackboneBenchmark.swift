import Foundation
import Synchronization
import TomoTransport
import TomoWire

/// The service backbone's figures (docs/benchmarks.md):
/// 1. dispatch rate: tasks per second from one `CoordinatorLoop` to 64 no-op `WorkerLoop`s
///    (threads in this process, credit 4 each) over loopback TCP, STAW framing end to end;
/// 2. tile throughput over loopback TCP (DEALER → ROUTER, one TASK per tile): float32 and
///    float16 tiles of 84³ and of 41 × 84² stacks, shuffle+zstd, simulated noisy data, counted
///    as compressed bytes on the wire and as decoded bytes per second (receive, decode, CRC);
/// 3. compressed size of shuffle+zstd vs plain zstd on the same data.
func runBackboneBenchmark() {
    do {
        try benchmarkDispatch(workers: 64, tasks: 20_000)
        try benchmarkTiles()
    } catch {
        print("backbone benchmark failed: \(error)")
    }
}

private func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

private func benchmarkDispatch(workers: Int, tasks: Int) throws {
    let ctx = try ZMQContext()
    let coordinator = try CoordinatorLoop(context: ctx, bindTo: "tcp://127.0.0.1:*", onResult: { _, _ in })
    let pool = (0..<workers).map { i in
        WorkerLoop(context: ctx, connectTo: coordinator.endpoint,
                   configuration: .init(service: "bench", name: "noop-\(i)", credit: 4, pollMilliseconds: 50)) { _ in .init() }
    }
    Thread.sleep(forTimeInterval: 0.5)                                  // let every READY arrive
    let keys = (0..<UInt64(tasks)).map { TaskKey(job: 1, iteration: 0, task: $0) }
    let start = ContinuousClock.now
    coordinator.enqueue(keys.map { TaskDescriptor(key: $0) })
    let settled = coordinator.waitUntilSettled(total: tasks, timeout: .seconds(300))
    let t = seconds(start.duration(to: .now))
    for w in pool { w.requestStop(.kill) }
    _ = coordinator.stop()
    print("Backbone dispatch: \(tasks) no-op tasks to \(workers) workers (credit 4) over loopback TCP")
    print(String(format: "  %@ in %.2f s: %.0f tasks/s", settled ? "settled" : "NOT settled", t, Double(tasks) / t))
}

/// Noisy data like a subtomogram: a smooth blob plus Gaussian noise (seeded).
private func simulated(_ n: Int, nx: Int) -> [Float] {
    var s: UInt64 = 42
    func uniform() -> Double {
        s = s &* 6364136223846793005 &+ 1442695040888963407
        return (Double(s >> 11) + 0.5) / Double(1 << 53)
    }
    var out = [Float](repeating: 0, count: n)
    for i in 0..<n {
        let x = Double(i % nx) - Double(nx) / 2, y = Double((i / nx) % nx) - Double(nx) / 2
        let signal = exp(-(x * x + y * y) / 200)
        let noise = (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        out[i] = Float(signal + 0.8 * noise)
    }
    return out
}

private func benchmarkTiles() throws {
    print("Backbone tiles over loopback TCP (DEALER → ROUTER, receive + decode + CRC), simulated noisy data")
    print("  tile              dtype    raw MiB  wire MiB  shuffle/zstd size  wire GB/s  decoded GB/s  encode GB/s")
    let shapes: [(String, Int, Int, Int)] = [("84^3 volume", 84, 84, 84), ("41 x 84^2 stack", 84, 84, 41)]
    for (label, nx, ny, nz) in shapes {
        let values = simulated(nx * ny * nz, nx: nx)
        for dtype in [TileDType.float32, .float16] {
            let encodeStart = ContinuousClock.now
            let tile = try TileCodec.encode(values, nx: nx, ny: ny, nz: nz, voxelSize: 5.4, tileID: 1, dtype: dtype)
            let encodeTime = seconds(encodeStart.duration(to: .now))
            let plain = try TileCodec.encode(values, nx: nx, ny: ny, nz: nz, voxelSize: 5.4, tileID: 1, dtype: dtype,
                                             encoding: .zstd)
            let raw = Double(tile.descriptor.byteCount)
            let wire = Double(tile.data.count)
            let (count, t) = try transfer(tile, repeats: 100)
            print(String(format: "  %-17@ %-7@ %8.2f %9.2f %17.3f %10.2f %13.2f %12.2f", label as NSString,
                         (dtype == .float32 ? "float32" : "float16") as NSString, raw / 1_048_576, wire / 1_048_576,
                         wire / Double(plain.data.count), Double(count) * wire / t / 1e9, Double(count) * raw / t / 1e9,
                         raw / encodeTime / 1e9))
        }
    }
}

/// Sends `repeats` TASKs carrying `tile` to a ROUTER on another thread that decodes each;
/// returns (tiles decoded, seconds).
private func transfer(_ tile: EncodedTile, repeats: Int) throws -> (Int, Double) {
    let ctx = try ZMQContext()
    let endpoint = Mutex("")
    let decoded = Mutex(0)
    let ready = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    let receiver = Thread {
        // the ROUTER lives on this thread only
        guard let router = try? ZMQSocket(ctx, type: .router), (try? router.bind("tcp://127.0.0.1:*")) != nil else {
            ready.signal(); done.signal(); return
        }
        endpoint.withLock { $0 = router.lastEndpoint }
        ready.signal()
        for _ in 0..<repeats {
            guard let f = try? router.receive(timeoutMilliseconds: 10_000),
                  let m = try? Message.decode(Array(f.dropFirst())), case .tile(let t)? = m.payloads.first,
                  (try? TileCodec.decode(t)) != nil else { break }
            decoded.withLock { $0 += 1 }
        }
        done.signal()
    }
    receiver.start()
    ready.wait()
    let dealer = try ZMQSocket(ctx, type: .dealer)
    try dealer.connect(endpoint.withLock { $0 })
    let message = Message(.task(.init(leaseMilliseconds: 30_000, operation: "bench")),
                          correlation: Correlation(jobID: 1, taskID: 1), payloads: [.tile(tile)]).encode()
    let start = ContinuousClock.now
    for _ in 0..<repeats { try dealer.send(message) }
    done.wait()
    return (decoded.withLock { $0 }, seconds(start.duration(to: .now)))
}
