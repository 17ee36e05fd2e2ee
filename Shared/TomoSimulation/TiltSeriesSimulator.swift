import TomoCore
import TomoKernels

/// Runs a whole simulation in memory: ground-truth maps, junk shapes, noise-free frames,
/// calibrated Gaussian noise. `ProjectWriter` turns the result into a RELION 5 project.
public struct TiltSeriesSimulation: Sendable {
    public let dataset: SimulatedDataset
    /// Ground-truth maps by state (1, and 2 when present), `boxSize³` at the tilt-series pixel size.
    public let maps: [Int: RealVolume]
    /// Tilt images per tomogram: `[tomogram][frame]`, each imageSize² floats.
    public let frames: [[[Float]]]
    /// Noise standard deviation added to every pixel (0 for noise-free data).
    public let noiseSigma: Double

    /// Simulates everything. Frames are rendered concurrently; the result does not depend on the
    /// number of threads (noise is seeded per frame).
    /// - Parameter map: an input map to use as state 1 instead of the phantom (already at
    ///   `boxSize³` and the tilt-series pixel size).
    public static func run(_ parameters: SimulationParameters, map: RealVolume? = nil) async throws -> TiltSeriesSimulation {
        let dataset = try SimulatedDataset(parameters)
        let p = parameters
        let phantom = PseudoAtomicPhantom(seed: p.seed &+ 101, factorFraction: p.factorFraction)
        var maps: [Int: RealVolume] = [1: map ?? phantom.render(size: p.boxSize, pixelSize: p.pixelSize)]
        if p.secondStateFraction > 0 {
            maps[2] = map.map { v in v } ?? phantom.withoutFactor.render(size: p.boxSize, pixelSize: p.pixelSize)
        }
        // Junk: its own random shape per particle, at the same mass scale.
        var junk: [Int: PaddedFourierReference] = [:]
        for (i, particle) in dataset.particles.enumerated() where particle.state == 0 {
            junk[i] = PaddedFourierReference(PseudoAtomicPhantom.junk(seed: particle.junkSeed)
                .render(size: p.boxSize, pixelSize: p.pixelSize), padding: 2)
        }
        let renderer = TiltSeriesRenderer(dataset: dataset, maps: maps)
        let junkRefs = junk
        let tiltCount = p.tiltScheme.angles.count
        var frames = [[[Float]]](repeating: [[Float]](repeating: [], count: tiltCount), count: p.tomogramCount)
        var varianceSum = 0.0, patchCount = 0
        try await withThrowingTaskGroup(of: (Int, Int, [Float], Double, Int).self) { group in
            for t in 0..<p.tomogramCount {
                for f in 0..<tiltCount {
                    group.addTask {
                        let r = renderer.renderFrame(tomogram: t, frame: f, junkReferences: junkRefs)
                        return (t, f, r.image, r.patchVariance, r.patches)
                    }
                }
            }
            for try await (t, f, image, v, n) in group {
                frames[t][f] = image
                // Calibrate on the lowest-dose frame of every tomogram (frame 0 = start tilt).
                if f == 0 { varianceSum += v; patchCount += n }
            }
        }
        var sigma = 0.0
        if let snr = p.snr, snr > 0, patchCount > 0 {
            sigma = (varianceSum / Double(patchCount) / snr).squareRoot()
            for t in 0..<p.tomogramCount {
                for f in 0..<tiltCount {
                    var rng = SplitMix64(seed: p.seed &+ UInt64(1_000_003 * (t + 1) + f))
                    let s = Float(sigma)
                    for k in 0..<frames[t][f].count { frames[t][f][k] += s * Float(rng.gaussian()) }
                }
            }
        }
        return TiltSeriesSimulation(dataset: dataset, maps: maps, frames: frames, noiseSigma: sigma)
    }
}
