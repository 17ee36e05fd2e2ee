import Testing
import TomoCore
import TomoFFT
import TomoKernels
import TomoRefine
import TomoSimulation

@Suite struct SubtomogramTests {
    /// 3D pseudo-subtomogram mode (§3.5, §5.1): volumes `C·F(Aᵀk)` plus noise with a missing-wedge
    /// `C` (zero within 30° of the z axis around y), priors off by ~8°: local searches bring the
    /// median angular error well below the prior error.
    @Test func localSearchesAlignSubtomograms() async throws {
        let n = 16, px = 32.0
        let truthMap = FourierResize.resample(PseudoAtomicPhantom(seed: 3).render(size: 32, pixelSize: 16), nx: n, ny: n, nz: n)
        let reference = PaddedFourierReference(truthMap)
        var rng = SplitMix64(seed: 17)
        // Missing wedge of a ±60° tilt range about y: zero where |kz| > |kx|·tan 60°.
        var wedge = [Float](repeating: 0, count: (n / 2 + 1) * n * n)
        for z in 0..<n { for y in 0..<n { for x in 0...(n / 2) {
            let kz = Double(z <= n / 2 ? z : z - n)
            wedge[x + (n / 2 + 1) * (y + n * z)] = abs(kz) <= Double(x) * 1.732 + 0.5 ? 1 : 0
        } } }
        var particles: [ParticleObservation] = [], truth: [EulerAngles] = []
        for _ in 0..<30 {
            let a = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(20, 160), psi: rng.uniform(-180, 180))
            var v = reference.extractVolume(rotation: a.matrix)
            let noise = 0.5 * (RadialAverage.power(v).dropFirst().prefix(4).reduce(0, +) / 4).squareRoot()
            for i in v.data.indices {
                v.data[i] = wedge[i] * (v.data[i] + ComplexF(Float(noise * rng.gaussian()), Float(noise * rng.gaussian())))
            }
            let prior = EulerAngles(rot: a.rot + 8 * rng.gaussian(), tilt: a.tilt + 8 * rng.gaussian(), psi: a.psi + 8 * rng.gaussian())
            particles.append(ParticleObservation(data: .subtomogram(data: v, ctfSquared: wedge), angles: prior))
            truth.append(a)
        }
        func medianError(_ p: [ParticleObservation]) -> Double {
            RefineTestData.median(p.indices.map { angularDistance(p[$0].angles.matrix, truth[$0].matrix) })
        }
        var o = RefinementOptions()
        o.particleDiameter = 400
        o.healpixOrder = 3
        o.sigmaAngles = 5
        o.offsetRange = 1
        o.offsetStep = 1
        o.randomSeed = 1
        o.perturb = 0
        var engine = try ClassificationEngine(particles: particles, references: [truthMap], pixelSize: px, options: o)
        let before = medianError(particles)
        for order in [3, 4, 4] {
            engine.options.healpixOrder = order
            engine.options.sigmaAngles = order == 3 ? 5 : 2.5
            await engine.iterate(workers: 2)
            print("3D mode iteration \(engine.iteration): median error \(medianError(engine.particles))°, pmax \(engine.history.last!.averagePmax)")
        }
        let after = medianError(engine.particles)
        print("3D mode: median angular error \(before)° → \(after)°")
        #expect(after < 0.5 * before)
    }
}
