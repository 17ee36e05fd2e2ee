import TomoCore
import TomoKernels

extension ExpectationStep {
    /// The scores of one E-step pass of a particle (§5.2): `score[c·nt + t]` for candidate `c`
    /// and translation `t` is `ln prior − (D − const)` (or the normalised cross-correlation in a
    /// `--firstiter_cc` iteration); samples left out of the pass score `−∞`.
    struct PassScores {
        /// Candidate-major scores, `translations` per candidate.
        var score: [Double]
        /// `½ Σ |X|²/σ²` over the pass pixels and images (same for every sample).
        var constant: Double
        /// `Σ_κ ln(2πσ²)` over the pass pixels of one image.
        var logNorm: Double
        /// Each candidate's projections at the M-step pixels, image after image, when the pass
        /// kept them.
        var projections: [[Float]]? = nil
    }

    /// Normalisable weights of a pass: `w = exp(score − max)` (0 more than 700 below the max;
    /// the best sample alone in CC mode), their sum, the best sample and the significance threshold.
    struct PassWeights {
        var w: [Double]
        var total: Double
        var best: Int
        var maxScore: Double
        var threshold: Double

        /// Whether sample `i` is significant (`w ≥ threshold`, `w > 0`).
        func isSignificant(_ i: Int) -> Bool { w[i] >= threshold && w[i] > 0 }
        /// Number of significant samples.
        var significantCount: Int { w.indices.reduce(0) { isSignificant($1) ? $0 + 1 : $0 } }
    }

    /// Scores `candidates × translations` of particle `p` at `pixels` (E-step pixel set of the
    /// pass); with `allowed` (same layout as the scores) only the allowed samples are evaluated.
    static func scorePass(particle p: ParticleObservation, images: [PreparedImage], ctx: IterationContext,
                          pixels e: FourierPixelSet, candidates: [(k: Int, o: Orientation)],
                          translations: [Vector3], allowed: [Bool]?) -> PassScores {
        guard let allowed else {
            return scoreAll(particle: p, images: images, ctx: ctx, pixels: e, candidates: candidates,
                            translations: translations, allowed: nil)
        }
        // Only the translations some sample allows are shifted and scored (pass 2 allows a few
        // sub-translations of the significant coarse ones); each translation's score is computed
        // alone, so leaving the others out changes no value.
        let nt = translations.count
        let used = (0..<nt).filter { t in candidates.indices.contains { allowed[$0 * nt + t] } }
        if used.count == nt {
            return scoreAll(particle: p, images: images, ctx: ctx, pixels: e, candidates: candidates,
                            translations: translations, allowed: allowed)
        }
        let nu = used.count
        var compactAllowed = [Bool](repeating: false, count: candidates.count * nu)
        for c in candidates.indices { for (i, t) in used.enumerated() { compactAllowed[c * nu + i] = allowed[c * nt + t] } }
        let compact = scoreAll(particle: p, images: images, ctx: ctx, pixels: e, candidates: candidates,
                               translations: used.map { translations[$0] }, allowed: compactAllowed)
        var score = [Double](repeating: -Double.infinity, count: candidates.count * nt)
        for c in candidates.indices { for (i, t) in used.enumerated() { score[c * nt + t] = compact.score[c * nu + i] } }
        return PassScores(score: score, constant: compact.constant, logNorm: compact.logNorm)
    }

    /// ``scorePass(particle:images:ctx:pixels:candidates:translations:allowed:)`` over every translation;
    /// a 3D particle on a lattice goes through ``scoreLattice`` unless `lattice` is false.
    ///
    /// `likelihood` restricts the sums to some of `pixels` (the M-step set scored as the E-step
    /// set it contains); `keepProjections` returns every candidate's projections at `pixels`
    /// (image after image) when they fit in ``keptProjectionBudget``, for the M-step to reuse.
    static func scoreAll(particle p: ParticleObservation, images: [PreparedImage], ctx: IterationContext,
                         pixels e: FourierPixelSet, candidates: [(k: Int, o: Orientation)],
                         translations: [Vector3], allowed: [Bool]?, lattice: Bool = true,
                         likelihood: [Bool]? = nil, keepProjections: Bool = false) -> PassScores {
        if lattice, let transform = latticeTransform(images: images, ctx: ctx, pixels: e, translations: translations) {
            return scoreLattice(particle: p, image: images[0], ctx: ctx, pixels: e, transform: transform,
                                candidates: candidates, translations: translations, allowed: allowed)
        }
        let np = e.count, nImg = images.count
        let nt = translations.count
        let cc = ctx.crossCorrelation
        let terms = PassTerms(particle: p, images: images, ctx: ctx, pixels: e, translations: translations,
                              likelihood: likelihood)
        let inv = terms.inverseSigma2, ctf = terms.ctf, offsetLogPrior = terms.offsetLogPrior, normX2 = terms.normX2
        // Each candidate's runs of allowed translations (pass 2 allows the children of its
        // parent's significant translations, which lie together); the others are not scored.
        var runs: [[Range<Int>]] = []
        var active: [Int] = []
        for c in candidates.indices {
            var r: [Range<Int>] = []
            var t = 0
            while t < nt {
                guard allowed.map({ $0[c * nt + t] }) ?? true else { t += 1; continue }
                var end = t + 1
                while end < nt, allowed.map({ $0[c * nt + end] }) ?? true { end += 1 }
                r.append(t..<end); t = end
            }
            runs.append(r)
            if !r.isEmpty { active.append(c) }
        }
        // Image by image (outer), so that one image's shifted copies (X̃_jt for every t) stay in
        // cache while the candidates are scored against them, in blocks of translations that fit
        // the L2 cache; candidates in chunks (each image is shifted once per chunk), whose
        // projections at the image are computed once.
        // Each (candidate, translation) still sums its images in order, and each dot product is
        // computed alone: the same values as a candidate-major loop over all translations.
        var cross = [Double](repeating: 0, count: candidates.count * nt)
        var energy = [Double](repeating: 0, count: candidates.count)
        var xj = [Float](repeating: 0, count: nt * 2 * np)
        let keep = keepProjections && active.count * nImg * 2 * np * 4 <= keptProjectionBudget
        var kept = [[Float]](repeating: [], count: keep ? candidates.count : 0)
        if keep { for c in active { kept[c] = [Float](repeating: 0, count: nImg * 2 * np) } }
        let chunk = max(64, (16 << 20) / max(1, 8 * np))    // 16 MB of projections
        var projections = [Float](repeating: 0, count: min(chunk, active.count) * 2 * np)
        let block = max(4, min(nt, (256 * 1024) / max(1, 8 * np)) / 4 * 4)
        for c0 in stride(from: 0, to: active.count, by: chunk) {
            let members = active[c0..<min(active.count, c0 + chunk)]
            for j in 0..<nImg {
                let img = images[j]
                xj.withUnsafeMutableBufferPointer { xb in
                    for t in 0..<nt {
                        shift(img.masked, by: img.rotation * (p.offset + translations[t]), pixels: e,
                              into: xb.baseAddress! + t * 2 * np)
                    }
                }
                projections.withUnsafeMutableBufferPointer { pb in
                ctf.withUnsafeBufferPointer { cb in
                inv.withUnsafeBufferPointer { ib in
                xj.withUnsafeBufferPointer { xb in
                cross.withUnsafeMutableBufferPointer { crb in
                    // Ŝ/σ² in place of each candidate's projection at this image.
                    for (i, c) in members.enumerated() {
                        let a = pb.baseAddress! + i * 2 * np
                        project(ctx.references[candidates[c].k], rotation: img.rotation * candidates[c].o.angles.matrix,
                                pixels: e, threeDimensional: ctx.threeDimensional, into: a)
                        if keep {
                            kept[c].withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: j * 2 * np).update(from: a, count: 2 * np) }
                        }
                        energy[c] += weightedProjection(a, ctf: cb.baseAddress! + j * np, inverseSigma2: ib.baseAddress!,
                                                        pixels: np, into: a)
                    }
                    for t0 in stride(from: 0, to: nt, by: block) {
                        let t1 = min(nt, t0 + block)
                        for (i, c) in members.enumerated() {
                            for run in runs[c] where run.lowerBound < t1 && run.upperBound > t0 {
                                let lo = max(run.lowerBound, t0), hi = min(run.upperBound, t1)
                                crossTerms(pb.baseAddress! + i * 2 * np, pixels: np, shifted: xb.baseAddress! + lo * 2 * np,
                                           stride: 2 * np, translations: hi - lo, cross: crb.baseAddress! + c * nt + lo)
                            }
                        }
                    }
                } } } } }
            }
        }
        var score: [Double] = []
        score.reserveCapacity(candidates.count * nt)
        for (c, candidate) in candidates.enumerated() {
            let eTotal = energy[c]
            for t in 0..<nt {
                if let allowed, !allowed[c * nt + t] {
                    score.append(-Double.infinity)
                } else if cc {
                    let denominator = (2 * eTotal * normX2).squareRoot()
                    score.append(denominator > 0 ? cross[c * nt + t] / denominator : 0)
                } else {
                    score.append(candidate.o.logPrior + offsetLogPrior[t] - (eTotal - cross[c * nt + t]))
                }
            }
        }
        return PassScores(score: score, constant: terms.constant, logNorm: terms.logNorm, projections: keep ? kept : nil)
    }

    /// The weights of a pass (binarised to the best sample in CC mode) with RELION's significance
    /// threshold at `fraction`.
    static func passWeights(_ score: [Double], crossCorrelation cc: Bool, fraction: Double) -> PassWeights {
        let maxScore = score.max() ?? 0
        var best = 0
        for i in score.indices where score[i] > score[best] { best = i }
        var w = [Double](repeating: 0, count: score.count)
        if cc {
            w[best] = 1
        } else {
            for i in score.indices where score[i] - maxScore > -700 { w[i] = _exp(score[i] - maxScore) }
        }
        let total = w.reduce(0, +)
        return PassWeights(w: w, total: total, best: best, maxScore: maxScore,
                           threshold: significanceThreshold(w, fraction: fraction))
    }
}
