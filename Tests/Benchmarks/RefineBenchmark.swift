import TomoCore
import TomoFFT
import TomoKernels
import TomoRefine
import TomoSimulation

/// The full-size EM runs (release build; figures go to docs/benchmarks.md):
/// 1. alignment, K = 1, the protocol: 1,000 particles from priors off by 8° (rotation σ
///    per axis) and 2 binned pixels per axis, `--sigma_ang 5`, adaptive oversampling 1 with HEALPix
///    order 2 (fine 7.5°) for 3 iterations then order 3 (fine 3.75°), 10 iterations: median
///    angular and offset errors against the truth (targets ≤ 3°, ≤ 0.5 binned px) and FSC = 0.5
///    resolution against the truth map, next to a reconstruction at the true poses (target: within
///    two shells); the same run with `--oversampling 0` for comparison;
/// 2. classification without alignment, K = 3, 1,000 particles: 50/50 two states (factor
///    fraction 0.15) plus 10 % junk (target ≥ 95 % right, junk in one class).
/// Both: 21 tilts (−60…60 in 6° steps), 8 Å tilt series, box 64 binned by 2 to 32 (16 Å).
func runRefineBenchmark(particles: Int = 1000, workers: Int = 8) async throws {
    print("Refine benchmark: \(particles) particles, \(workers) workers")
    try await refineAlignmentBenchmark(particles: particles, workers: workers)
    try await refineClassificationBenchmark(particles: particles, workers: workers)
}

private func benchmarkParameters(particles: Int, seed: UInt64) -> SimulationParameters {
    var p = SimulationParameters()
    p.particleCount = particles
    p.tomogramCount = max(1, particles / 100)
    p.pixelSize = 8
    p.imageSize = 512
    p.tomogramThickness = 128
    p.boxSize = 64
    p.tiltScheme = .doseSymmetric(step: 6)
    p.shiftError = 0
    p.defocusRange = 30_000...40_000
    p.seed = seed
    return p
}

/// 2D-stack observations (binned by 2) of every simulated particle at its prior or true pose.
private func benchmarkObservations(_ sim: TiltSeriesSimulation, usePriors: Bool) -> [ParticleObservation] {
    let p = sim.dataset.parameters
    let tilts = sim.dataset.tomograms.indices.map { t in
        sim.dataset.tomograms[t].tilts.indices.map { f in
            StackExtraction.Tilt(image: sim.frames[t][f],
                                 projection: sim.dataset.tomograms[t].projection(f, size: p.tomogramSize, imageSize: p.imageSize, pixelSize: p.pixelSize),
                                 ctf: sim.dataset.tomograms[t].ctf(f, parameters: p))
        }
    }
    return sim.dataset.particles.map { particle in
        let pose = usePriors ? particle.prior : particle.truth
        return ParticleObservation(
            data: .stack(StackExtraction.extract(pose: pose, tilts: tilts[particle.tomogram], imageSize: p.imageSize,
                                                 tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand,
                                                 box: 32, bin: 2)),
            angles: pose.angles)
    }
}

private func elapsed(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

private func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }

private func refineAlignmentBenchmark(particles: Int, workers: Int) async throws {
    var p = benchmarkParameters(particles: particles, seed: 11)
    p.snr = 0.5
    p.angularPriorError = 8
    p.offsetPriorError = 32
    let sim = try await TiltSeriesSimulation.run(p)
    let obs = benchmarkObservations(sim, usePriors: true)
    let px = 16.0
    let truthMap = FourierResize.resample(sim.maps[1]!, nx: 32, ny: 32, nz: 32)
    let trueAngles = sim.dataset.particles.map(\.truth.angles)
    let trueOffsets = sim.dataset.particles.map { q in
        q.prior.subtomogramMatrix.transposed * ((q.prior.centeredPositionAngst - q.truth.centeredPositionAngst) / px)
    }
    func errors(_ parts: [ParticleObservation]) -> (Double, Double) {
        (median(parts.indices.map { angularDistance(parts[$0].angles.matrix, trueAngles[$0].matrix) }),
         median(parts.indices.map { (parts[$0].offset - trueOffsets[$0]).norm }))
    }
    var truePoses = obs
    for i in truePoses.indices { truePoses[i].angles = trueAngles[i]; truePoses[i].offset = trueOffsets[i] }
    func fsc05(_ m: RealVolume) -> Double {
        FSC.resolution(FSC.curve(FFT.forward(m), FFT.forward(truthMap)), threshold: 0.5, boxSize: 32, pixelSize: px)
    }
    let start = ParticleReconstruction.reconstruct(obs)
    let prior = errors(obs)
    let trueRes = fsc05(ParticleReconstruction.reconstruct(truePoses))
    print("alignment: prior median errors \(prior.0)°, \(prior.1) px; FSC0.5 start \(fsc05(start)) Å, true poses \(trueRes) Å")
    for ov in [1, 0] {
        var o = RefinementOptions()
        o.initialHighResolution = 60
        o.particleDiameter = 400
        o.strictHighResExpectation = 40
        o.randomSeed = 3
        o.oversampling = ov
        o.healpixOrder = 2
        o.sigmaAngles = 5
        o.offsetRange = 4
        o.offsetStep = 2
        var engine = try ClassificationEngine(particles: obs, references: [start], pixelSize: px, options: o)
        var total = 0.0
        for it in 1...10 {
            if it == 4 { engine.options.healpixOrder = 3; engine.options.offsetRange = 2; engine.options.offsetStep = 1 }
            let t = await elapsed { await engine.iterate(workers: workers) }
            total += t
            let e = errors(engine.particles)
            print("  ov \(ov) iteration \(it) (order \(engine.options.healpixOrder), σ 5°): \(t) s, median errors \(e.0)°, \(e.1) px, FSC0.5 \(fsc05(engine.classes[0].map)) Å")
        }
        let e = errors(engine.particles), res = fsc05(engine.classes[0].map)
        let shells = 32 * px / trueRes - 32 * px / res
        print("alignment ov \(ov): \(total) s; median errors \(e.0)° (≤ 3), \(e.1) px (≤ 0.5); FSC0.5 \(res) Å vs true poses \(trueRes) Å (\(shells) shells, ≤ 2)")
    }
}

private func refineClassificationBenchmark(particles: Int, workers: Int) async throws {
    var p = benchmarkParameters(particles: particles, seed: 21)
    p.snr = 0.5
    p.secondStateFraction = 0.5
    p.junkFraction = 0.1
    p.factorFraction = 0.15
    let sim = try await TiltSeriesSimulation.run(p)
    let obs = benchmarkObservations(sim, usePriors: false)
    var o = RefinementOptions()
    o.classCount = 3
    o.skipAlign = true
    o.initialHighResolution = 60
    o.particleDiameter = 400
    o.randomSeed = 7
    var engine = try ClassificationEngine(particles: obs, references: [ParticleReconstruction.reconstruct(obs)],
                                          pixelSize: 16, options: o)
    let states = sim.dataset.particles.map(\.state)
    for _ in 0..<15 {
        let t = await elapsed { await engine.iterate(workers: workers) }
        var counts = Array(repeating: [0, 0, 0], count: 4)
        for (s, c) in zip(states, engine.particles.map(\.classNumber)) { counts[c][s] += 1 }
        let label = counts.map { $0[1] >= $0[2] ? 1 : 2 }
        let good = zip(states, engine.particles.map(\.classNumber)).filter { $0.0 != 0 }
        let right = Double(good.filter { label[$0.1] == $0.0 }.count) / Double(max(1, good.count))
        let junk = (1...3).map { counts[$0][0] }
        print("  classification iteration \(engine.iteration): \(t) s, right \(right), junk per class \(junk), distribution \(engine.classes.map(\.distribution))")
    }
}
