import TomoCore
import TomoKernels

/// The partial M-step sums of one batch of particles (the result of
/// ``BatchExpectation/run(images:poses:context:)``): per class data and weight back-projectors,
/// σ² numerators and counts per optics group and shell, class and direction weights, σ_offset
/// sums and the per-particle results. Sums of different batches are added in batch-index order by
/// ``BatchReduction``; ``encoded()`` is exact, so sums computed in another process reduce to the
/// same bits.
public struct BatchSums: Sendable {
    /// Batch index these sums belong to.
    public let batch: Int
    var sums: PartialSums

    init(batch: Int, sums: PartialSums) { self.batch = batch; self.sums = sums }

    /// Per-particle results of the batch, by particle index.
    public var results: [(index: Int, result: ParticleResult)] { sums.results }

    /// Compact bytes (exact): projectors as `Float` data and weights, the rest as `Double`.
    public func encoded() -> [UInt8] {
        var w = RefineByteWriter()
        w.string("BatchSums/1")
        w.int(batch)
        w.int(sums.projectors.count)
        for p in sums.projectors { w.int(p.size); w.int(p.padding); w.complex(p.data); w.floats(p.weight) }
        w.doubleRows(sums.sigma2Numerator); w.doubleRows(sums.sigma2Count)
        w.doubles(sums.classWeight); w.doubleRows(sums.directionWeight)
        w.double(sums.offsetNumerator); w.double(sums.offsetDenominator)
        w.int(sums.results.count)
        for (i, r) in sums.results {
            w.int(i); w.int(r.classNumber); w.angles(r.angles); w.vector(r.offset)
            w.double(r.maxValueProbability); w.int(r.significantSamples); w.double(r.logLikelihood)
        }
        return w.bytes
    }

    /// Decodes ``encoded()``.
    public init(decoding bytes: [UInt8]) throws(RefinementError) {
        var r = RefineByteReader(bytes, what: "BatchSums")
        try r.magic("BatchSums/1")
        batch = try r.int("batch")
        let np = try r.count("projectors", elementBytes: 32)
        var projectors: [BackProjector] = []
        for i in 0..<np {
            let size = try r.int("projector size"), padding = try r.int("projector padding")
            let data = try r.complex("projector \(i) data"), weight = try r.floats("projector \(i) weight")
            guard size >= 2, padding >= 1, size * padding <= 4096 else {
                throw RefinementError("BatchSums: projector \(i) has size \(size), padding \(padding)")
            }
            let expected = BackProjector(size: size, padding: padding).data.count
            guard data.count == expected, weight.count == expected else {
                throw RefinementError("BatchSums: projector \(i) has \(data.count)/\(weight.count) values, expected \(expected)")
            }
            projectors.append(BackProjector(size: size, padding: padding, data: data, weight: weight))
        }
        var s = PartialSums(classes: 0, halves: 1, size: 2, padding: 1, groups: 0, shells: 0, directions: 0)
        s.projectors = projectors
        s.sigma2Numerator = try r.doubleRows("sigma2 numerator"); s.sigma2Count = try r.doubleRows("sigma2 count")
        s.classWeight = try r.doubles("class weight"); s.directionWeight = try r.doubleRows("direction weight")
        s.offsetNumerator = try r.double("offset numerator"); s.offsetDenominator = try r.double("offset denominator")
        let n = try r.count("results", elementBytes: 88)
        for _ in 0..<n {
            let i = try r.int("particle index"), cls = try r.int("class"), angles = try r.angles("angles")
            let offset = try r.vector("offset"), pmax = try r.double("pmax"), sig = try r.int("significant samples")
            let ll = try r.double("log likelihood")
            s.results.append((i, ParticleResult(classNumber: cls, angles: angles, offset: offset, maxValueProbability: pmax,
                                                 significantSamples: sig, logLikelihood: ll)))
        }
        try r.finish()
        sums = s
    }
}

/// Adds batch sums in batch-index order, each batch exactly once, whatever order they arrive in:
/// a batch is held until all lower batches were added. Duplicates (a batch recomputed after its
/// worker was presumed lost) are ignored.
public struct BatchReduction: Sendable {
    /// Number of batches of the iteration.
    public let batchCount: Int
    /// Batches added to the total so far (`0..<added`).
    public private(set) var added = 0
    var pending: [Int: BatchSums] = [:]
    var total: PartialSums?

    /// A reduction over batches `0..<batchCount`.
    public init(batchCount: Int) { self.batchCount = batchCount }

    /// Offers one batch's sums; returns false (and ignores them) when that batch was already
    /// offered or is out of range.
    @discardableResult
    public mutating func add(_ s: BatchSums) -> Bool {
        guard s.batch >= 0, s.batch < batchCount, s.batch >= added, pending[s.batch] == nil else { return false }
        pending[s.batch] = s
        while let next = pending.removeValue(forKey: added) {
            if total == nil { total = next.sums } else { total!.add(next.sums) }
            added += 1
        }
        return true
    }

    /// Whether every batch was added.
    public var isComplete: Bool { added == batchCount }

    /// The reduced sums of all batches (nil until ``isComplete``).
    public var result: BatchSums? { isComplete ? total.map { BatchSums(batch: -1, sums: $0) } : nil }
}
