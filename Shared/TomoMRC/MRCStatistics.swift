/// Density statistics for the header: minimum, maximum, mean and `rms`, which MRC2014 (and
/// RELION, and `mrcfile.validate`) define as the standard deviation from the mean (population,
/// divided by N), not the root of the mean square. Accumulated in `Double`.
public struct MRCStatistics: Sendable, Equatable {
    /// Smallest value.
    public var min: Float
    /// Largest value.
    public var max: Float
    /// Mean value.
    public var mean: Float
    /// Standard deviation from the mean (population).
    public var rms: Float

    /// Creates statistics from given values.
    public init(min: Float, max: Float, mean: Float, rms: Float) {
        self.min = min; self.max = max; self.mean = mean; self.rms = rms
    }

    /// Statistics of `data` (all zeros for empty data). Two passes, so the deviation does not
    /// suffer from cancellation.
    public init<C: Collection>(_ data: C) where C.Element == Float {
        var acc = Accumulator()
        acc.add(data)
        self = acc.statistics
    }

    /// Merges statistics chunk by chunk (Chan et al.'s parallel variance), for streamed writing.
    public struct Accumulator: Sendable {
        /// Number of values seen.
        public private(set) var count = 0
        private var minimum = Float.infinity, maximum = -Float.infinity
        private var mean = 0.0, m2 = 0.0

        /// An empty accumulator.
        public init() {}

        /// Adds a chunk of values (two passes over the chunk, then a merge).
        public mutating func add<C: Collection>(_ chunk: C) where C.Element == Float {
            guard !chunk.isEmpty else { return }
            var sum = 0.0
            for v in chunk {
                sum += Double(v)
                minimum = Swift.min(minimum, v); maximum = Swift.max(maximum, v)
            }
            let n = chunk.count
            let chunkMean = sum / Double(n)
            var chunkM2 = 0.0
            for v in chunk { let d = Double(v) - chunkMean; chunkM2 += d * d }
            let total = count + n
            let delta = chunkMean - mean
            mean += delta * Double(n) / Double(total)
            m2 += chunkM2 + delta * delta * Double(count) * Double(n) / Double(total)
            count = total
        }

        /// The statistics so far.
        public var statistics: MRCStatistics {
            guard count > 0 else { return MRCStatistics(min: 0, max: 0, mean: 0, rms: 0) }
            return MRCStatistics(min: minimum, max: maximum, mean: Float(mean), rms: Float((m2 / Double(count)).squareRoot()))
        }
    }
}
