import TomoCore
import TomoKernels

extension ExpectationStep {
    /// The pass-2 samples of adaptive oversampling (§5.2, §5.3) with order `ov`:
    /// * every coarse orientation with a significant sample becomes `4^ov` directions (the NESTED
    ///   children of its HEALPix pixel at order `n + ov`) × `2^ov` psi values
    ///   `ψ + Δψ·((i + ½)/2^ov − ½)`, shifted by the iteration's grid perturbation as the coarse grid;
    /// * every coarse translation with a significant sample becomes `2^(3·ov)` sub-translations
    ///   `t + Δ·((i + ½)/2^ov − ½)` per axis;
    /// * a fine sample is evaluated (`allowed`) only when its coarse parent pair was significant.
    ///
    /// Priors are evaluated at the fine samples: the offset prior by ``scorePass``; with local
    /// searches the Gaussian orientation prior of the fine angles, normalised as the coarse
    /// neighbourhood (`ln P_fine = ln P_parent + ln G(fine) − ln G(parent)`); with global searches
    /// the parent's `pdf_direction` (psi is uniform). Fine orientations keep the coarse direction
    /// index (the M-step's `pdf_direction` is on the coarse grid).
    struct OversampledSamples {
        var candidates: [(k: Int, o: Orientation)]
        var translations: [Vector3]
        /// `allowed[c·nt + t]`, the layout of ``PassScores/score``.
        var allowed: [Bool]
    }

    static func oversample(candidates: [(k: Int, o: Orientation)], translations: [Vector3], pass1: PassWeights,
                           particle p: ParticleObservation, ctx: IterationContext) -> OversampledSamples {
        let ov = ctx.options.oversampling
        let nt = translations.count
        let split = 1 << ov
        // Translations with a significant sample, and their children.
        var significantT = [Bool](repeating: false, count: nt)
        var significantC = [Bool](repeating: false, count: candidates.count)
        for c in candidates.indices {
            for t in 0..<nt where pass1.isSignificant(c * nt + t) { significantT[t] = true; significantC[c] = true }
        }
        var fineT: [Vector3] = [], parentT: [Int] = []
        let step = ctx.options.offsetStep
        func sub(_ i: Int) -> Double { (Double(i) + 0.5) / Double(split) - 0.5 }
        for t in 0..<nt where significantT[t] {
            for ix in 0..<split { for iy in 0..<split { for iz in 0..<split {
                fineT.append(translations[t] + step * Vector3(sub(ix), sub(iy), sub(iz)))
                parentT.append(t)
            } } }
        }
        // Orientation children.
        guard let sampling = ctx.sampling else {
            return OversampledSamples(candidates: candidates, translations: translations,
                                      allowed: pass1.w.indices.map { pass1.isSignificant($0) })
        }
        let da = ctx.perturbation * OrientationSampling.angularStep(order: sampling.healpixOrder)
        let psiStep = sampling.psiAngles.count > 1 ? sampling.psiAngles[1] - sampling.psiAngles[0] : 360
        let dpsi = ctx.perturbation * (sampling.psiAngles.count > 1 ? psiStep : 0)
        let local = ctx.options.sigmaAngles.map { $0 > 0 ? $0 : nil } ?? nil
        let priorVector = SamplingDirection(rot: p.angles.rot, tilt: p.angles.tilt).unitVector
        func logGaussian(direction u: Vector3, psi: Double, sigma: Double) -> Double {
            var best = u.dot(priorVector)
            for r in ctx.options.symmetry.operators { best = max(best, (r * u).dot(priorVector)) }
            let d = _acos(max(-1, min(1, best))) * 180 / Double.pi
            var dp = abs(psi - p.angles.psi).truncatingRemainder(dividingBy: 360)
            if dp > 180 { dp = abs(dp - 360) }
            return -(d * d + dp * dp) / (2 * sigma * sigma)
        }
        let children = 1 << (2 * ov)
        var fineC: [(k: Int, o: Orientation)] = [], parentC: [Int] = []
        for (c, candidate) in candidates.enumerated() where significantC[c] {
            let o = candidate.o
            guard o.direction >= 0 else { fineC.append(candidate); parentC.append(c); continue }
            let parentLog = local.map {
                logGaussian(direction: sampling.directions[o.direction].unitVector, psi: o.gridPsi, sigma: $0)
            }
            for j in 0..<children {
                let d = ctx.fineDirections[o.direction * children + j]
                for i in 0..<split {
                    let psi = o.gridPsi + psiStep * sub(i)
                    var logPrior = o.logPrior
                    if let sigma = local, let parentLog {
                        logPrior += logGaussian(direction: d.unitVector, psi: psi, sigma: sigma) - parentLog
                    }
                    let angles = EulerAngles(rot: d.rot + da, tilt: d.tilt + da, psi: psi + dpsi)
                    fineC.append((candidate.k, Orientation(angles: angles, logPrior: logPrior, direction: o.direction,
                                                           gridPsi: psi)))
                    parentC.append(c)
                }
            }
        }
        var allowed = [Bool](repeating: false, count: fineC.count * fineT.count)
        for fc in fineC.indices {
            for ft in fineT.indices where pass1.isSignificant(parentC[fc] * nt + parentT[ft]) {
                allowed[fc * fineT.count + ft] = true
            }
        }
        return OversampledSamples(candidates: fineC, translations: fineT, allowed: allowed)
    }
}
