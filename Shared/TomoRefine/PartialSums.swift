import TomoKernels

/// The M-step sums of one batch of particles (RELION's `storeWeightedSums` accumulators).
/// Batches are added in index order (`add`), which keeps results independent of parallelism.
struct PartialSums: Sendable {
    /// Back-projectors, index `class·halves + half`.
    var projectors: [BackProjector]
    /// σ² numerators `Σ w |Ŝ − X̃|²` per optics group and shell `0…N/2`.
    var sigma2Numerator: [[Double]]
    /// σ² denominators `Σ w · Npix` per optics group and shell.
    var sigma2Count: [[Double]]
    /// `Σ w` per class (once per image, §5.4).
    var classWeight: [Double]
    /// `Σ w` per class and coarse direction (global searches only).
    var directionWeight: [[Double]]
    /// `Σ w ‖o + t − μ‖² px²` and `Σ w` for σ_offset.
    var offsetNumerator = 0.0, offsetDenominator = 0.0
    /// Per-particle results, by particle index.
    var results: [(index: Int, result: ParticleResult)] = []

    init(classes: Int, halves: Int, size: Int, padding: Int, groups: Int, shells: Int, directions: Int) {
        projectors = (0..<(classes * halves)).map { _ in BackProjector(size: size, padding: padding) }
        sigma2Numerator = Array(repeating: Array(repeating: 0, count: shells), count: groups)
        sigma2Count = sigma2Numerator
        classWeight = Array(repeating: 0, count: classes)
        directionWeight = Array(repeating: Array(repeating: 0, count: directions), count: classes)
    }

    /// Adds `o` (same geometry) to these sums.
    mutating func add(_ o: PartialSums) {
        for i in projectors.indices { projectors[i].add(o.projectors[i]) }
        for g in sigma2Numerator.indices {
            for s in sigma2Numerator[g].indices {
                sigma2Numerator[g][s] += o.sigma2Numerator[g][s]; sigma2Count[g][s] += o.sigma2Count[g][s]
            }
        }
        for k in classWeight.indices {
            classWeight[k] += o.classWeight[k]
            for d in directionWeight[k].indices { directionWeight[k][d] += o.directionWeight[k][d] }
        }
        offsetNumerator += o.offsetNumerator; offsetDenominator += o.offsetDenominator
        results += o.results
    }
}
