import Foundation
import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoKernels
import TomoMRC
import TomoRelion
import TomoSTAR

/// Options of `relion_tomo_reconstruct_particle` (spec §4.1), program defaults.
public struct ReconstructOptions: Hashable, Sendable {
    /// Where the particle images come from.
    public enum Source: Hashable, Sendable {
        /// RELION's own path: cut and pre-process every frame from the tilt series (§4.2 step 1).
        case tiltSeries
        /// The extracted 2D stacks or 3D pseudo-subtomograms named by `rlnImageName`.
        case extracted
    }
    /// How particles are split into halves.
    public enum Halves: Hashable, Sendable {
        /// `rlnRandomSubset`; all in half 1 when the column is absent (RELION).
        case randomSubset
        /// Random, seeded, when `rlnRandomSubset` is absent (as `relion_refine --split_random_halves`).
        case randomSubsetOrRandom(seed: UInt64)
    }
    /// `--b` (binned pixels; with `.extracted` the images' own size is used).
    public var boxSize: Int
    /// `--crop` (nil: none).
    public var cropSize: Int?
    /// `--bin`.
    public var binning: Double = 1
    /// `--sym`.
    public var symmetry = "C1"
    /// `--SNR` (≤ 0: heuristic).
    public var snr: Double = -1
    /// `--taper` (px).
    public var taper = 10
    /// `--cutoff_fract`.
    public var doseCutoff = 0.01
    /// `--no_ctf` sets this false.
    public var premultiplyCTF = true
    /// Image source.
    public var source = Source.tiltSeries
    /// Half-set rule.
    public var halves = Halves.randomSubset
    /// Options with `--b boxSize` and the defaults.
    public init(boxSize: Int) { self.boxSize = boxSize }
}

/// "Reconstruct particle" (`relion_tomo_reconstruct_particle`, spec §4): back-projects particles
/// into two half-set sums and writes `merged.mrc`, `half1.mrc`, `half2.mrc` and `fsc.star`
/// (half-map FSC with the 0.143 resolution; not a RELION output, see ``FSCTable``).
///
/// ``backProject(indices:)`` returns a partial ``ReconstructionAccumulator`` for a batch;
/// partials are added with ``ReconstructionAccumulator/add(_:)`` and handed to ``finish(_:)``.
/// The maps do not depend on the batch split beyond `Float` rounding.
public struct ReconstructJob: Sendable {
    /// Particles.
    public let particles: ParticleSet
    /// Tomograms.
    public let tomograms: TomogramSet
    /// Project directory.
    public let projectDirectory: String
    /// Output directory relative to the project.
    public let outputDirectory: String
    /// Options.
    public let options: ReconstructOptions
    /// The parsed `--sym`.
    public let symmetry: SymmetryGroup
    /// Half set of each particle (1 or 2).
    public let halves: [Int]
    let source: TiltImageSource

    /// A job over particles and tomograms already read.
    public init(particles: ParticleSet, tomograms: TomogramSet, projectDirectory: String, outputDirectory: String,
                options: ReconstructOptions) throws {
        self.particles = particles; self.tomograms = tomograms
        self.projectDirectory = projectDirectory; self.outputDirectory = outputDirectory; self.options = options
        symmetry = try SymmetryGroup(options.symmetry)
        let subsets = particles.particles.map(\.randomSubset)
        guard let h = HalfSets.fromRandomSubsets(subsets) else {
            throw TomoJobError("rlnRandomSubset must be 1 or 2 for every particle, or absent for all")
        }
        if case .randomSubsetOrRandom(let seed) = options.halves, subsets.allSatisfy({ $0 == 0 }) {
            halves = HalfSets.random(count: subsets.count, seed: seed)
        } else {
            halves = h
        }
        source = TiltImageSource(projectDirectory: projectDirectory)
    }

    /// A job from an optimisation set, paths relative to `projectDirectory`.
    public init(optimisationSet path: String, projectDirectory: String, outputDirectory: String,
                options: ReconstructOptions) throws {
        let full = { (p: String) in p.hasPrefix("/") ? p : projectDirectory + "/" + p }
        let set = try OptimisationSet.read(path: full(path))
        guard let pf = set.particlesFile, let tf = set.tomogramsFile else {
            throw TomoJobError("optimisation set \(path) lacks rlnTomoParticlesFile or rlnTomoTomogramsFile")
        }
        let t = try TomogramSet.read(path: full(tf), projectDirectory: projectDirectory)
        try self.init(particles: try ParticleSet.read(path: full(pf), tomograms: t), tomograms: t,
                      projectDirectory: projectDirectory, outputDirectory: outputDirectory, options: options)
    }

    /// Box of the back-projection: `--b`, or the extracted images' `rlnImageSize`.
    public var reconstructionBox: Int {
        if options.source == .extracted, let s = particles.opticsGroups.first?.imageSize { return s }
        return options.boxSize
    }

    /// Pixel size of the maps: `bin·px_ts` (or the extracted `rlnImagePixelSize`).
    public var pixelSize: Double {
        if options.source == .extracted, let px = particles.opticsGroups.first?.imagePixelSize { return px }
        return options.binning * (tomograms.tomograms.first?.tiltSeriesPixelSize ?? 1)
    }

    func series(_ name: String, cache: inout [String: ExtractionTiltSeries]) throws -> (Tomogram, ExtractionTiltSeries) {
        guard let t = tomograms[name] else { throw TomoJobError("tomogram \(name) is not in the tomogram set") }
        if let s = cache[name] { return (t, s) }
        let s = try ExtractionTiltSeries(tomogram: t, source: source)
        cache[name] = s
        return (t, s)
    }

    /// Back-projects the particles at `indices` into a fresh partial accumulator.
    public func backProject(indices: [Int]) throws -> ReconstructionAccumulator {
        var acc = ReconstructionAccumulator(size: reconstructionBox, symmetry: symmetry)
        var cache: [String: ExtractionTiltSeries] = [:]
        for i in indices {
            let p = particles.particles[i], half = halves[i]
            let (tomo, s) = try series(p.tomoName, cache: &cache)
            switch options.source {
            case .tiltSeries:
                let settings = ExtractionSettings.reconstruction(boxSize: options.boxSize, binning: options.binning,
                                                                 premultiplyCTF: options.premultiplyCTF, doseCutoff: options.doseCutoff)
                let frames = tomo.tiltSeries.frames
                let e = try SubtomogramExtraction.extract(p.pose, series: s, settings: settings) { f, w in
                    try source.read(frames[f].micrographName ?? "", window: w)
                }
                let rotations = e.frames.map { SubtomogramExtraction.imageRotation(p.pose, series: s, frame: $0.frame) }
                acc.insert(e, rotations: rotations, doseCutoff: options.doseCutoff, half: half)
            case .extracted:
                guard let image = p.imageName else { throw TomoJobError("particle \(p.particleName) has no rlnImageName") }
                if particles.subTomogramsAre2DStacks {
                    try insertStack(p, image: image, series: s, half: half, into: &acc)
                } else {
                    try insertSubtomogram(p, index: i, image: image, half: half, into: &acc)
                }
            }
        }
        return acc
    }

    func readVolume(_ name: String) throws -> RealVolume {
        let f = try MRCFile.open(path: name.hasPrefix("/") ? name : projectDirectory + "/" + name)
        let (nx, ny, nz) = f.shape
        return RealVolume(nx: nx, ny: ny, nz: nz, data: try f.readAll())
    }

    func insertStack(_ p: TomoParticle, image: String, series s: ExtractionTiltSeries, half: Int,
                     into acc: inout ReconstructionAccumulator) throws {
        guard let flags = p.visibleFrames else { throw TomoJobError("particle \(p.particleName) has no rlnTomoVisibleFrames") }
        let stack = try readVolume(image)
        let c = stack.nx, px = pixelSize
        let visible = flags.indices.filter { flags[$0] != 0 }
        guard visible.count == stack.nz else {
            throw TomoJobError("\(image) has \(stack.nz) images but rlnTomoVisibleFrames flags \(visible.count)")
        }
        for (j, f) in visible.enumerated() {
            let img = RealImage(nx: c, ny: c, data: Array(stack.data[(j * c * c)..<((j + 1) * c * c)]))
            var w = [Float](repeating: 1, count: (c / 2 + 1) * c)
            if options.premultiplyCTF {
                let ctf = s.ctf(p.pose, frame: f).image(size: c, pixelSize: px)
                let dose = DoseWeight.image(size: c, pixelSize: px, dose: s.frames[f].preExposure,
                                            bFactorPerElectronDose: s.bFactorPerElectronDose)
                for k in 0..<w.count { let cw = ctf[k] * dose[k]; w[k] = cw * cw }
            }
            acc.insert(slice: FFT.forward(img), rotation: SubtomogramExtraction.imageRotation(p.pose, series: s, frame: f),
                       weights: w, half: half)
        }
        acc.countParticle(half: half)
    }

    func insertSubtomogram(_ p: TomoParticle, index i: Int, image: String, half: Int,
                           into acc: inout ReconstructionAccumulator) throws {
        let row = particles.otherColumns.rowCount == particles.particles.count ? particles.otherColumns.string("rlnCtfImage", row: i) : nil
        guard let weights = row else { throw TomoJobError("particle \(p.particleName) has no rlnCtfImage") }
        let sub = PseudoSubtomogram(realSpaceData: try readVolume(image), weightVolume: try readVolume(weights))
        let t = sub.thresholded()
        acc.insert(volume: t.data, rotation: p.pose.particleMatrix, weights: t.weights, half: half)
        acc.countParticle(half: half)
    }

    /// Reconstructs, tapers, crops and writes `merged.mrc`, `half1.mrc`, `half2.mrc` (halves only
    /// when both are non-empty) and `fsc.star`; returns the (uncropped, untapered) result.
    @discardableResult
    public func finish(_ acc: ReconstructionAccumulator) throws -> ReconstructionResult {
        let dir = projectDirectory + "/" + outputDirectory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let result = acc.result(correction: CTFCorrection(snr: options.snr), pixelSize: pixelSize)
        func write(_ v: RealVolume, _ name: String) throws {
            var m = v
            MapTaper.apply(&m, width: options.taper)
            if let c = options.cropSize, c < m.nx { m = MapTaper.crop(m, to: c) }
            try MRCWriter.write(m.data, nx: m.nx, ny: m.ny, nz: m.nz, voxelSize: pixelSize, to: dir + "/" + name)
        }
        try write(result.merged, "merged.mrc")
        if acc.particleCounts.allSatisfy({ $0 > 0 }) {
            try write(result.half1, "half1.mrc")
            try write(result.half2, "half2.mrc")
            try FSCTable.document(result).write(to: dir + "/fsc.star")
        }
        return result
    }

    /// Back-projects every particle and writes the outputs.
    @discardableResult
    public func run() throws -> ReconstructionResult {
        try finish(try backProject(indices: Array(particles.particles.indices)))
    }
}
