import Foundation
import TomoCore
import TomoFFT
import TomoKernels

/// Times `body` `reps` times after one warm-up; milliseconds per call.
private func millisecondsPerCall(reps: Int, _ body: () -> Void) -> Double {
    body()
    let clock = ContinuousClock()
    let t = clock.measure { for _ in 0..<reps { body() } }
    let c = t.components
    return (Double(c.seconds) * 1e3 + Double(c.attoseconds) * 1e-15) / Double(reps)
}

/// 3D r2c FFT of 64³, 84³, 128³, 256³ through TomoFFT (FFTW_ESTIMATE, one thread, into a
/// preallocated buffer, 1/N scaling included), then the same with the plain C program
/// `fftw_reference.c` (compiled here with gcc when available), and the ratio Swift/C.
func runFFTBenchmark() {
    let sizes = [64, 84, 128, 256]
    var swiftMs: [Int: Double] = [:]
    print("FFT benchmark: 3D r2c, FFTW_ESTIMATE, 1 thread (ms per transform)")
    for n in sizes {
        let shape = FFTShape(cube: n)
        var rng = SplitMix64(seed: 1)
        let input = (0..<shape.realCount).map { _ in Float(rng.uniform(-0.5, 0.5)) }
        var output = [ComplexF](repeating: .zero, count: shape.complexCount)
        let reps = n <= 84 ? 50 : (n <= 128 ? 10 : 3)
        let ms = input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                millisecondsPerCall(reps: reps) { FFT.forward(i, into: o, shape: shape) }
            }
        }
        swiftMs[n] = ms
        print(String(format: "  TomoFFT   n=%3d  %9.3f ms", n, ms))
    }
    guard let reference = runFFTWReference() else {
        print("  fftw_reference: not run (gcc or fftw3 headers missing)")
        return
    }
    for n in sizes {
        guard let c = reference[n], let s = swiftMs[n] else { continue }
        print(String(format: "  n=%3d  TomoFFT %9.3f ms  C %9.3f ms  ratio %.2f", n, s, c, s / c))
    }
}

/// Compiles and runs `fftw_reference.c` (next to this file); milliseconds per size.
private func runFFTWReference() -> [Int: Double]? {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fftw_reference.c")
    let exe = FileManager.default.temporaryDirectory.appendingPathComponent("sta_fftw_reference_\(getpid())")
    defer { try? FileManager.default.removeItem(at: exe) }
    func run(_ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
    guard run(["gcc", "-O2", source.path, "-o", exe.path, "-lfftw3f", "-lm"]) != nil,
          let out = run([exe.path]) else { return nil }
    var result: [Int: Double] = [:]
    for line in out.split(separator: "\n") {
        // "fftw_reference n=<n> ms_per_transform=<t>"
        let fields = line.split(separator: " ")
        guard fields.count == 3,
              let n = Int(fields[1].dropFirst(2)),
              let t = Double(fields[2].split(separator: "=").last ?? "") else { continue }
        result[n] = t
    }
    return result
}

/// Central-slice extractions per second at box 84 and 128 (trilinear, padding 2), over a
/// fixed set of random orientations.
func runSliceBenchmark() {
    print("Slice benchmark: central-slice extraction, trilinear, padding 2")
    for n in [84, 128] {
        var rng = SplitMix64(seed: 2)
        let v = RealVolume(nx: n, ny: n, nz: n) { _, _, _ in Float(rng.gaussian()) }
        let ref = PaddedFourierReference(v, padding: 2)
        let rotations = (0..<64).map { _ in
            EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0, 180), psi: rng.uniform(-180, 180)).matrix
        }
        let count = n <= 84 ? 2000 : 1000
        var sink: Float = 0
        let ms = millisecondsPerCall(reps: 1) {
            for i in 0..<count { sink += ref.extractSlice(rotation: rotations[i % rotations.count]).data[1].re }
        }
        print(String(format: "  n=%3d  %10.0f slices/s  (%.3f ms per slice)%@", n, Double(count) / (ms / 1e3),
                     ms / Double(count), sink.isNaN ? " NaN" : ""))
    }
}
