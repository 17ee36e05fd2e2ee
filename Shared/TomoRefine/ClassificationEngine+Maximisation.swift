import TomoCore
import TomoKernels

extension ClassificationEngine {
    /// The M-step and the bookkeeping after an E-step (§5.4, §5.7, §5.9).
    mutating func maximise(_ sums: PartialSums, ctx: IterationContext) {
        let n = particles.count
        let newResults = sums.results.sorted { $0.index < $1.index }.map(\.result)
        // Change statistics against the poses the iteration started from (§5.9).
        var dAngles = 0.0, dOffsets = 0.0, dClasses = 0.0
        for i in 0..<n {
            let old = particles[i], new = newResults[i]
            dAngles += orientationChange(old.angles.matrix, new.angles.matrix)
            let d = pixelSize * (new.offset - old.offset)
            dOffsets += d.dot(d)
            if old.classNumber != new.classNumber { dClasses += 1 }
        }
        for i in 0..<n {
            particles[i].angles = newResults[i].angles
            particles[i].offset = newResults[i].offset
            particles[i].classNumber = newResults[i].classNumber
        }
        results = newResults

        // Reconstructions.
        let unit = threeDimensional ? 1 : Double(boxSize * boxSize)
        let radius = particleRadius(options, boxSize: boxSize, pixelSize: pixelSize)
        let totalWeight = sums.classWeight.reduce(0, +)
        for k in classes.indices {
            let tau2 = classes[k].tau2
            var (map, ssnr) = MapReconstruction.reconstruct(sums.projectors[k * ctx.halves], tau2: tau2,
                                                            fudge: options.tau2Fudge, unitFactor: unit)
            if options.flattenSolvent {
                SphericalMask.apply(&map, radius: radius, edgeWidth: options.maskEdge, background: 0)
            }
            if ctx.crossCorrelation, let res = options.initialHighResolution {
                map = ReferencePreparation.lowPass(map, resolution: res, pixelSize: pixelSize)
            }
            classes[k].map = map
            classes[k].ssnr = ssnr
            classes[k].distribution = totalWeight > 0 ? sums.classWeight[k] / totalWeight : 0
            if let nDir = ctx.sampling?.directions.count, nDir > 0, totalWeight > 0 {
                classes[k].directionDistribution = sums.directionWeight[k].map { $0 / totalWeight }
            }
            var last = 0
            for s in 1..<ssnr.count where ssnr[s] >= 1 { last = s }
            classes[k].estimatedResolution = last > 0 ? Double(boxSize) * pixelSize / Double(last) : 999
            let completeness = MapReconstruction.completeness(sums.projectors[k * ctx.halves], tau2: tau2,
                                                              fudge: options.tau2Fudge, unitFactor: unit)
            classes[k].fourierCompleteness = completeness.fraction
            classes[k].overallFourierCompleteness = MapReconstruction.overallCompleteness(
                fraction: completeness.fraction, voxels: completeness.voxels, lastShell: last)
            classes[k].tau2 = MapReconstruction.tau2(of: map)
        }
        if !ctx.crossCorrelation && !options.fixSigmaNoise {
            for g in sigma2.indices {
                for s in sigma2[g].indices where sums.sigma2Count[g][s] > 0 {
                    sigma2[g][s] = sums.sigma2Numerator[g][s] / (2 * sums.sigma2Count[g][s])
                }
            }
        }
        if !options.skipAlign && sums.offsetDenominator > 0 && !ctx.crossCorrelation {
            sigmaOffset = max(sums.offsetNumerator / (3 * sums.offsetDenominator), 2).squareRoot()
        }
        // Resolution (§5.7): s* = (first shell ≥ 1 with SSNR < 1) − 1, max over classes, ≥ 5.
        if !ctx.crossCorrelation {
            var best = 0
            for c in classes {
                var first = c.ssnr.count
                for s in 1..<c.ssnr.count where c.ssnr[s] < 1 { first = s; break }
                best = max(best, first - 1)
            }
            best = min(boxSize / 2, max(best, 5))
            currentResolution = Double(boxSize) * pixelSize / Double(best)
        }
        // Accuracies with the references and σ² this iteration used (§5.9).
        let accuracy = AccuracyEstimation.estimate(particles: particles, results: newResults, images: prepared, ctx: ctx,
                                                   distributions: classes.map(\.distribution))
        for k in classes.indices {
            classes[k].accuracyRotations = accuracy[k].rotation
            classes[k].accuracyTranslations = accuracy[k].translation == 999 ? 999 : accuracy[k].translation * pixelSize
        }
        let pmax = newResults.reduce(0) { $0 + $1.maxValueProbability } / Double(max(1, n))
        history.append(IterationStatistics(
            iteration: history.count + 1, currentResolution: currentResolution,
            currentImageSize: ctx.maximisationPixels.size, expectationImageSize: ctx.expectationPixels.size,
            changesOrientations: dAngles / Double(max(1, n)),
            changesOffsets: (dOffsets / Double(2 * max(1, n))).squareRoot(),
            changesClasses: dClasses / Double(max(1, n)), averagePmax: pmax,
            logLikelihood: newResults.reduce(0) { $0 + $1.logLikelihood }, sigmaOffset: sigmaOffset,
            samplingPerturbation: ctx.perturbation,
            overallAccuracyRotations: classes.compactMap(\.accuracyRotations).min() ?? 999,
            overallAccuracyTranslations: classes.compactMap(\.accuracyTranslations).min() ?? 999))
    }

    /// §5.9: `min over symmetry mates of (1/3)·Σ_r arccos(row_r(A_new)·row_r(A_old))` (degrees).
    func orientationChange(_ old: Matrix3, _ new: Matrix3) -> Double {
        var best = Double.infinity
        for mate in options.symmetry.equivalentOrientations(new) {
            var sum = 0.0
            for r in 0..<3 { sum += _acos(max(-1, min(1, mate.row(r).dot(old.row(r))))) }
            best = min(best, sum / 3 * 180 / Double.pi)
        }
        return best
    }
}
