import TomoCore
import TomoKernels

extension ExpectationStep {
    /// ``scoreAll(particle:images:ctx:pixels:candidates:translations:allowed:)`` for a 3D
    /// pseudo-subtomogram whose translations lie on a lattice: the image is shifted once, to the
    /// lattice origin, and each candidate's cross terms for every translation come from one
    /// ``LatticeTransform/correlate(_:into:)`` of `conj(C·P/σ²)·X_c`. Same scores as the direct
    /// sum up to rounding.
    ///
    /// `likelihood` restricts the sums to some of `pixels` (the M-step set scored as the E-step
    /// set it contains); `keepProjections` returns every candidate's projection at `pixels`, which
    /// the M-step then reuses instead of projecting again.
    static func scoreLattice(particle p: ParticleObservation, image img: PreparedImage, ctx: IterationContext,
                             pixels e: FourierPixelSet, transform: LatticeTransform,
                             candidates: [(k: Int, o: Orientation)], translations: [Vector3],
                             allowed: [Bool]?, likelihood: [Bool]? = nil, keepProjections: Bool = false) -> PassScores {
        let np = e.count, nt = translations.count
        let cc = ctx.crossCorrelation
        let lattice = transform.lattice
        let terms = PassTerms(particle: p, images: [img], ctx: ctx, pixels: e, translations: translations,
                              likelihood: likelihood)
        let inv = terms.inverseSigma2, ctf = terms.ctf, offsetLogPrior = terms.offsetLogPrior, normX2 = terms.normX2
        var xc = [Float](repeating: 0, count: 2 * np)
        xc.withUnsafeMutableBufferPointer { shift(img.masked, by: p.offset + lattice.origin, pixels: e, into: $0.baseAddress!) }
        var score: [Double] = []
        score.reserveCapacity(candidates.count * nt)
        var projection = [Float](repeating: 0, count: 2 * np)
        var g = [Float](repeating: 0, count: 2 * np)
        var cross = [Double](repeating: 0, count: lattice.count)
        var kept = [[Float]](repeating: [], count: keepProjections ? candidates.count : 0)
        for (c, candidate) in candidates.enumerated() {
            if let allowed, !allowed[(c * nt)..<((c + 1) * nt)].contains(true) {
                score.append(contentsOf: repeatElement(-Double.infinity, count: nt))
                continue
            }
            projection.withUnsafeMutableBufferPointer {
                project(ctx.references[candidate.k], rotation: candidate.o.angles.matrix, pixels: e,
                        threeDimensional: true, into: $0.baseAddress!)
            }
            if keepProjections { kept[c] = projection }
            let energy = correlationTerms(projection: projection, ctf: ctf, inverseSigma2: inv, shifted: xc, into: &g)
            g.withUnsafeBufferPointer { gb in cross.withUnsafeMutableBufferPointer { transform.correlate(gb.baseAddress!, into: $0.baseAddress!) } }
            ExpectationWorkCounters.images.add(nt, ordering: .relaxed)
            ExpectationWorkCounters.pixels.add(transform.operations, ordering: .relaxed)
            for t in 0..<nt {
                let x = cross[lattice.index[t]]
                if let allowed, !allowed[c * nt + t] {
                    score.append(-Double.infinity)
                } else if cc {
                    let denominator = (2 * energy * normX2).squareRoot()
                    score.append(denominator > 0 ? x / denominator : 0)
                } else {
                    score.append(candidate.o.logPrior + offsetLogPrior[t] - (energy - x))
                }
            }
        }
        return PassScores(score: score, constant: terms.constant, logNorm: terms.logNorm, projections: keepProjections ? kept : nil)
    }

    /// `g = conj(Ŝ/σ²)·X_c` with `Ŝ = C·P`; returns `½ Σ |Ŝ|²/σ²`.
    @_optimize(speed)
    static func correlationTerms(projection: [Float], ctf: [Float], inverseSigma2 inv: [Float], shifted x: [Float],
                                 into g: inout [Float]) -> Double {
        var e: Float = 0
        let np = ctf.count
        projection.withUnsafeBufferPointer { pb in ctf.withUnsafeBufferPointer { cb in inv.withUnsafeBufferPointer { ib in
        x.withUnsafeBufferPointer { xb in g.withUnsafeMutableBufferPointer { gb in
            for q in 0..<np {
                let c = cb[q]
                let sr = c * pb[2 * q], si = c * pb[2 * q + 1]
                e += (sr * sr + si * si) * ib[q]
                let ar = sr * ib[q], ai = si * ib[q]
                let xr = xb[2 * q], xi = xb[2 * q + 1]
                gb[2 * q] = ar * xr + ai * xi; gb[2 * q + 1] = ar * xi - ai * xr
            }
        } } } } }
        return Double(e) / 2
    }

    /// The particle's last E-step pass. When it runs at the M-step size it is scored on the
    /// M-step pixels (the likelihood restricted to the E-step set inside them) and keeps its
    /// projections for ``accumulate``: through the lattice in 3D, image-outer for 2D stacks;
    /// otherwise ``scorePass``.
    static func scoreLastPass(particle p: ParticleObservation, images: [PreparedImage], ctx: IterationContext,
                              pixels e: FourierPixelSet, candidates: [(k: Int, o: Orientation)],
                              translations: [Vector3], allowed: [Bool]?) -> PassScores {
        let m = ctx.maximisationPixels
        guard e.size == m.size else {
            return scorePass(particle: p, images: images, ctx: ctx, pixels: e, candidates: candidates,
                             translations: translations, allowed: allowed)
        }
        let likelihood = (0..<m.count).map { m.nonRedundant[$0] && m.shell[$0] >= 1 && 2 * m.shell[$0] < m.size }
        if let transform = latticeTransform(images: images, ctx: ctx, pixels: m, translations: translations) {
            return scoreLattice(particle: p, image: images[0], ctx: ctx, pixels: m, transform: transform,
                                candidates: candidates, translations: translations, allowed: allowed,
                                likelihood: likelihood, keepProjections: true)
        }
        return scoreAll(particle: p, images: images, ctx: ctx, pixels: m, candidates: candidates,
                        translations: translations, allowed: allowed, lattice: false,
                        likelihood: likelihood, keepProjections: true)
    }

    /// Most bytes of projections a 2D-stack pass keeps for the M-step (per particle in flight).
    static let keptProjectionBudget = 128 << 20

    /// The lattice transform of a 3D pass, or nil (2D stacks, off-lattice translations).
    static func latticeTransform(images: [PreparedImage], ctx: IterationContext, pixels: FourierPixelSet,
                                 translations: [Vector3]) -> LatticeTransform? {
        guard ctx.threeDimensional, images.count == 1, let columns = pixels.columns,
              let lattice = TranslationLattice.fitting(translations, step: ctx.options.offsetStep,
                                                       levels: ctx.options.oversampling) else { return nil }
        return LatticeTransform(columns: columns, lattice: lattice, boxSize: ctx.boxSize)
    }
}

/// The M-step form of a 3D particle on a lattice (§5.4): `Σ_t w_t·X̃_t = X_c·Φ_w` with the
/// unmasked image shifted once, to the lattice origin, at the M-step pixels.
struct LatticeImage {
    let transform: LatticeTransform
    /// `X_c`, interleaved, M-step pixel order.
    let shifted: [Float]

    init?(images: [PreparedImage], particle p: ParticleObservation, ctx: IterationContext, translations: [Vector3]) {
        let pixels = ctx.maximisationPixels
        guard let t = ExpectationStep.latticeTransform(images: images, ctx: ctx, pixels: pixels, translations: translations)
        else { return nil }
        transform = t
        var x = [Float](repeating: 0, count: 2 * pixels.count)
        x.withUnsafeMutableBufferPointer {
            ExpectationStep.shift(images[0].data, by: p.offset + t.lattice.origin, pixels: pixels, into: $0.baseAddress!)
        }
        shifted = x
    }

    /// `y = Σ_t w_t·X̃_t` (interleaved) for the significant translations `ts` of one candidate.
    func combined(_ ts: [(t: Vector3, index: Int, w: Double)], into y: inout [Float]) {
        var w = [Double](repeating: 0, count: transform.lattice.count)
        for (_, index, wt) in ts { w[transform.lattice.index[index]] += wt }
        var phi = [Float](repeating: 0, count: shifted.count)
        w.withUnsafeBufferPointer { wb in phi.withUnsafeMutableBufferPointer { transform.phases(weights: wb.baseAddress!, into: $0.baseAddress!) } }
        for q in 0..<(shifted.count / 2) {
            let xr = shifted[2 * q], xi = shifted[2 * q + 1], pr = phi[2 * q], pi = phi[2 * q + 1]
            y[2 * q] = xr * pr - xi * pi; y[2 * q + 1] = xr * pi + xi * pr
        }
    }
}
