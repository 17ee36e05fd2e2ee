import TomoCore
import TomoFFT
import TomoKernels

/// RELION's expectation–maximisation for 3D classification with and without alignment
/// (`relion_refine` Class3D on tomographic particles, spec §5), as a pure library.
///
/// Each `iterate` runs one E-step over all particles (classes × orientations × translations with
/// the Gaussian noise model, priors and significant-sample pruning) and one M-step (τ²-regularised
/// reconstruction per class, σ², class and direction distributions, σ_offset, resolution and
/// image sizes, change statistics). Particles' poses and classes are updated to the best state.
///
/// Determinism: results depend only on the inputs, the options (incl. `randomSeed` and
/// `batchSize`), never on `workers`: particles are processed in fixed batches whose sums are
/// added in batch order.
public struct ClassificationEngine: Sendable {
    /// The options; may be changed between iterations (e.g. finer sampling, as auto-refine does).
    public var options: RefinementOptions
    /// Particle pixel size (Å).
    public let pixelSize: Double
    /// Box `N`.
    public let boxSize: Int
    /// The particles with their current poses and classes.
    public internal(set) var particles: [ParticleObservation]
    /// Results of the last iteration, one per particle (empty before the first).
    public internal(set) var results: [ParticleResult] = []
    /// The classes after the last M-step (the starting references before the first).
    public internal(set) var classes: [ClassModel]
    /// σ²(s) per optics group, shells `0…N/2` (`rlnSigma2Noise`).
    public internal(set) var sigma2: [[Double]]
    /// `rlnSigmaOffsetsAngst`.
    public internal(set) var sigmaOffset: Double
    /// `rlnCurrentResolution` (Å).
    public internal(set) var currentResolution: Double
    /// Statistics of every iteration run so far.
    public internal(set) var history: [IterationStatistics] = []
    /// Iterations run so far.
    public var iteration: Int { history.count }

    let prepared: [[PreparedImage]]
    let threeDimensional: Bool
    let singleReference: Bool

    /// Sets up the engine (§5.5): references are low-passed to `initialHighResolution` (raised
    /// cosine, 2 shells), particle images masked (§5.6), σ² estimated from the first
    /// `particlesForInitialNoise` particles per optics group (mean power minus power of the mean).
    /// - Parameter references: one map (replicated to K classes, particles then start in random
    ///   classes) or K maps, `N³` at `pixelSize`.
    public init(particles: [ParticleObservation], references: [RealVolume], pixelSize: Double,
                options: RefinementOptions) throws(RefinementError) {
        guard let first = particles.first else { throw RefinementError("ClassificationEngine: no particles") }
        let n = first.boxSize
        guard n >= 8, n % 2 == 0 else { throw RefinementError("ClassificationEngine: box \(n) must be even and ≥ 8") }
        if let bad = particles.firstIndex(where: { $0.boxSize != n || $0.imageCount == 0 }) {
            throw RefinementError("ClassificationEngine: particle \(bad) has box \(particles[bad].boxSize) or no images; expected box \(n)")
        }
        guard !references.isEmpty, references.count == 1 || references.count == options.classCount else {
            throw RefinementError("ClassificationEngine: \(references.count) references for K = \(options.classCount)")
        }
        if let bad = references.firstIndex(where: { !$0.isCubic || $0.nx != n }) {
            throw RefinementError("ClassificationEngine: reference \(bad) is \(references[bad].nx)×\(references[bad].ny)×\(references[bad].nz), particles are \(n)")
        }
        self.options = options; self.pixelSize = pixelSize; boxSize = n
        self.particles = particles
        if case .subtomogram = first.data { threeDimensional = true } else { threeDimensional = false }
        singleReference = references.count == 1 && options.classCount > 1
        let k = options.classCount
        var maps = references.count == 1 ? Array(repeating: references[0], count: k) : references
        if let res = options.initialHighResolution {
            for i in maps.indices { maps[i] = ReferencePreparation.lowPass(maps[i], resolution: res, pixelSize: pixelSize) }
            currentResolution = res
        } else {
            currentResolution = 2 * pixelSize
        }
        classes = maps.map {
            ClassModel(map: $0, distribution: 1 / Double(k), estimatedResolution: 0, ssnr: [],
                       tau2: MapReconstruction.tau2(of: $0), directionDistribution: [])
        }
        let radius = particleRadius(options, boxSize: n, pixelSize: pixelSize)
        prepared = particles.map {
            ParticlePreparation.prepare($0, radius: radius, edge: options.maskEdge, mask: options.zeroMask)
        }
        sigma2 = NoiseEstimation.initialSigma2(prepared, groups: particles.map(\.opticsGroup), boxSize: n,
                                               threeDimensional: threeDimensional,
                                               particlesPerGroup: options.particlesForInitialNoise)
        sigmaOffset = options.initialSigmaOffset
    }

    /// Runs one iteration with `workers` concurrent batches (results do not depend on it);
    /// `progress` is called after every batch.
    public mutating func iterate(workers: Int = 1, progress: (@Sendable (RefinementProgress) -> Void)? = nil) async {
        let it = iteration + 1
        let context = PreparedIteration(nextIterationState())
        let batches = batchCount
        let count = particles.count
        let engine = self
        var reduction = BatchReduction(batchCount: batches)
        var done = 0
        let workerCount = max(1, workers)
        await withTaskGroup(of: BatchSums.self) { group in
            var nextToStart = 0
            func start(_ b: Int) {
                group.addTask { BatchExpectation.run(images: engine.batchImages(b), poses: engine.batchPoses(b), context: context) }
            }
            while nextToStart < min(workerCount, batches) { start(nextToStart); nextToStart += 1 }
            for await sums in group {
                reduction.add(sums)
                done += engine.batchRange(sums.batch).count
                progress?(RefinementProgress(iteration: it, particlesDone: done, particleCount: count))
                if nextToStart < batches { start(nextToStart); nextToStart += 1 }
            }
        }
        maximise(reduction.result!.sums, ctx: context.context)
    }
}

/// Particle mask radius (pixels): `particle_diameter/2`, default `(N − maskedge)/2`.
func particleRadius(_ o: RefinementOptions, boxSize n: Int, pixelSize: Double) -> Double {
    if let d = o.particleDiameter { return d / (2 * pixelSize) }
    return (Double(n) - o.maskEdge) / 2
}
