import TomoCore
import TomoFFT
import TomoKernels

/// CTF correction of the reconstruction step (spec §4.2 step 5, `--SNR`).
public enum CTFCorrection: Hashable, Sendable {
    /// `--SNR s > 0`: Wiener-like `F = D / (W + 1/s)`.
    case wiener(snr: Double)
    /// RELION's default (`--SNR` ≤ 0): `F = D / max(W, 0.001·⟨W⟩_shell)`.
    case heuristic

    /// From the `--SNR` option: `s > 0` gives ``wiener(snr:)``, anything else ``heuristic``.
    public init(snr: Double?) {
        if let s = snr, s > 0 { self = .wiener(snr: s) } else { self = .heuristic }
    }

    /// The ``ReconstructionRegularisation`` of ``BackProjector/reconstruct(_:options:)``.
    public var regularisation: ReconstructionRegularisation {
        switch self {
        case .wiener(let s): return .wiener(snr: s)
        case .heuristic: return .shellFraction(0.001)
        }
    }
}

/// Sums of back-projected particles for the two half sets (RELION's per-half `BackProjector`s,
/// spec §4.2, §5.4), reducible across workers.
///
/// * Insert 2D-stack slices with the image rotation `R_f·A_s·A_p` and weights `(CTF·W)²`, or 3D
///   pseudo-subtomograms with the rotation `A_p` (their volumes are in the sub-tomogram frame)
///   and their CTF² volume.
/// * Symmetry (`--sym`): every insertion is repeated with each equivalent orientation
///   `A·Rᵀ` of the group, so the sums are symmetric.
/// * ``add(_:)`` adds a partial accumulator (a batch back-projected elsewhere); the reduction must
///   add each batch exactly once. Sums are in `Float`, so the split changes results only by
///   rounding.
/// * Halves are numbered 1 and 2 (`rlnRandomSubset`).
public struct ReconstructionAccumulator: Sendable {
    /// Box `n` of the maps.
    public let size: Int
    /// The point group applied on insertion.
    public let symmetry: SymmetryGroup
    /// Half-set sums: index 0 is half 1.
    public internal(set) var halves: [BackProjector]
    /// Number of particles inserted per half (index 0 is half 1).
    public internal(set) var particleCounts: [Int]

    /// Empty sums for `size³` maps.
    public init(size: Int, padding: Int = 2, symmetry: SymmetryGroup = .cyclic(1)) {
        self.size = size
        self.symmetry = symmetry
        halves = [BackProjector(size: size, padding: padding), BackProjector(size: size, padding: padding)]
        particleCounts = [0, 0]
    }

    static func index(_ half: Int) -> Int {
        precondition(half == 1 || half == 2, "half set must be 1 or 2, got \(half)")
        return half - 1
    }

    /// Inserts one 2D slice (transform of a square image centred at `m/2`) observed through
    /// `rotation` (reference → image) into half `half`, with `weights` (half layout, e.g. CTF²).
    public mutating func insert(slice: FourierImage, rotation: Matrix3, weights: [Float]?, half: Int) {
        let h = Self.index(half)
        for a in symmetry.equivalentOrientations(rotation) { halves[h].insert(slice: slice, rotation: a, weights: weights) }
    }

    /// Inserts one 3D transform observed through `rotation` into half `half`.
    public mutating func insert(volume: FourierVolume, rotation: Matrix3, weights: [Float]?, half: Int) {
        let h = Self.index(half)
        for a in symmetry.equivalentOrientations(rotation) { halves[h].insert(volume: volume, rotation: a, weights: weights) }
    }

    /// Inserts every visible frame of an extracted particle (2D-stack mode or directly from the
    /// tilt series): frame `f` with rotation `rotations[j]` for the j-th extracted frame, data and
    /// CTF² weights after the dose cut-off.
    public mutating func insert(_ particle: ExtractedParticle, rotations: [Matrix3], doseCutoff: Double, half: Int) {
        precondition(rotations.count == particle.frames.count, "\(rotations.count) rotations for \(particle.frames.count) frames")
        for (f, a) in zip(particle.frames, rotations) {
            let g = f.applyingDoseCutoff(doseCutoff)
            insert(slice: g.data, rotation: a, weights: g.weight, half: half)
        }
        countParticle(half: half)
    }

    /// Counts one particle in half `half` (the insert methods for single slices/volumes do not).
    public mutating func countParticle(half: Int) { particleCounts[Self.index(half)] += 1 }

    /// Adds a partial accumulator of the same geometry and symmetry.
    /// - Precondition: same size, padding and symmetry symbol.
    public mutating func add(_ other: ReconstructionAccumulator) {
        precondition(other.size == size && other.symmetry.symbol == symmetry.symbol,
                     "ReconstructionAccumulator.add: size \(other.size)/\(size) or symmetry \(other.symmetry.symbol)/\(symmetry.symbol) differ")
        for h in 0..<2 { halves[h].add(other.halves[h]); particleCounts[h] += other.particleCounts[h] }
    }

    /// Half 1 + half 2.
    public var mergedSums: BackProjector {
        var m = halves[0]
        m.add(halves[1])
        return m
    }

    /// The reconstruction of half `half` (gridding-corrected, CTF-corrected, box `size`).
    public func reconstruct(half: Int, correction: CTFCorrection = .heuristic) -> RealVolume {
        halves[Self.index(half)].reconstruct(correction.regularisation)
    }

    /// The reconstruction from both halves.
    public func reconstructMerged(correction: CTFCorrection = .heuristic) -> RealVolume {
        mergedSums.reconstruct(correction.regularisation)
    }

    /// Half maps, merged map and the gold-standard FSC between the halves.
    /// - Parameters:
    ///   - pixelSize: Å per pixel of the maps (for the resolution).
    ///   - maskRadius: if given, both halves are multiplied by a soft sphere of this radius (px,
    ///     5 px edge) before the FSC.
    public func result(correction: CTFCorrection = .heuristic, pixelSize: Double,
                       maskRadius: Double? = nil) -> ReconstructionResult {
        let h1 = reconstruct(half: 1, correction: correction), h2 = reconstruct(half: 2, correction: correction)
        let merged = reconstructMerged(correction: correction)
        var a = h1, b = h2
        if let r = maskRadius {
            SphericalMask.apply(&a, radius: r, edgeWidth: 5)
            SphericalMask.apply(&b, radius: r, edgeWidth: 5)
        }
        let fsc = FSC.curve(FFT.forward(a), FFT.forward(b))
        return ReconstructionResult(half1: h1, half2: h2, merged: merged, fsc: fsc, pixelSize: pixelSize)
    }
}

/// Maps and FSC of a two-half reconstruction.
public struct ReconstructionResult: Sendable {
    /// Half-set maps.
    public var half1: RealVolume, half2: RealVolume
    /// Map from both halves.
    public var merged: RealVolume
    /// FSC between the halves, shells `0…n/2`.
    public var fsc: [Double]
    /// Å per pixel.
    public var pixelSize: Double

    /// A result from its parts.
    public init(half1: RealVolume, half2: RealVolume, merged: RealVolume, fsc: [Double], pixelSize: Double) {
        self.half1 = half1; self.half2 = half2; self.merged = merged; self.fsc = fsc; self.pixelSize = pixelSize
    }

    /// Resolution (Å) where the FSC first falls below 0.143 (Nyquist if it never does).
    public var resolution: Double { FSC.resolution(fsc, threshold: 0.143, boxSize: merged.nx, pixelSize: pixelSize) }
    /// Fractional shell of the 0.143 crossing (nil if it never falls below).
    public var resolutionShell: Double? { FSC.crossingShell(fsc, threshold: 0.143) }
}
