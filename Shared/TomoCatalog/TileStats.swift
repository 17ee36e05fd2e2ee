import TomoWire

/// Statistics of one decoded tile, and their reduction over many tiles: voxel count, sum and
/// sum of squares (accumulated in `Double` in element order, x fastest), minimum, maximum, and
/// the CRC-32 of the little-endian float32 bytes of the values.
///
/// Reduction (`reduce`) adds counts, sums and sums of squares in the order given (the catalog
/// uses task-key order), takes min/max, and chains the CRC-32 over the tiles' CRCs (each as 4
/// little-endian bytes), so a distributed run equals a single-process one bit for bit.
public struct TileStats: Sendable, Hashable {
    /// Voxels.
    public var count: UInt64
    /// Σ v.
    public var sum: Double
    /// Σ v².
    public var sumOfSquares: Double
    /// Smallest value (+∞ for no voxels).
    public var minimum: Float
    /// Largest value (−∞ for no voxels).
    public var maximum: Float
    /// CRC-32 of the values' float32 bytes (one tile), or of the tiles' CRCs (a reduction).
    public var crc32: UInt32

    /// Fields as given.
    public init(count: UInt64, sum: Double, sumOfSquares: Double, minimum: Float, maximum: Float, crc32: UInt32) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
        self.minimum = minimum
        self.maximum = maximum
        self.crc32 = crc32
    }

    /// The statistics of `values`.
    public init(values: [Float]) {
        var s = 0.0, q = 0.0
        var lo = Float.infinity, hi = -Float.infinity
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let d = Double(v)
            s += d
            q += d * d
            lo = min(lo, v)
            hi = max(hi, v)
            let b = v.bitPattern
            bytes.append(UInt8(truncatingIfNeeded: b)); bytes.append(UInt8(truncatingIfNeeded: b >> 8))
            bytes.append(UInt8(truncatingIfNeeded: b >> 16)); bytes.append(UInt8(truncatingIfNeeded: b >> 24))
        }
        self.init(count: UInt64(values.count), sum: s, sumOfSquares: q, minimum: lo, maximum: hi,
                  crc32: CRC32.checksum(bytes))
    }

    /// The reduction of `tiles`, in order.
    public static func reduce(_ tiles: [TileStats]) -> TileStats {
        var r = TileStats(count: 0, sum: 0, sumOfSquares: 0, minimum: .infinity, maximum: -.infinity, crc32: 0)
        var crcs = [UInt8]()
        for t in tiles {
            r.count += t.count
            r.sum += t.sum
            r.sumOfSquares += t.sumOfSquares
            r.minimum = min(r.minimum, t.minimum)
            r.maximum = max(r.maximum, t.maximum)
            for i in 0..<4 { crcs.append(UInt8(truncatingIfNeeded: t.crc32 >> (8 * UInt32(i)))) }
        }
        r.crc32 = CRC32.checksum(crcs)
        return r
    }

    /// Mean (NaN for no voxels).
    public var mean: Double { sum / Double(count) }
    /// Population standard deviation.
    public var standardDeviation: Double { (max(0, sumOfSquares / Double(count) - mean * mean)).squareRoot() }

    /// The RESULT summary: readable numbers plus exact bit patterns (hex) that survive any JSON
    /// parser: `{"count":…,"sum":…,"sum2":…,"min":…,"max":…,"crc32":…,"bits":{"sum":"…",…}}`.
    public var json: String {
        JSON.string(["count": count, "sum": sum, "sum2": sumOfSquares, "min": Double(minimum), "max": Double(maximum),
                     "crc32": crc32,
                     "bits": ["sum": hex(sum.bitPattern), "sum2": hex(sumOfSquares.bitPattern),
                              "min": hex(UInt64(minimum.bitPattern)), "max": hex(UInt64(maximum.bitPattern)),
                              "count": hex(count)]] as [String: Any])
    }

    /// Reads `json` (exact through the `bits` member).
    public init(json text: String) throws(CatalogError) {
        let o = try JSON.object(text)
        guard let b = o["bits"] as? [String: Any],
              let sum = (b["sum"] as? String).flatMap({ UInt64($0, radix: 16) }),
              let q = (b["sum2"] as? String).flatMap({ UInt64($0, radix: 16) }),
              let lo = (b["min"] as? String).flatMap({ UInt32($0, radix: 16) }),
              let hi = (b["max"] as? String).flatMap({ UInt32($0, radix: 16) }),
              let n = (b["count"] as? String).flatMap({ UInt64($0, radix: 16) }),
              let crc = try JSON.int(o, "crc32"), let crc32 = UInt32(exactly: crc) else {
            throw CatalogError(.badRequest, "tile statistics summary lacks exact bits: \(text.prefix(200))")
        }
        self.init(count: n, sum: Double(bitPattern: sum), sumOfSquares: Double(bitPattern: q),
                  minimum: Float(bitPattern: lo), maximum: Float(bitPattern: hi), crc32: crc32)
    }
}

private func hex(_ v: UInt64) -> String { String(v, radix: 16) }
