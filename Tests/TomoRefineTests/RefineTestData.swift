import TomoCore
import TomoFFT
import TomoKernels
import TomoRefine
import TomoSimulation

/// Small simulated datasets shared by the tests (simulated once per process).
enum RefineTestData {
    /// Parameters: 16 Å pixels, 32-pixel boxes, 21 tilts (−60…60 in 6° steps), 4 tomograms.
    static func parameters(particles: Int, seed: UInt64) -> SimulationParameters {
        var p = SimulationParameters()
        p.particleCount = particles
        p.tomogramCount = 4
        p.pixelSize = 16
        p.imageSize = 256
        p.tomogramThickness = 64
        p.boxSize = 32
        p.tiltScheme = .doseSymmetric(step: 6)
        p.shiftError = 0
        p.defocusRange = 30_000...40_000
        p.seed = seed
        return p
    }

    /// Alignment set: 80 particles, priors off by 8° (rotation σ per axis) and 32 Å (2 px) per axis.
    static let alignment = Task {
        var p = parameters(particles: 80, seed: 11)
        p.snr = 0.5
        p.angularPriorError = 8
        p.offsetPriorError = 32
        return try await TiltSeriesSimulation.run(p)
    }

    /// Median of values.
    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.isEmpty ? 0 : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
    }

    /// Resolution (Å) where the FSC between two maps falls below 0.5.
    static func fscResolution(_ a: RealVolume, _ b: RealVolume, pixelSize: Double) -> Double {
        FSC.resolution(FSC.curve(FFT.forward(a), FFT.forward(b)), threshold: 0.5, boxSize: a.nx, pixelSize: pixelSize)
    }
}

/// A monotonic clock for timing printouts (tests may read clocks).
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
