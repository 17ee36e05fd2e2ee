import TomoCore
import TomoKernels
import TomoRefine
import TomoRefineFiles
import TomoRelion

/// Turns the engine's state into the records `relion_refine` writes (spec §6.2–6.5).
enum Class3DRecords {
    /// `_model.star` of the engine's current state. Before any iteration (`it000`) accuracies are
    /// 999 and the SSNR/τ² columns those of the starting references.
    static func model(_ e: ClassificationEngine, names: RefineFileNames, groups: (numbers: [Int], names: [String]),
                      options: Class3DOptions) -> RefineModel {
        let n = e.boxSize, px = e.pixelSize
        let last = e.history.last
        var general = RefineModelGeneral(
            originalImageSize: n, currentResolution: e.currentResolution,
            currentImageSize: last?.currentImageSize ?? min(n, n), pixelSize: px, nrClasses: e.classes.count,
            nrGroups: groups.names.count, nrOpticsGroups: 1, sigmaOffsetsAngst: e.sigmaOffset,
            logLikelihood: last?.logLikelihood ?? 0, averagePmax: last?.averagePmax ?? 0,
            dataDimensionality: e.particles.first.map { if case .subtomogram = $0.data { return 3 } else { return 2 } } ?? 2,
            tau2FudgeFactor: e.options.tau2Fudge)
        general.paddingFactor = Double(e.options.padding)
        let sigma2Mean: [Double] = (0...n / 2).map { s in
            e.sigma2.reduce(0) { $0 + $1[s] } / Double(max(1, e.sigma2.count))
        }
        // RELION keeps pdf_direction for every class over the coarse directions, uniform until
        // global searches update it (also with --skip_align or local searches).
        let nDir = OrientationSampling(healpixOrder: e.options.healpixOrder, psiStep: e.options.psiStep).directions.count
        let classes = e.classes.enumerated().map { k, c -> RefineModelClass in
            let shells = (0...n / 2).map { s in
                RefineSpectralShell(index: s, boxSize: n, pixelSize: px, ssnr: s < c.ssnr.count ? c.ssnr[s] : 0,
                                    goldStandardFsc: 0,
                                    fourierCompleteness: s < c.fourierCompleteness.count ? c.fourierCompleteness[s] : 0,
                                    referenceSigma2: sigma2Mean[s],
                                    referenceTau2: s < c.tau2.count ? c.tau2[s] : 0, orientability: nil)
            }
            return RefineModelClass(referenceImage: names.classMap(k + 1), distribution: c.distribution,
                                    accuracyRotations: c.accuracyRotations ?? 999,
                                    accuracyTranslationsAngst: c.accuracyTranslations ?? 999,
                                    estimatedResolution: c.estimatedResolution == 0 ? 999 : c.estimatedResolution,
                                    overallFourierCompleteness: c.overallFourierCompleteness, spectrum: shells,
                                    orientationDistribution: c.directionDistribution.isEmpty
                                        ? Array(repeating: 1 / Double(nDir), count: nDir) : c.directionDistribution)
        }
        let counts = (1...max(1, groups.names.count)).map { g in groups.numbers.filter { $0 == g }.count }
        let modelGroups = groups.names.enumerated().map { i, name in
            RefineModelGroup(number: i + 1, name: name, particleCount: counts[i])
        }
        let noise = e.sigma2.enumerated().map { g, s in
            RefineNoiseSpectrum(number: g + 1, indices: Array(0...n / 2),
                                resolutions: (0...n / 2).map { Double($0) / (Double(n) * px) }, sigma2: s)
        }
        return RefineModel(general: general, classes: classes, groups: modelGroups, noiseSpectra: noise)
    }

    /// `_sampling.star`.
    static func sampling(_ e: ClassificationEngine) -> RefineSampling {
        let o = e.options
        let dirs = OrientationSampling(healpixOrder: o.healpixOrder, psiStep: o.psiStep).directions.map { (rot: $0.rot, tilt: $0.tilt) }
        return RefineSampling(healpixOrder: o.healpixOrder, symmetryGroup: o.symmetry.symbol,
                              psiStep: o.psiStep ?? OrientationSampling.angularStep(order: o.healpixOrder),
                              offsetRange: o.offsetRange, offsetStep: o.offsetStep,
                              perturbInstance: e.history.last?.samplingPerturbation ?? 0, directions: dirs)
    }

    /// `_optimiser.star` (names are filled in by ``RefineIterationFiles``).
    static func optimiser(_ e: ClassificationEngine, options o: Class3DOptions, tomogramsFile: String,
                          trajectoriesFile: String?, seed: Int) -> RefineOptimiser {
        var r = RefineOptimiser(commandLine: o.commandLine)
        let last = e.history.last
        r.numberOfIterations = e.options.iterations
        r.randomSeed = seed
        r.particleDiameter = e.options.particleDiameter ?? (Double(e.boxSize) - e.options.maskEdge) * e.pixelSize
        r.doZeroMask = e.options.zeroMask
        r.doSolventFlattening = e.options.flattenSolvent
        r.highresLimitExpectation = e.options.strictHighResExpectation ?? -1
        r.doSkipAlign = e.options.skipAlign
        r.adaptiveOversampleOrder = o.oversampling
        r.doCorrectNorm = false
        r.doCorrectScale = o.scaleCorrection
        r.doCorrectCtf = o.ctf
        r.doIgnoreCtfUntilFirstPeak = o.ctfIntactFirstPeak
        r.tomogramsFile = tomogramsFile
        r.trajectoriesFile = trajectoriesFile ?? ""
        r.overallAccuracyRotations = last?.overallAccuracyRotations ?? 999
        r.overallAccuracyTranslationsAngst = last?.overallAccuracyTranslations ?? 999
        r.changesOptimalOrientations = last?.changesOrientations ?? 999
        r.changesOptimalOffsets = last?.changesOffsets ?? 999
        r.changesOptimalClasses = last?.changesClasses ?? 1
        r.smallestChangesOrientations = e.history.map(\.changesOrientations).min() ?? 999
        r.smallestChangesOffsets = e.history.map(\.changesOffsets).min() ?? 999
        r.smallestChangesClasses = Int((e.history.map(\.changesClasses).min() ?? 1) * Double(e.particles.count))
        r["rlnWidthMaskEdge"] = .int(Int(e.options.maskEdge))
        r["rlnIncrementImageSize"] = .int(e.options.incrementSize)
        r["rlnAdaptiveOversampleFraction"] = .double(e.options.adaptiveFraction)
        r["rlnMaximumSignificantPoses"] = .int(o.maximumSignificantPoses)
        r["rlnFixSigmaNoiseEstimates"] = .bool(e.options.fixSigmaNoise)
        return r
    }

    /// Per-particle results for `_data.star` (the current poses when no iteration ran yet).
    static func particleResults(_ e: ClassificationEngine, groups: [Int]) -> [RefineParticleResult] {
        e.particles.enumerated().map { i, p in
            let r = i < e.results.count ? e.results[i] : nil
            return RefineParticleResult(angles: p.angles, originAngst: e.pixelSize * p.offset,
                                        classNumber: max(1, p.classNumber),
                                        logLikelihoodContribution: r?.logLikelihood ?? 0,
                                        maxValueProbability: r?.maxValueProbability ?? 0,
                                        significantSamples: r?.significantSamples ?? 0, groupNumber: groups[i])
        }
    }
}
