import TomoCore

/// Expected angular and translational accuracies (`calculateExpectedAngularErrors`, spec §5.9).
///
/// For each of the first 100 particles (10 in 3D mode) and each class, the pose error `δ` is
/// grown until `Σ_j Σ_κ |C·(P(A) − P(A_δ))|² / (2σ²) > −ln 0.01 = 4.60517` over the E-step
/// pixels, capped at 30° (rotations: about a randomly chosen one of rot/tilt/psi) or 10 px
/// (translations: along a random axis of the sub-tomogram frame). The threshold is bracketed by
/// doubling from 0.05° (0.05 px) and refined by 8 bisection steps. Class means are returned;
/// classes with `rlnClassDistribution < 0.01` get 999.
enum AccuracyEstimation {
    static let threshold = 4.60517

    /// `(rotations in degrees, translations in pixels)` per class.
    @_optimize(speed)
    static func estimate(particles: [ParticleObservation], results: [ParticleResult], images: [[PreparedImage]],
                         ctx: IterationContext, distributions: [Double]) -> [(rotation: Double, translation: Double)] {
        let count = min(particles.count, ctx.threeDimensional ? 10 : 100)
        let e = ctx.expectationPixels
        let np = e.count
        var out: [(Double, Double)] = []
        for k in 0..<ctx.classCount {
            if distributions[k] < 0.01 || count == 0 { out.append((999, 999)); continue }
            var sumRot = 0.0, sumTrans = 0.0
            for i in 0..<count {
                var rng = SplitMix64(seed: ctx.seed &+ UInt64(7919 * (i + 1) + k))
                let sigma2 = ctx.sigma2[min(particles[i].opticsGroup, ctx.sigma2.count - 1)]
                let inv = (0..<np).map { 1 / max(sigma2[e.shell[$0]], 1e-30) }
                let angles = results[i].angles
                let imgs = images[i]
                var base = [[Float]](repeating: [Float](repeating: 0, count: 2 * np), count: imgs.count)
                for j in imgs.indices {
                    base[j].withUnsafeMutableBufferPointer {
                        ExpectationStep.project(ctx.references[k], rotation: imgs[j].rotation * angles.matrix, pixels: e,
                                                threeDimensional: ctx.threeDimensional, into: $0.baseAddress!)
                    }
                }
                let which = Int(rng.next() % 3)
                var moved = [Float](repeating: 0, count: 2 * np)
                let rotationScore: (Double) -> Double = { delta in
                    var a = angles
                    if which == 0 { a.rot += delta } else if which == 1 { a.tilt += delta } else { a.psi += delta }
                    var total = 0.0
                    for j in imgs.indices {
                        moved.withUnsafeMutableBufferPointer {
                            ExpectationStep.project(ctx.references[k], rotation: imgs[j].rotation * a.matrix, pixels: e,
                                                    threeDimensional: ctx.threeDimensional, into: $0.baseAddress!)
                        }
                        for q in 0..<np {
                            let c = Double(imgs[j].ctfSquared[e.dataIndex[q]])
                            let dr = Double(base[j][2 * q] - moved[2 * q]), di = Double(base[j][2 * q + 1] - moved[2 * q + 1])
                            total += c * c * (dr * dr + di * di) * inv[q] / 2
                        }
                    }
                    return total
                }
                let axis = Int(rng.next() % 3)
                let translationScore: (Double) -> Double = { delta in
                    let d = Vector3(axis == 0 ? delta : 0, axis == 1 ? delta : 0, axis == 2 ? delta : 0)
                    var total = 0.0
                    for j in imgs.indices {
                        let u = imgs[j].rotation * d
                        for q in 0..<np {
                            let phase = -2 * Double.pi * (Double(e.kx[q]) * u.x + Double(e.ky[q]) * u.y + Double(e.kz[q]) * u.z) / Double(e.boxSize)
                            let c = Double(imgs[j].ctfSquared[e.dataIndex[q]])
                            let p2 = Double(base[j][2 * q] * base[j][2 * q] + base[j][2 * q + 1] * base[j][2 * q + 1])
                            total += c * c * p2 * (2 - 2 * _cos(phase)) * inv[q] / 2
                        }
                    }
                    return total
                }
                sumRot += bracket(rotationScore, cap: 30)
                sumTrans += bracket(translationScore, cap: 10)
            }
            out.append((sumRot / Double(count), sumTrans / Double(count)))
        }
        return out
    }

    /// Smallest `δ ≤ cap` with `score(δ) > threshold` (doubling from 0.05, then bisection).
    static func bracket(_ score: (Double) -> Double, cap: Double) -> Double {
        var lo = 0.0, hi = 0.05
        while score(hi) <= threshold {
            lo = hi; hi *= 2
            if hi >= cap { return score(cap) > threshold ? refine(score, lo, cap) : cap }
        }
        return refine(score, lo, hi)
    }

    private static func refine(_ score: (Double) -> Double, _ lo0: Double, _ hi0: Double) -> Double {
        var lo = lo0, hi = hi0
        for _ in 0..<8 {
            let mid = (lo + hi) / 2
            if score(mid) > threshold { hi = mid } else { lo = mid }
        }
        return hi
    }
}
