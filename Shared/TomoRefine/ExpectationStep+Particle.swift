import TomoCore
import TomoKernels

extension ExpectationStep {
    /// Runs the E-step for particle `index` and adds its weighted contributions to `sums`.
    static func process(index: Int, particle p: ParticleObservation, images: [PreparedImage],
                        ctx: IterationContext, into sums: inout PartialSums) {
        let e = ctx.expectationPixels
        let np = e.count, nImg = images.count
        let translations = ctx.options.skipAlign ? [Vector3.zero] : ctx.translations
        let nt = translations.count
        let sigma2 = ctx.sigma2[min(p.opticsGroup, ctx.sigma2.count - 1)]
        let cc = ctx.crossCorrelation
        let px = ctx.pixelSize

        var inv = [Float](repeating: 1, count: np)
        var logNorm = 0.0
        if !cc {
            for q in 0..<np {
                let s2 = max(sigma2[e.shell[q]], 1e-30)
                inv[q] = Float(1 / s2); logNorm += _log(2 * Double.pi * s2)
            }
        }
        // Shifted masked images X̃_jt and CTF² at the E-step pixels.
        var xs = [Float](repeating: 0, count: nt * nImg * 2 * np)
        var ctf = [Float](repeating: 0, count: nImg * np)
        var constant = 0.0, normX2 = 0.0
        xs.withUnsafeMutableBufferPointer { xb in
            for j in 0..<nImg {
                let img = images[j]
                for q in 0..<np {
                    ctf[j * np + q] = img.ctfSquared[e.dataIndex[q]]
                    let x = img.masked[e.dataIndex[q]]
                    constant += Double(x.normSquared * inv[q]) / 2; normX2 += Double(x.normSquared)
                }
                for t in 0..<nt {
                    let u = img.rotation * (p.offset + translations[t])
                    shift(img.masked, by: u, pixels: e, into: xb.baseAddress! + (t * nImg + j) * 2 * np)
                }
            }
        }
        // Offset prior on the absolute offset (Å), isotropic Gaussian around the prior offset.
        var offsetLogPrior = [Double](repeating: 0, count: nt)
        if !ctx.options.skipAlign {
            let s2 = ctx.sigmaOffset * ctx.sigmaOffset
            for t in 0..<nt {
                let d = px * (p.offset + translations[t] - p.priorOffset)
                offsetLogPrior[t] = -d.dot(d) / (2 * s2)
            }
        }
        // Classes searched.
        var classes = Array(0..<ctx.classCount)
        if ctx.randomClassPerParticle && ctx.classCount > 1 {
            var rng = SplitMix64(seed: ctx.seed &+ 0x9E37_79B9 &* UInt64(index + 1))
            classes = [Int(rng.next() % UInt64(ctx.classCount))]
        }
        // Scores for every (class, orientation) candidate × translation.
        var candidates: [(k: Int, o: Orientation)] = []
        var score: [Double] = []
        var projection = [Float](repeating: 0, count: 2 * np)
        var a = [Float](repeating: 0, count: 2 * np)
        var cross = [Double](repeating: 0, count: nt)
        for k in classes {
            for o in orientations(p, ctx: ctx, classIndex: k) {
                let am = o.angles.matrix
                var eTotal = 0.0
                for t in 0..<nt { cross[t] = 0 }
                for j in 0..<nImg {
                    projection.withUnsafeMutableBufferPointer {
                        project(ctx.references[k], rotation: images[j].rotation * am, pixels: e,
                                threeDimensional: ctx.threeDimensional, into: $0.baseAddress!)
                    }
                    let ej = projection.withUnsafeBufferPointer { pb in
                        a.withUnsafeMutableBufferPointer { ab in
                            ctf.withUnsafeBufferPointer { cb in
                                inv.withUnsafeBufferPointer { ib in
                                    xs.withUnsafeBufferPointer { xb in
                                        cross.withUnsafeMutableBufferPointer { crb in
                                            scoreImage(projection: pb.baseAddress!, ctf: cb.baseAddress! + j * np,
                                                       inverseSigma2: ib.baseAddress!, pixels: np,
                                                       shifted: xb.baseAddress! + j * 2 * np, stride: nImg * 2 * np,
                                                       translations: nt, scratch: ab.baseAddress!, cross: crb.baseAddress!)
                                        }
                                    }
                                }
                            }
                        }
                    }
                    eTotal += ej
                }
                candidates.append((k, o))
                for t in 0..<nt {
                    if cc {
                        let denominator = (2 * eTotal * normX2).squareRoot()
                        score.append(denominator > 0 ? cross[t] / denominator : 0)
                    } else {
                        score.append(o.logPrior + offsetLogPrior[t] - (eTotal - cross[t]))
                    }
                }
            }
        }
        // Weights, significance, best state.
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
        let threshold = significanceThreshold(w, fraction: ctx.options.adaptiveFraction)
        let significantCount = w.reduce(0) { $1 >= threshold && $1 > 0 ? $0 + 1 : $0 }
        let bestCandidate = candidates[best / nt]
        let result = ParticleResult(
            classNumber: bestCandidate.k + 1, angles: bestCandidate.o.angles,
            offset: p.offset + translations[best % nt],
            maxValueProbability: w[best] / total, significantSamples: significantCount,
            logLikelihood: cc ? 0 : maxScore + _log(total) - constant - Double(nImg) * logNorm)
        sums.results.append((index, result))

        // M-step contributions of the significant samples, each divided by the full Σw.
        for c in candidates.indices {
            var ts: [(t: Int, w: Double)] = []
            for t in 0..<nt where w[c * nt + t] >= threshold && w[c * nt + t] > 0 { ts.append((t, w[c * nt + t] / total)) }
            if ts.isEmpty { continue }
            accumulate(candidate: candidates[c], translations: ts.map { (translations[$0.t], $0.w) },
                       particle: p, images: images, ctx: ctx, into: &sums)
        }
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
