import Foundation
import TomoSTAR

/// Writes `TileStats/jobNNN/stats.star` (atomically): `data_tilestats`, one row with the
/// reduction over all tiles, and `data_tiles`, one row per task in key order.
///
/// Numbers are written as Swift prints them (the shortest text that reads back to the same
/// `Double`/`Float`), so the file holds the exact values. Labels (`_sta…`) are ours, not RELION's.
public enum TileStatsReport {
    /// One tile's row.
    public struct Row: Sendable {
        /// The task id (tile index).
        public var task: UInt64
        /// The tile.
        public var tile: TileRequest
        /// Its statistics.
        public var stats: TileStats
        /// The attempt whose result counted.
        public var attempt: Int
        /// The worker that computed it.
        public var worker: String
    }

    /// The document for `rows` (already in key order).
    public static func document(_ rows: [Row]) -> StarDocument {
        let total = TileStats.reduce(rows.map(\.stats))
        var summary = StarBlock(name: "tilestats", isLoop: false)
        let values: [(String, String)] = [
            ("staTileCount", "\(rows.count)"), ("staVoxelCount", "\(total.count)"), ("staSum", "\(total.sum)"),
            ("staSumOfSquares", "\(total.sumOfSquares)"), ("staMean", "\(total.mean)"),
            ("staStandardDeviation", "\(total.standardDeviation)"), ("staMinimum", "\(total.minimum)"),
            ("staMaximum", "\(total.maximum)"), ("staCrc32", "\(total.crc32)"),
        ]
        for (k, v) in values { summary.setColumn(k, [v]) }
        var tiles = StarBlock(name: "tiles", isLoop: true)
        func col(_ label: String, _ f: (Row) -> String) { tiles.setColumn(label, rows.map(f)) }
        col("staTaskId") { "\($0.task)" }
        col("staImageName") { $0.tile.path }
        col("staSection") { r in "\(r.tile.section ?? r.tile.box?.z.lowerBound ?? 0)" }
        col("staBoxX") { r in r.tile.box.map { "\($0.x.lowerBound)-\($0.x.upperBound)" } ?? "all" }
        col("staBoxY") { r in r.tile.box.map { "\($0.y.lowerBound)-\($0.y.upperBound)" } ?? "all" }
        col("staVoxelCount") { "\($0.stats.count)" }
        col("staSum") { "\($0.stats.sum)" }
        col("staSumOfSquares") { "\($0.stats.sumOfSquares)" }
        col("staMinimum") { "\($0.stats.minimum)" }
        col("staMaximum") { "\($0.stats.maximum)" }
        col("staCrc32") { "\($0.stats.crc32)" }
        col("staAttempt") { "\($0.attempt)" }
        col("staWorker") { r in CatalogEvents.topicPart(r.worker) }
        return StarDocument(blocks: [summary, tiles])
    }

    /// Reads the summary block of a written `stats.star` back (tests, clients).
    public static func readSummary(path: String) throws -> (tiles: Int, stats: TileStats) {
        let doc = try StarDocument.read(path: path)
        guard let b = doc["tilestats"] else { throw CatalogError(.notFound, "\(path) has no data_tilestats") }
        func v(_ k: String) throws -> String {
            guard let s = b.string(k, row: 0) else { throw CatalogError(.notFound, "\(path) lacks _\(k)") }
            return s
        }
        guard let n = Int(try v("staTileCount")), let c = UInt64(try v("staVoxelCount")), let s = Double(try v("staSum")),
              let q = Double(try v("staSumOfSquares")), let lo = Float(try v("staMinimum")),
              let hi = Float(try v("staMaximum")), let crc = UInt32(try v("staCrc32")) else {
            throw CatalogError(.badRequest, "\(path): unreadable number in data_tilestats")
        }
        return (n, TileStats(count: c, sum: s, sumOfSquares: q, minimum: lo, maximum: hi, crc32: crc))
    }
}
