import Dispatch
import Foundation
import Synchronization
import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoKernels
import TomoRefine
import TomoSimulation

/// The issue's Class3D speed case (release build; figures in docs/benchmarks.md, "Class3D
/// iteration"): one iteration of K = 1 local searches with RELION's parameters
/// (`--healpix_order 3 --sigma_ang 5 --offset_range 2 --offset_step 1 --ini_high 50
/// --tau2_fudge 4 --ctf`, 2 workers) over simulated particles of 64³ at 7.64 Å, as 3D
/// pseudo-subtomograms and as 2D stacks of 41 tilts (−60…60° every 3°); then box 84 (10 Å,
/// the seed's bin-4 stacks) and K = 4 without alignment at box 64 and 84, with 1 and 2 workers.
///
/// Data (self-contained, no tilt-series rendering): a pseudo-atomic phantom; per particle a
/// random true pose (origin at the box centre), priors off by 8° per angle and 2 px per axis.
/// 2D: tilt `f` is `CTF_f²·N·F_V((R_f·A)ᵀk) + CTF_f·noise` with `R_f` the tilt about y and
/// `C = CTF_f²` (premultiplied stacks, §3.4). 3D: the pseudo-subtomogram RELION makes of those
/// same tilts (§3.5: `Σ_f` of the slices back-projected, weights `Σ_f CTF_f²`), written to and
/// read from its file layout as `sta class3d` reads it, so both modes carry the same information.
///
/// Printed: seconds per iteration, E-step evaluations (particle × orientation × translation,
/// from ``ExpectationWorkCounters``), evaluations/s/core, scoring flops/s (8 per complex
/// pixel term) against the FP32 peak measured by a SIMD multiply-add loop on 2 threads.
func runClass3DBenchmark(particles: Int = 1000) async {
    let peak = measurePeakFlops(threads: 2)
    print(String(format: "Class3D benchmark: %d particles; FP32 peak (SIMD8 mul+add, this build's ISA, 2 threads) %.1f GFLOP/s (%.1f per core)",
                 particles, peak / 1e9, peak / 2e9))
    let extra = max(20, particles / 5)
    await class3DCase("3D 64³ align K=1", box: 64, pixelSize: 7.64, threeD: true, particles: particles, classes: 1, align: true, workers: [1, 2], peak: peak)
    await class3DCase("2D 64 ×41 align K=1", box: 64, pixelSize: 7.64, threeD: false, particles: particles, classes: 1, align: true, workers: [1, 2], peak: peak)
    await class3DCase("2D 84 ×41 align K=1", box: 84, pixelSize: 10, threeD: false, particles: extra, classes: 1, align: true, workers: [1, 2], peak: peak)
    await class3DCase("2D 64 ×41 no-align K=4", box: 64, pixelSize: 7.64, threeD: false, particles: extra, classes: 4, align: false, workers: [1, 2], peak: peak)
    await class3DCase("2D 84 ×41 no-align K=4", box: 84, pixelSize: 10, threeD: false, particles: extra, classes: 4, align: false, workers: [1, 2], peak: peak)
    await class3DCase("3D 64³ no-align K=4", box: 64, pixelSize: 7.64, threeD: true, particles: extra, classes: 4, align: false, workers: [1, 2], peak: peak)
}

private struct Class3DData {
    var observations: [ParticleObservation]
    var truth: [EulerAngles]
    var reference: RealVolume
}

private func class3DData(box n: Int, pixelSize px: Double, threeD: Bool, particles: Int, seed: UInt64) -> Class3DData {
    let map = PseudoAtomicPhantom(seed: 3).render(size: n, pixelSize: px)
    let reference = PaddedFourierReference(map)
    var rng = SplitMix64(seed: seed)
    let tilts = stride(from: -60.0, through: 60.0, by: 3.0).map { $0 }
    let ctfs = tilts.enumerated().map { f, _ in
        CTF(defocusU: 30_000 + 200 * Double(f), defocusV: 30_000 + 200 * Double(f), voltage: 300,
            sphericalAberration: 2.7, amplitudeContrast: 0.07)
    }
    let ctfImages = ctfs.map { $0.image(size: n, pixelSize: px) }
    // Noise: about the signal's mean amplitude over the low shells (SNR ≈ 1 per pixel there).
    let probe = reference.extractSlice(rotation: .identity)
    let noiseFactor = Double(ProcessInfo.processInfo.environment["STA_CLASS3D_NOISE"] ?? "") ?? 1
    let noise = Float(noiseFactor * 0.7 * (RadialAverage.power(probe.asVolume).dropFirst().prefix(6).reduce(0, +) / 6).squareRoot())
    var obs: [ParticleObservation] = [], truth: [EulerAngles] = []
    for _ in 0..<particles {
        let a = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(20, 160), psi: rng.uniform(-180, 180))
        let prior = EulerAngles(rot: a.rot + 8 * rng.gaussian(), tilt: a.tilt + 8 * rng.gaussian(), psi: a.psi + 8 * rng.gaussian())
        let offset = Vector3(2 * rng.gaussian(), 2 * rng.gaussian(), 2 * rng.gaussian())
        let tiltImages = tilts.indices.map { f in
            let r = Matrix3.rotationY(degrees: tilts[f])
            var s = reference.extractSlice(rotation: r * a.matrix)
            let c = ctfImages[f]
            for i in s.data.indices {
                s.data[i] = ComplexF(c[i] * c[i] * s.data[i].re + c[i] * noise * Float(rng.gaussian()),
                                     c[i] * c[i] * s.data[i].im + c[i] * noise * Float(rng.gaussian()))
            }
            return TiltImage(data: s, ctfSquared: c.map { $0 * $0 }, rotation: r, dose: 3 * Double(f))
        }
        let data: ParticleData
        if threeD {
            // RELION's pseudo-subtomogram of the same premultiplied tilts (§3.5), through its files.
            var sub = PseudoSubtomogram(size: n)
            for (f, t) in tiltImages.enumerated() {
                sub.insert(ExtractedFrame(frame: f, data: t.data, weight: t.ctfSquared,
                                          doseWeight: [Float](repeating: 1, count: t.ctfSquared.count)),
                           rotation: t.rotation, doseCutoff: 0)
            }
            sub.finish()
            let t = PseudoSubtomogram(realSpaceData: sub.realSpaceData, weightVolume: sub.weightVolume).thresholded()
            data = .subtomogram(data: t.data, ctfSquared: t.weights)
        } else {
            data = .stack(tiltImages)
        }
        obs.append(ParticleObservation(data: data, angles: prior, offset: offset, randomSubset: 1 + obs.count % 2))
        truth.append(a)
    }
    return Class3DData(observations: obs, truth: truth, reference: map)
}

private func class3DCase(_ name: String, box: Int, pixelSize: Double, threeD: Bool, particles: Int, classes: Int,
                         align: Bool, workers: [Int], peak: Double) async {
    if let only = ProcessInfo.processInfo.environment["STA_CLASS3D_ONLY"], !name.contains(only) { return }
    let clock = ContinuousClock()
    let t0 = clock.now
    let d = class3DData(box: box, pixelSize: pixelSize, threeD: threeD, particles: particles, seed: 5)
    let simulated = seconds(t0.duration(to: clock.now))
    var o = RefinementOptions()
    o.classCount = classes
    o.healpixOrder = 3
    o.sigmaAngles = 5
    o.offsetRange = 2
    o.offsetStep = 1
    o.initialHighResolution = 50
    o.tau2Fudge = 4
    o.skipAlign = !align
    o.randomSeed = 1
    for w in workers {
        let t1 = clock.now
        guard var engine = try? ClassificationEngine(particles: d.observations, references: [d.reference],
                                                     pixelSize: pixelSize, options: o) else {
            print("  \(name): engine setup failed"); return
        }
        let setup = seconds(t1.duration(to: clock.now))
        // Iterations 1 and 2: without alignment iteration 1 puts each particle in one random
        // class (RELION's start from one reference), so iteration 2 is the classification's cost.
        for iteration in 1...2 {
            ExpectationWorkCounters.reset()
            let t2 = clock.now
            await engine.iterate(workers: w)
            let t = seconds(t2.duration(to: clock.now))
            let images = threeD ? 1 : 41
            let evaluations = Double(ExpectationWorkCounters.imageEvaluations) / Double(images)
            let flops = 8 * Double(ExpectationWorkCounters.pixelTerms)
            let errors = d.truth.indices.map { angularDistance(engine.particles[$0].angles.matrix, d.truth[$0].matrix) }.sorted()
            let offsets = engine.particles.map(\.offset.norm).sorted()
            let per1000 = t * 1000 / Double(particles)
            print(String(format: "  %@, %d particles, %d worker(s): iteration %d %.1f s (%.0f s per 1,000), setup %.1f s, simulated %.1f s",
                         name, particles, w, iteration, t, per1000, setup, simulated))
            let significant = Double(engine.results.reduce(0) { $0 + $1.significantSamples }) / Double(max(1, engine.results.count))
            print(String(format: "    E-step size %d: %.3g evaluations, %.3g evaluations/s/core, scoring %.2f GFLOP/s = %.1f%% of peak; median errors %.2f°, %.2f px; %.1f significant samples per particle",
                         engine.history.last?.expectationImageSize ?? 0, evaluations, evaluations / t / Double(w),
                         flops / t / 1e9, 100 * flops / t / (peak * Double(w) / 2), errors[errors.count / 2], offsets[offsets.count / 2],
                         significant))
        }
    }
}

/// FP32 multiply-add throughput (flop/s) of `threads` threads, each running SIMD8 `a·b + c`
/// on 8 independent accumulators.
func measurePeakFlops(threads: Int) -> Double {
    let iterations = 20_000_000
    let clock = ContinuousClock()
    let start = clock.now
    let sink = Mutex<Float>(0)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        var acc = (0..<8).map { SIMD8<Float>(repeating: Float($0) * 0.001) }
        let m = SIMD8<Float>(repeating: 0.999_999), b = SIMD8<Float>(repeating: 1e-7)
        var a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3], a4 = acc[4], a5 = acc[5], a6 = acc[6], a7 = acc[7]
        for _ in 0..<iterations {
            a0 = a0 * m + b; a1 = a1 * m + b; a2 = a2 * m + b; a3 = a3 * m + b
            a4 = a4 * m + b; a5 = a5 * m + b; a6 = a6 * m + b; a7 = a7 * m + b
        }
        acc = [a0, a1, a2, a3, a4, a5, a6, a7]
        let s = acc.reduce(SIMD8<Float>(), +).sum()
        sink.withLock { $0 += s }
    }
    let t = seconds(start.duration(to: clock.now))
    if sink.withLock({ $0 }).isNaN { print("peak loop: NaN") }
    return Double(threads) * Double(iterations) * 8 * 8 * 2 / t
}

private func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
