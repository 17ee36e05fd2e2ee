import TomoCore
import TomoKernels

/// What every E-step worker needs for one iteration, broadcast once per iteration by whoever runs
/// the M-step: the class maps (references), their priors, σ², σ_offset, the current resolution
/// (which fixes the E- and M-step image sizes) and the options (sampling, seed).
///
/// ``context()`` derives everything else (Fourier projectors, orientation and translation grids,
/// the iteration's perturbation and seed) deterministically, so a worker that decodes
/// ``encoded()`` computes exactly what the engine computes in process.
public struct IterationState: Sendable {
    /// Iteration number (1-based) this state starts.
    public var iteration: Int
    /// The options of this iteration.
    public var options: RefinementOptions
    /// Particle pixel size (Å).
    public var pixelSize: Double
    /// Box `N`.
    public var boxSize: Int
    /// Whether the particles are 3D pseudo-subtomograms.
    public var threeDimensional: Bool
    /// K > 1 classes started from one reference (particles get one random class in iteration 1).
    public var singleReference: Bool
    /// The references, one `N³` map per class.
    public var maps: [RealVolume]
    /// `rlnClassDistribution` per class.
    public var distributions: [Double]
    /// `pdf_direction` per class (empty when not yet estimated).
    public var directionDistributions: [[Double]]
    /// σ²(s) per optics group, shells `0…N/2`.
    public var sigma2: [[Double]]
    /// σ_offset (Å).
    public var sigmaOffset: Double
    /// `rlnCurrentResolution` (Å) the iteration starts from.
    public var currentResolution: Double

    /// `rlnCurrentImageSize` (§5.7): `min(N, 2·(s* + incr_size))`.
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

    /// Pass-2 (oversampled) E-step image size (§5.7): the current size, capped at
    /// `2·round(N·px/X)` with `--strict_highres_exp X`, never below the pass-1 size.
    var fineExpectationImageSize: Int {
        var size = currentImageSize
        if let x = options.strictHighResExpectation {
            size = min(size, 2 * Int((Double(boxSize) * pixelSize / x).rounded()))
        }
        return max(expectationImageSize, size)
    }

    /// The read-only context of the iteration (priors, grids, perturbation, projectors).
    func context() -> IterationContext {
        let it = iteration
        let k = options.classCount
        let cc = options.firstIterationCC && it == 1
        let sampling = options.skipAlign ? nil : OrientationSampling(healpixOrder: options.healpixOrder, psiStep: options.psiStep)
        let nDir = sampling?.directions.count ?? 0
        let directionLogPrior: [[Double]] = directionDistributions.map { c in
            if c.count == nDir && nDir > 0 {
                return c.map { _log(max($0, 1e-300)) }
            }
            return Array(repeating: _log(1 / Double(max(1, k * nDir))), count: nDir)
        }
        let seed = options.randomSeed &+ UInt64(it) &* 0x5851_F42D_4C95_7F2D
        var rng = SplitMix64(seed: seed ^ 0xA5A5_5A5A)
        let perturbation = options.skipAlign || options.perturb <= 0 ? 0 : rng.uniform(-options.perturb, options.perturb)
        let shift = perturbation * options.offsetStep
        let translations = options.skipAlign ? [Vector3.zero]
            : TranslationGrid.offsets(range: options.offsetRange, step: options.offsetStep).map { $0 + Vector3(shift, shift, shift) }
        let oversampled = sampling != nil && options.oversampling > 0
        return IterationContext(
            options: options, pixelSize: pixelSize, boxSize: boxSize, threeDimensional: threeDimensional,
            references: maps.map {
                FourierProjector($0, padding: options.padding,
                                 maximumSize: max(currentImageSize, expectationImageSize, fineExpectationImageSize))
            },
            sigma2: sigma2,
            classLogPrior: distributions.map { _log(max($0, 1e-300)) },
            directionLogPrior: directionLogPrior, sampling: sampling, translations: translations,
            sigmaOffset: sigmaOffset,
            expectationPixels: FourierPixelSet(boxSize: boxSize, size: expectationImageSize,
                                               threeDimensional: threeDimensional, nonRedundantOnly: true),
            fineExpectationPixels: oversampled
                ? FourierPixelSet(boxSize: boxSize, size: fineExpectationImageSize,
                                  threeDimensional: threeDimensional, nonRedundantOnly: true) : nil,
            fineDirections: oversampled ? Healpix.directions(order: options.healpixOrder + options.oversampling) : [],
            maximisationPixels: FourierPixelSet(boxSize: boxSize, size: currentImageSize,
                                                threeDimensional: threeDimensional, nonRedundantOnly: false),
            crossCorrelation: cc,
            // K > 1 from one reference: one random class per particle in the first iteration (also
            // when it is the CC iteration, so that no class is left without data).
            randomClassPerParticle: singleReference && it == 1,
            perturbation: perturbation, seed: seed, halves: 1)
    }
}

extension IterationState {
    /// Compact bytes (little-endian, IEEE bit patterns: decoding is exact).
    public func encoded() -> [UInt8] {
        var w = RefineByteWriter()
        w.string("IterationState/2")
        w.int(iteration); options.encode(into: &w)
        w.double(pixelSize); w.int(boxSize); w.bool(threeDimensional); w.bool(singleReference)
        w.int(maps.count)
        for m in maps { w.int(m.nx); w.int(m.ny); w.int(m.nz); w.floats(m.data) }
        w.doubles(distributions); w.doubleRows(directionDistributions); w.doubleRows(sigma2)
        w.double(sigmaOffset); w.double(currentResolution)
        return w.bytes
    }

    /// Decodes ``encoded()``.
    /// - Throws: ``RefinementError`` naming the field when the bytes are truncated or inconsistent.
    public init(decoding bytes: [UInt8]) throws(RefinementError) {
        var r = RefineByteReader(bytes, what: "IterationState")
        try r.magic("IterationState/2")
        iteration = try r.int("iteration")
        options = try RefinementOptions(decoding: &r)
        pixelSize = try r.double("pixel size"); boxSize = try r.int("box")
        threeDimensional = try r.bool("3D"); singleReference = try r.bool("single reference")
        let k = try r.count("maps", elementBytes: 32)
        maps = []
        for i in 0..<k {
            let nx = try r.int("map nx"), ny = try r.int("map ny"), nz = try r.int("map nz")
            let data = try r.floats("map \(i + 1)")
            guard nx > 0, ny > 0, nz > 0, data.count == nx * ny * nz else {
                throw RefinementError("IterationState: map \(i + 1) is \(nx)×\(ny)×\(nz) with \(data.count) voxels")
            }
            maps.append(RealVolume(nx: nx, ny: ny, nz: nz, data: data))
        }
        distributions = try r.doubles("class distribution")
        directionDistributions = try r.doubleRows("direction distribution")
        sigma2 = try r.doubleRows("sigma2")
        sigmaOffset = try r.double("sigma offset"); currentResolution = try r.double("current resolution")
        try r.finish()
        guard maps.count == distributions.count, maps.count == directionDistributions.count, !maps.isEmpty, !sigma2.isEmpty else {
            throw RefinementError("IterationState: \(maps.count) maps, \(distributions.count) distributions, \(directionDistributions.count) direction distributions, \(sigma2.count) σ² groups")
        }
    }
}
