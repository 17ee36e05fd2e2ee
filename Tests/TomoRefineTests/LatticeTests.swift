import Testing
import TomoCore
import TomoFFT
import TomoKernels
import TomoSimulation
@testable import TomoRefine

/// The 3D fast paths against the direct sums they replace: the lattice transform's cross terms
/// and phase sums, the E-step scores of a pseudo-subtomogram, and the direct-splat insertion.
@Suite struct LatticeTests {
    /// A 3D E-step pixel set of a 24 box and random `g`: `correlate` equals the per-point sum
    /// `Re Σ g·e^{−iφκ·j}` (Double) to 1e-5 of the sum of magnitudes, and `phases` equals
    /// `Σ_j w_j e^{−iφκ·j}` per voxel likewise.
    @Test func latticeSumsEqualDirectSums() throws {
        let n = 24
        let pixels = FourierPixelSet(boxSize: n, size: 20, threeDimensional: true, nonRedundantOnly: true)
        let columns = try #require(pixels.columns)
        let step = 0.5
        var ts: [Vector3] = []
        for x in 0..<4 { for y in 0..<3 { for z in 0..<5 { ts.append(Vector3(-1.1 + step * Double(x), 0.3 + step * Double(y), -0.9 + step * Double(z))) } } }
        let lattice = try #require(TranslationLattice(ts, step: step))
        #expect(lattice.nx == 4 && lattice.ny == 3 && lattice.nz == 5)
        let transform = LatticeTransform(columns: columns, lattice: lattice, boxSize: n)
        var rng = SplitMix64(seed: 2)
        let g = (0..<(2 * pixels.count)).map { _ in Float(rng.gaussian()) }
        var cross = [Double](repeating: 0, count: lattice.count)
        g.withUnsafeBufferPointer { gb in cross.withUnsafeMutableBufferPointer { transform.correlate(gb.baseAddress!, into: $0.baseAddress!) } }
        let phi = 2 * Double.pi * step / Double(n)
        var magnitude = 0.0
        for p in 0..<pixels.count { magnitude += Double(abs(g[2 * p]) + abs(g[2 * p + 1])) }
        var worst = 0.0
        for (t, translation) in ts.enumerated() {
            let j = (translation - lattice.origin) / step
            var direct = 0.0
            for p in 0..<pixels.count {
                let a = -phi * (Double(pixels.kx[p]) * j.x + Double(pixels.ky[p]) * j.y + Double(pixels.kz[p]) * j.z)
                direct += Double(g[2 * p]) * _cos(a) - Double(g[2 * p + 1]) * _sin(a)
            }
            worst = max(worst, abs(cross[lattice.index[t]] - direct) / magnitude)
        }
        #expect(worst < 1e-5)

        let w = (0..<lattice.count).map { _ in abs(rng.gaussian()) }
        var out = [Float](repeating: 0, count: 2 * pixels.count)
        w.withUnsafeBufferPointer { wb in out.withUnsafeMutableBufferPointer { transform.phases(weights: wb.baseAddress!, into: $0.baseAddress!) } }
        let total = w.reduce(0, +)
        var worstPhase = 0.0
        for p in 0..<pixels.count {
            var re = 0.0, im = 0.0
            for jz in 0..<lattice.nz { for jy in 0..<lattice.ny { for jx in 0..<lattice.nx {
                let a = -phi * (Double(pixels.kx[p]) * Double(jx) + Double(pixels.ky[p]) * Double(jy) + Double(pixels.kz[p]) * Double(jz))
                let v = w[jx + lattice.nx * (jy + lattice.ny * jz)]
                re += v * _cos(a); im += v * _sin(a)
            } } }
            worstPhase = max(worstPhase, abs(Double(out[2 * p]) - re) / total, abs(Double(out[2 * p + 1]) - im) / total)
        }
        #expect(worstPhase < 1e-5)
    }

    /// Off-lattice translations are refused (the E-step then scores them directly); the lattice
    /// of a pass with the coarse step and its oversampled children is found at half the step.
    @Test func latticeFitting() {
        #expect(TranslationLattice([Vector3(0, 0, 0), Vector3(0.3, 0, 0)], step: 1) == nil)
        let coarse = TranslationGrid.offsets(range: 2, step: 1).map { $0 + Vector3(0.2, 0.2, 0.2) }
        let fine = coarse.flatMap { [$0 + Vector3(-0.25, -0.25, 0.25), $0 + Vector3(0.25, 0.25, -0.25)] }
        let l = TranslationLattice.fitting(fine, step: 1, levels: 1)
        #expect(l?.step == 0.5)
        #expect(l.map { ($0.nx, $0.ny, $0.nz) } ?? (0, 0, 0) == (10, 10, 10))
        #expect(TranslationLattice.fitting(coarse, step: 1, levels: 1)?.step == 1)
    }

    /// A simulated pseudo-subtomogram scored by the lattice and by the direct per-translation sums
    /// (coarse pass of a 32 box, 3D translations range 2): scores spread over > 10 (measured 216)
    /// agree to 10⁻³ (measured 3·10⁻⁴; both sum in `Float`), a weight ratio of `e^{0.001}`.
    @Test func latticeScoresEqualDirectScores() throws {
        let n = 32, px = 16.0
        let map = PseudoAtomicPhantom(seed: 3).render(size: n, pixelSize: px)
        let reference = PaddedFourierReference(map)
        var rng = SplitMix64(seed: 5)
        // Four particles, so that the initial σ² (image power minus the power of their mean) is the noise.
        var particles: [ParticleObservation] = []
        for _ in 0..<4 {
            let truth = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(20, 160), psi: rng.uniform(-180, 180))
            var v = reference.extractVolume(rotation: truth.matrix)
            let wedge = (0..<v.count).map { _ in Float(0.5 + rng.uniform(0, 1)) }
            let noise = Float(0.5 * (RadialAverage.power(v).dropFirst().prefix(4).reduce(0, +) / 4).squareRoot())
            for i in v.data.indices {
                v.data[i] = ComplexF(wedge[i] * v.data[i].re + noise * Float(rng.gaussian()), wedge[i] * v.data[i].im + noise * Float(rng.gaussian()))
            }
            let prior = EulerAngles(rot: truth.rot + 4, tilt: truth.tilt - 4, psi: truth.psi + 3)
            particles.append(ParticleObservation(data: .subtomogram(data: v, ctfSquared: wedge), angles: prior,
                                                 offset: Vector3(0.4, -0.3, 0.1)))
        }
        let particle = particles[0]
        var o = RefinementOptions()
        o.particleDiameter = 400
        o.healpixOrder = 3; o.sigmaAngles = 5; o.offsetRange = 2; o.offsetStep = 1; o.randomSeed = 3
        let engine = try ClassificationEngine(particles: particles, references: [map], pixelSize: px, options: o)
        let ctx = engine.nextIterationState().context()
        let images = ParticlePreparation.prepare(particle, radius: 12, edge: 3, mask: true)
        let candidates = ExpectationStep.orientations(particle, ctx: ctx, classIndex: 0).map { (k: 0, o: $0) }
        let fast = ExpectationStep.scoreAll(particle: particle, images: images, ctx: ctx, pixels: ctx.expectationPixels,
                                            candidates: candidates, translations: ctx.translations, allowed: nil)
        let direct = ExpectationStep.scoreAll(particle: particle, images: images, ctx: ctx, pixels: ctx.expectationPixels,
                                              candidates: candidates, translations: ctx.translations, allowed: nil, lattice: false)
        #expect(fast.score.count == direct.score.count && fast.score.count == candidates.count * ctx.translations.count)
        let worst = zip(fast.score, direct.score).map { abs($0 - $1) }.max() ?? .infinity
        let spread = (direct.score.max() ?? 0) - (direct.score.min() ?? 0)
        print("lattice vs direct scores: worst difference \(worst), spread \(spread), largest \(direct.score.map(abs).max() ?? 0)")
        #expect(worst < 1e-3 && spread > 10)
        #expect(fast.constant == direct.constant && fast.logNorm == direct.logNorm)
    }

    /// Direct splats at pad·k reconstruct a noise-free volume seen at 40 rotations as well as
    /// the oversampled insertion: FSC with the truth ≥ 0.99 to 0.8 Nyquist for both (measured
    /// 0.999 and 0.9997).
    @Test func directSplatsReconstructLikeOversampledInsertion() {
        let n = 24
        let map = PseudoAtomicPhantom(seed: 4).render(size: n, pixelSize: 16)
        let reference = PaddedFourierReference(map)
        let pixels = FourierPixelSet(boxSize: n, size: n, threeDimensional: true, nonRedundantOnly: false)
        var direct = BackProjector(size: n), oversampled = BackProjector(size: n)
        var rng = SplitMix64(seed: 8)
        for _ in 0..<40 {
            let a = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0, 180), psi: rng.uniform(-180, 180)).matrix
            let v = reference.extractVolume(rotation: a)
            direct.insert(samplesAt: pixels.kx, pixels.ky, pixels.kz, values: Self.values(v.data, at: pixels),
                          weights: [Float](repeating: 1, count: pixels.count), rotation: a)
            oversampled.insert(volume: v, rotation: a)
        }
        for (name, bp) in [("direct", direct), ("oversampled", oversampled)] {
            let worst = Self.worstFSC(bp, truth: map)
            print("\(name) splats: worst FSC to 0.8 Nyquist \(worst)")
            #expect(worst >= 0.99)
        }
    }

    /// Slices: 600 noise-free central slices of a 24 box at random rotations, inserted by direct
    /// splats and by the oversampled insertion, reconstruct the map with FSC ≥ 0.98 to 0.8 Nyquist
    /// (measured 0.998 and 0.999).
    @Test func directSlicesReconstructLikeOversampledInsertion() {
        let n = 24
        let map = PseudoAtomicPhantom(seed: 4).render(size: n, pixelSize: 16)
        let reference = PaddedFourierReference(map)
        let pixels = FourierPixelSet(boxSize: n, size: n, threeDimensional: false, nonRedundantOnly: false)
        var direct = BackProjector(size: n), oversampled = BackProjector(size: n)
        var rng = SplitMix64(seed: 9)
        for _ in 0..<600 {
            let a = EulerAngles(rot: rng.uniform(-180, 180), tilt: _acos(rng.uniform(-1, 1)) * 180 / Double.pi,
                                psi: rng.uniform(-180, 180)).matrix
            let slice = reference.extractSlice(rotation: a)
            direct.insert(samplesAt: pixels.kx, pixels.ky, pixels.kz, values: Self.values(slice.data, at: pixels),
                          weights: [Float](repeating: 1, count: pixels.count), rotation: a, slice: true)
            oversampled.insert(slice: slice, rotation: a)
        }
        for (name, bp) in [("direct", direct), ("oversampled", oversampled)] {
            let worst = Self.worstFSC(bp, truth: map)
            print("\(name) slices: worst FSC to 0.8 Nyquist \(worst)")
            #expect(worst >= 0.98)
        }
    }

    /// Interleaved (re, im) of `data` at the pixels of `pixels`.
    static func values(_ data: [ComplexF], at pixels: FourierPixelSet) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * pixels.count)
        for q in 0..<pixels.count {
            let x = data[pixels.dataIndex[q]]
            out[2 * q] = x.re; out[2 * q + 1] = x.im
        }
        return out
    }

    /// The lowest FSC between `bp`'s reconstruction and `truth` over shells 1…0.8 Nyquist.
    static func worstFSC(_ bp: BackProjector, truth: RealVolume) -> Double {
        let fsc = FSC.curve(FFT.forward(bp.reconstruct()), FFT.forward(truth))
        return fsc[1...Int(0.8 * Double(truth.nx / 2))].min() ?? 0
    }
}
