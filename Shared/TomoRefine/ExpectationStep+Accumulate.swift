import TomoCore
import TomoKernels

extension ExpectationStep {
    /// One significant (class, orientation) of a particle with its significant translations
    /// (weights normalised by the particle's full Σw).
    typealias SignificantSample = (c: Int, ts: [(t: Vector3, index: Int, w: Double)])

    /// Adds a particle's significant samples to the M-step sums (§5.4): per sample and image
    /// `Σ_t w_t·X̃_t/σ²` is inserted with weight `Σ_t w_t·C/σ²`, the σ² numerator gets
    /// `Σ_t w_t |C·P − X̃_t|²` per shell, and the class, direction and offset sums get `Σ w` once
    /// per image.
    ///
    /// Image by image (outer), so that one image's shifted copies stay in cache while every
    /// sample uses them (a 2D stack's shifted images for all translations do not fit any cache). `projections` (the last pass's, at the M-step
    /// pixels, by candidate, image after image) replace projecting again. 3D particles: with
    /// `lattice`, `Σ_t w_t·X̃_t` comes from ``LatticeImage/combined(_:into:)``.
    @_optimize(speed)
    static func accumulate(_ samples: [SignificantSample], candidates: [(k: Int, o: Orientation)],
                           particle p: ParticleObservation, images: [PreparedImage], lattice: LatticeImage?,
                           projections: [[Float]]?, ctx: IterationContext, into sums: inout PartialSums) {
        let mset = ctx.maximisationPixels
        let nm = mset.count
        let group = min(p.opticsGroup, ctx.sigma2.count - 1)
        let sigma2 = ctx.sigma2[group]
        let nImg = Double(images.count)
        var weightSums: [Double] = []
        for (c, ts) in samples {
            let weightSum = ts.reduce(0) { $0 + $1.w }
            weightSums.append(weightSum)
            let candidate = candidates[c]
            sums.classWeight[candidate.k] += weightSum * nImg
            if candidate.o.direction >= 0 && !ctx.options.skipAlign {
                sums.directionWeight[candidate.k][candidate.o.direction] += weightSum * nImg
            }
            if !ctx.options.skipAlign {
                for (t, _, w) in ts {
                    let d = ctx.pixelSize * (p.offset + t - p.priorOffset)
                    sums.offsetNumerator += w * nImg * d.dot(d); sums.offsetDenominator += w * nImg
                }
            }
        }
        let half = ctx.halves == 2 ? max(0, min(1, p.randomSubset - 1)) : 0
        var inv = [Float](repeating: 0, count: nm)
        for q in 0..<nm { inv[q] = Float(1 / max(sigma2[mset.shell[q]], 1e-30)) }
        var y = [Float](repeating: 0, count: 2 * nm)
        var model = [Float](repeating: 0, count: 2 * nm)
        var values = [Float](repeating: 0, count: 2 * nm)
        var weights = [Float](repeating: 0, count: nm)
        let updateSigma = !ctx.crossCorrelation && !ctx.options.fixSigmaNoise
        let slots = (samples.flatMap { $0.ts.map(\.index) }.max() ?? -1) + 1
        var cache = ShiftedImages(images: images, pixels: mset, translations: lattice == nil ? slots : 0)
        for (j, img) in images.enumerated() {
            for (i, (c, ts)) in samples.enumerated() {
                let candidate = candidates[c]
                let am = candidate.o.angles.matrix
                if let lattice {
                    lattice.combined(ts, into: &y)
                } else {
                    for (t, index, _) in ts { cache.fill(image: j, translation: index, offset: img.rotation * (p.offset + t)) }
                    cache.withSlots { base in
                        y.withUnsafeMutableBufferPointer { combine(ts, slots: base, stride: 2 * nm, into: $0.baseAddress!) }
                    }
                }
                let rotation = img.rotation * am
                let weightSum = weightSums[i]
                let wsum = Float(weightSum)
                if updateSigma {
                    if let kept = projections?[c], kept.count == images.count * 2 * nm {
                        kept.withUnsafeBufferPointer { kb in
                            model.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: kb.baseAddress! + j * 2 * nm, count: 2 * nm) }
                        }
                    } else {
                        model.withUnsafeMutableBufferPointer {
                            project(ctx.references[candidate.k], rotation: rotation, pixels: mset,
                                    threeDimensional: ctx.threeDimensional, into: $0.baseAddress!)
                        }
                    }
                    for q in 0..<nm where mset.nonRedundant[q] {
                        let c = img.ctfSquared[mset.dataIndex[q]]
                        let sr = c * model[2 * q], si = c * model[2 * q + 1]
                        let x2 = img.data[mset.dataIndex[q]].normSquared
                        let residual = wsum * (sr * sr + si * si) - 2 * (sr * y[2 * q] + si * y[2 * q + 1]) + wsum * x2
                        sums.sigma2Numerator[group][mset.shell[q]] += Double(residual)
                        sums.sigma2Count[group][mset.shell[q]] += weightSum
                    }
                }
                for q in 0..<nm {
                    values[2 * q] = y[2 * q] * inv[q]; values[2 * q + 1] = y[2 * q + 1] * inv[q]
                    weights[q] = wsum * img.ctfSquared[mset.dataIndex[q]] * inv[q]
                }
                // Direct splats at pad·k (RELION's backproject2Dto3D / 3Dto3D).
                sums.projectors[candidate.k * ctx.halves + half].insert(
                    samplesAt: mset.kx, mset.ky, mset.kz, values: values, weights: weights,
                    rotation: ctx.threeDimensional ? am : rotation, slice: !ctx.threeDimensional)
            }
        }
    }

    /// `y = Σ_t w_t·X̃_t` over the slots of `ts`, four translations per pass over `y`.
    @_optimize(speed)
    static func combine(_ ts: [(t: Vector3, index: Int, w: Double)], slots base: UnsafePointer<Float>, stride: Int,
                        into y: UnsafeMutablePointer<Float>) {
        for r in 0..<stride { y[r] = 0 }
        var k = 0
        while k + 4 <= ts.count {
            let s0 = base + ts[k].index * stride, s1 = base + ts[k + 1].index * stride
            let s2 = base + ts[k + 2].index * stride, s3 = base + ts[k + 3].index * stride
            let w0 = Float(ts[k].w), w1 = Float(ts[k + 1].w), w2 = Float(ts[k + 2].w), w3 = Float(ts[k + 3].w)
            for r in 0..<stride { y[r] += w0 * s0[r] + w1 * s1[r] + w2 * s2[r] + w3 * s3[r] }
            k += 4
        }
        while k < ts.count {
            let s = base + ts[k].index * stride, w = Float(ts[k].w)
            for r in 0..<stride { y[r] += w * s[r] }
            k += 1
        }
    }

    /// σ² beyond the M-step size tracks the image power (§5.4): adds `|X|²` of every
    /// non-redundant pixel with `|k| > size/2` (weight 1 per image).
    static func addPowerTail(images: [PreparedImage], group: Int, ctx: IterationContext, into sums: inout PartialSums) {
        if ctx.crossCorrelation || ctx.options.fixSigmaNoise { return }
        let n = ctx.boxSize, hn = n / 2 + 1
        let g = min(group, ctx.sigma2.count - 1)
        let r0 = Double(ctx.maximisationPixels.size) / 2
        let zs = ctx.threeDimensional ? n : 1
        for img in images {
            for z in 0..<zs {
                let fz = ctx.threeDimensional ? (z <= n / 2 ? z : z - n) : 0
                for y in 0..<n {
                    let fy = y <= n / 2 ? y : y - n
                    for x in 0..<hn {
                        if x == 0 && (fy < 0 || (fy == 0 && fz < 0)) { continue }
                        let r = Double(x * x + fy * fy + fz * fz).squareRoot()
                        let s = Int(r.rounded())
                        if r <= r0 || s > n / 2 { continue }
                        sums.sigma2Numerator[g][s] += Double(img.data[x + hn * (y + n * z)].normSquared)
                        sums.sigma2Count[g][s] += 1
                    }
                }
            }
        }
    }
}
