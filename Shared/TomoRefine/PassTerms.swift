import TomoCore

/// The per-particle terms of one E-step pass that do not depend on the sample (§5.2): `1/σ²` at
/// the pass pixels (0 outside the `likelihood` mask; 1 in a cross-correlation iteration), `C`
/// per image, `½ Σ |X|²/σ²`, `Σ |X|²`, `Σ ln(2πσ²)` of one image, and the offset prior of each
/// translation.
struct PassTerms {
    var inverseSigma2: [Float]
    /// `C` by image, then pixel.
    var ctf: [Float]
    var constant = 0.0
    var normX2 = 0.0
    var logNorm = 0.0
    var offsetLogPrior: [Double]

    init(particle p: ParticleObservation, images: [PreparedImage], ctx: IterationContext, pixels e: FourierPixelSet,
         translations: [Vector3], likelihood: [Bool]?) {
        let np = e.count
        let sigma2 = ctx.sigma2[min(p.opticsGroup, ctx.sigma2.count - 1)]
        var inv = [Float](repeating: 1, count: np)
        for q in 0..<np where likelihood.map({ !$0[q] }) ?? false { inv[q] = 0 }
        if !ctx.crossCorrelation {
            for q in 0..<np where inv[q] != 0 {
                let s2 = max(sigma2[e.shell[q]], 1e-30)
                inv[q] = Float(1 / s2); logNorm += _log(2 * Double.pi * s2)
            }
        }
        ctf = [Float](repeating: 0, count: images.count * np)
        for (j, img) in images.enumerated() {
            for q in 0..<np where inv[q] != 0 {
                ctf[j * np + q] = img.ctfSquared[e.dataIndex[q]]
                let x = img.masked[e.dataIndex[q]]
                constant += Double(x.normSquared * inv[q]) / 2; normX2 += Double(x.normSquared)
            }
        }
        inverseSigma2 = inv
        // Offset prior on the absolute offset (Å), isotropic Gaussian around the prior offset.
        offsetLogPrior = [Double](repeating: 0, count: translations.count)
        if !ctx.options.skipAlign {
            let s2 = ctx.sigmaOffset * ctx.sigmaOffset
            for (t, translation) in translations.enumerated() {
                let d = ctx.pixelSize * (p.offset + translation - p.priorOffset)
                offsetLogPrior[t] = -d.dot(d) / (2 * s2)
            }
        }
    }
}
