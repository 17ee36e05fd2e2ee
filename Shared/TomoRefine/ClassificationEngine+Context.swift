import TomoCore
import TomoKernels

extension ClassificationEngine {
    /// `rlnCurrentImageSize` for the current resolution (§5.7): `min(N, 2·(s* + incr_size))`.
    var currentImageSize: Int {
        let shell = Int((Double(boxSize) * pixelSize / currentResolution).rounded())
        return min(boxSize, 2 * (shell + options.incrementSize))
    }

    /// E-step image size (§5.7): the coarse size `2·ceil(N·px/r_c)`, `r_c = (step/360)·π·D/1.2`,
    /// capped at the current size (no cap with `skip_align`), and at `2·round(N·px/X)` with
    /// `--strict_highres_exp X`.
    var expectationImageSize: Int {
        var size = currentImageSize
        if !options.skipAlign {
            let step = options.sigmaAngles == nil && options.psiStep != nil
                ? min(options.psiStep!, OrientationSampling.angularStep(order: options.healpixOrder))
                : OrientationSampling.angularStep(order: options.healpixOrder)
            let diameter = 2 * particleRadius(options, boxSize: boxSize, pixelSize: pixelSize) * pixelSize
            let rc = step / 360 * Double.pi * diameter / 1.2
            size = min(size, 2 * Int((Double(boxSize) * pixelSize / rc).rounded(.up)))
        }
        if let x = options.strictHighResExpectation {
            size = min(size, 2 * Int((Double(boxSize) * pixelSize / x).rounded()))
        }
        return max(4, size)
    }

    func makeContext(iteration it: Int) -> IterationContext {
        let k = options.classCount
        let cc = options.firstIterationCC && it == 1
        let sampling = options.skipAlign ? nil : OrientationSampling(healpixOrder: options.healpixOrder, psiStep: options.psiStep)
        let nDir = sampling?.directions.count ?? 0
        let directionLogPrior: [[Double]] = classes.map { c in
            if c.directionDistribution.count == nDir && nDir > 0 {
                return c.directionDistribution.map { _log(max($0, 1e-300)) }
            }
            return Array(repeating: _log(1 / Double(max(1, k * nDir))), count: nDir)
        }
        let seed = options.randomSeed &+ UInt64(it) &* 0x5851_F42D_4C95_7F2D
        var rng = SplitMix64(seed: seed ^ 0xA5A5_5A5A)
        let perturbation = options.skipAlign || options.perturb <= 0 ? 0 : rng.uniform(-options.perturb, options.perturb)
        let shift = perturbation * options.offsetStep
        let translations = options.skipAlign ? [Vector3.zero]
            : TranslationGrid.offsets(range: options.offsetRange, step: options.offsetStep).map { $0 + Vector3(shift, shift, shift) }
        return IterationContext(
            options: options, pixelSize: pixelSize, boxSize: boxSize, threeDimensional: threeDimensional,
            references: classes.map { FourierProjector($0.map, padding: options.padding) },
            sigma2: sigma2,
            classLogPrior: classes.map { _log(max($0.distribution, 1e-300)) },
            directionLogPrior: directionLogPrior, sampling: sampling, translations: translations,
            sigmaOffset: sigmaOffset,
            expectationPixels: FourierPixelSet(boxSize: boxSize, size: expectationImageSize,
                                               threeDimensional: threeDimensional, nonRedundantOnly: true),
            maximisationPixels: FourierPixelSet(boxSize: boxSize, size: currentImageSize,
                                                threeDimensional: threeDimensional, nonRedundantOnly: false),
            crossCorrelation: cc,
            // K > 1 from one reference: one random class per particle in the first iteration (also
            // when it is the CC iteration, so that no class is left without data).
            randomClassPerParticle: singleReference && it == 1,
            perturbation: perturbation, seed: seed, halves: 1)
    }
}
