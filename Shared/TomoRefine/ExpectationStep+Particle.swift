import TomoCore
import TomoKernels

extension ExpectationStep {
    /// Runs the E-step for particle `index` and adds its weighted contributions to `sums`.
    ///
    /// Pass 1 scores every (class, orientation, translation) of the coarse grid at the coarse
    /// E-step size; with `--oversampling ov > 0` the significant pass-1 samples are re-evaluated on
    /// the oversampled grid at the current image size (pass 2, ``oversample(candidates:translations:pass1:particle:ctx:)``).
    /// The best sample of the last pass gives the pose, its significant samples go to the M-step;
    /// `rlnNrOfSignificantSamples` is the pass-1 count.
    static func process(index: Int, particle p: ParticleObservation, images: [PreparedImage],
                        ctx: IterationContext, into sums: inout PartialSums) {
        let nImg = images.count
        let coarseTranslations = ctx.options.skipAlign ? [Vector3.zero] : ctx.translations
        let cc = ctx.crossCorrelation
        // Classes searched.
        var classes = Array(0..<ctx.classCount)
        if ctx.randomClassPerParticle && ctx.classCount > 1 {
            var rng = SplitMix64(seed: ctx.seed &+ 0x9E37_79B9 &* UInt64(index + 1))
            classes = [Int(rng.next() % UInt64(ctx.classCount))]
        }
        var candidates: [(k: Int, o: Orientation)] = []
        for k in classes { for o in orientations(p, ctx: ctx, classIndex: k) { candidates.append((k, o)) } }
        // Pass 1: coarse grid, coarse size.
        let twoPasses = ctx.fineExpectationPixels != nil && !ctx.options.skipAlign && ctx.options.oversampling > 0
        let pass1 = twoPasses
            ? scorePass(particle: p, images: images, ctx: ctx, pixels: ctx.expectationPixels,
                        candidates: candidates, translations: coarseTranslations, allowed: nil)
            : scoreLastPass(particle: p, images: images, ctx: ctx, pixels: ctx.expectationPixels,
                            candidates: candidates, translations: coarseTranslations, allowed: nil)
        let w1 = passWeights(pass1.score, crossCorrelation: cc, fraction: ctx.options.adaptiveFraction)
        let significantCount = w1.significantCount
        var translations = coarseTranslations, scores = pass1, w = w1
        // Pass 2: the significant samples oversampled, current size.
        if twoPasses, let fine = ctx.fineExpectationPixels {
            let samples = oversample(candidates: candidates, translations: coarseTranslations, pass1: w1,
                                     particle: p, ctx: ctx)
            candidates = samples.candidates; translations = samples.translations
            scores = scoreLastPass(particle: p, images: images, ctx: ctx, pixels: fine, candidates: candidates,
                                   translations: translations, allowed: samples.allowed)
            w = passWeights(scores.score, crossCorrelation: cc, fraction: ctx.options.adaptiveFraction)
        }
        let nt = translations.count
        let bestCandidate = candidates[w.best / nt]
        let result = ParticleResult(
            classNumber: bestCandidate.k + 1, angles: bestCandidate.o.angles,
            offset: p.offset + translations[w.best % nt],
            maxValueProbability: w.w[w.best] / w.total, significantSamples: significantCount,
            logLikelihood: cc ? 0 : w.maxScore + _log(w.total) - scores.constant - Double(nImg) * scores.logNorm)
        sums.results.append((index, result))

        // M-step contributions of the significant samples, each divided by the full Σw.
        var samples: [SignificantSample] = []
        for c in candidates.indices {
            var ts: [(t: Vector3, index: Int, w: Double)] = []
            for t in 0..<nt where w.isSignificant(c * nt + t) { ts.append((translations[t], t, w.w[c * nt + t] / w.total)) }
            if !ts.isEmpty { samples.append((c, ts)) }
        }
        accumulate(samples, candidates: candidates, particle: p, images: images,
                   lattice: LatticeImage(images: images, particle: p, ctx: ctx, translations: translations),
                   projections: scores.projections, ctx: ctx, into: &sums)
        addPowerTail(images: images, group: p.opticsGroup, ctx: ctx, into: &sums)
    }
}

extension ExpectationStep {
    /// RELION's significance threshold (§5.2): the smallest weight of the smallest set of largest
    /// weights whose sum reaches `fraction·Σw`; samples with `w ≥ threshold` (and `w > 0`) are
    /// significant.
    static func significanceThreshold(_ w: [Double], fraction: Double) -> Double {
        let total = w.reduce(0, +)
        var sorted = w.filter { $0 > 0 }
        sorted.sort(by: >)
        var threshold = sorted.first ?? 0, cumulative = 0.0
        for v in sorted {
            cumulative += v; threshold = v
            if cumulative >= fraction * total { break }
        }
        return threshold
    }
}
