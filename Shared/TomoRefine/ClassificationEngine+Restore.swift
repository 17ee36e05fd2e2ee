import TomoCore

extension ClassificationEngine {
    /// Restores an engine from the state written after an iteration (`relion_refine --continue`,
    /// spec §6.4): class maps, distributions and direction distributions, σ², σ_offset, the current
    /// resolution and the particles' poses and classes; `completedIterations` sets ``iteration``
    /// (its statistics are kept as ``history``). τ² is recomputed from each map, as the M-step does.
    ///
    /// Unlike ``init(particles:references:pixelSize:options:)`` no low-pass is applied to the maps
    /// and σ² is taken as given (not re-estimated).
    /// - Parameter classes: K classes, maps `N³` at `pixelSize`.
    public init(restoring particles: [ParticleObservation], classes: [ClassModel], sigma2: [[Double]],
                sigmaOffset: Double, currentResolution: Double, completedIterations: [IterationStatistics],
                pixelSize: Double, options: RefinementOptions) throws(RefinementError) {
        guard let first = particles.first else { throw RefinementError("ClassificationEngine: no particles to restore") }
        let n = first.boxSize
        guard classes.count == options.classCount else {
            throw RefinementError("ClassificationEngine: \(classes.count) restored classes for K = \(options.classCount)")
        }
        if let bad = classes.firstIndex(where: { !$0.map.isCubic || $0.map.nx != n }) {
            throw RefinementError("ClassificationEngine: restored class \(bad + 1) is \(classes[bad].map.nx)³, particles are \(n)")
        }
        if let bad = particles.firstIndex(where: { $0.boxSize != n || $0.imageCount == 0 }) {
            throw RefinementError("ClassificationEngine: particle \(bad) has box \(particles[bad].boxSize) or no images; expected box \(n)")
        }
        let groups = (particles.map(\.opticsGroup).max() ?? 0) + 1
        guard sigma2.count >= groups, sigma2.allSatisfy({ $0.count == n / 2 + 1 }) else {
            throw RefinementError("ClassificationEngine: restored σ² has \(sigma2.count) groups of \(sigma2.first?.count ?? 0) shells; need \(groups) of \(n / 2 + 1)")
        }
        self.options = options; self.pixelSize = pixelSize; boxSize = n
        self.particles = particles
        if case .subtomogram = first.data { threeDimensional = true } else { threeDimensional = false }
        singleReference = false
        self.classes = classes.map { c in
            var c = c
            c.tau2 = MapReconstruction.tau2(of: c.map)
            return c
        }
        self.sigma2 = sigma2
        self.sigmaOffset = sigmaOffset
        self.currentResolution = currentResolution
        history = completedIterations
        let radius = particleRadius(options, boxSize: n, pixelSize: pixelSize)
        prepared = particles.map {
            ParticlePreparation.prepare($0, radius: radius, edge: options.maskEdge, mask: options.zeroMask)
        }
    }
}

extension ClassModel {
    /// A class as restored from files (accuracies nil until the next iteration).
    public init(map: RealVolume, distribution: Double, estimatedResolution: Double, ssnr: [Double], tau2: [Double],
                directionDistribution: [Double]) {
        self.map = map; self.distribution = distribution; self.estimatedResolution = estimatedResolution
        self.ssnr = ssnr; self.tau2 = tau2; self.directionDistribution = directionDistribution
    }
}

extension IterationStatistics {
    /// Statistics as restored from files.
    public init(restoring iteration: Int, currentResolution: Double, currentImageSize: Int, expectationImageSize: Int,
                changesOrientations: Double, changesOffsets: Double, changesClasses: Double, averagePmax: Double,
                logLikelihood: Double, sigmaOffset: Double, samplingPerturbation: Double,
                overallAccuracyRotations: Double, overallAccuracyTranslations: Double) {
        self.iteration = iteration; self.currentResolution = currentResolution; self.currentImageSize = currentImageSize
        self.expectationImageSize = expectationImageSize; self.changesOrientations = changesOrientations
        self.changesOffsets = changesOffsets; self.changesClasses = changesClasses; self.averagePmax = averagePmax
        self.logLikelihood = logLikelihood; self.sigmaOffset = sigmaOffset; self.samplingPerturbation = samplingPerturbation
        self.overallAccuracyRotations = overallAccuracyRotations; self.overallAccuracyTranslations = overallAccuracyTranslations
    }
}
