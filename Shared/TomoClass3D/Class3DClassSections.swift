import Foundation
import TomoCore

/// The central xy/xz/yz sections of every class map of one iteration, small enough to travel in a
/// `job.<id>.classes` event (docs/protocol.md §5.6), so that `monitor follow --pictures` draws the
/// seed's "Display" on any host without reading the maps.
///
/// Each section is sampled every `stride` voxels through the map's centre voxel `(N/2, N/2, N/2)`
/// (nearest, so the three sections agree where they cross) to at most ``maximumSize`` pixels a
/// side, then quantised to 8 bits between the class's minimum and maximum over its three sections
/// and base64-encoded, row 0 = lowest y (or z), as ``CentralSection`` orders it.
public struct Class3DClassSections: Codable, Sendable, Hashable {
    /// One class.
    public struct ClassEntry: Codable, Sendable, Hashable {
        /// Class number (1-based).
        public var number: Int
        /// `rlnClassDistribution`.
        public var distribution: Double
        /// `rlnEstimatedResolution` (Å); nil when not estimated.
        public var resolutionA: Double?
        /// Value of grey level 0.
        public var minimum: Float
        /// Value of grey level 255.
        public var maximum: Float
        /// Base64 of `size × size` bytes: the `z = N/2` section, columns x, rows y.
        public var xy: String
        /// The `y = N/2` section: columns x, rows z.
        public var xz: String
        /// The `x = N/2` section: columns y, rows z.
        public var yz: String

        enum CodingKeys: String, CodingKey {
            case number = "class", distribution, resolutionA = "resolution_a", minimum = "min", maximum = "max", xy, xz, yz
        }
    }

    /// Largest section side sent.
    public static let maximumSize = 64

    /// The iteration.
    public var iteration: Int
    /// Side of every section (pixels).
    public var size: Int
    /// The classes, class 1 first.
    public var classes: [ClassEntry]

    /// Sections of cubic `maps` (class 1 first) with their distributions and resolutions (Å; values
    /// ≤ 0 or ≥ 999 mean "not estimated").
    /// - Precondition: at least one map, all cubic and the same size.
    public init(iteration: Int, maps: [RealVolume], distributions: [Double], resolutions: [Double]) {
        precondition(!maps.isEmpty && maps.allSatisfy { $0.isCubic && $0.nx == maps[0].nx },
                     "Class3DClassSections: maps must be cubic and the same size")
        let n = maps[0].nx
        let stride = (n + Self.maximumSize - 1) / Self.maximumSize
        let c = n / 2
        // Sample indices whose set contains the centre voxel, so the sections cross consistently.
        let first = c % stride
        let samples = Array(Swift.stride(from: first, to: n, by: stride))
        self.iteration = iteration
        size = samples.count
        classes = maps.indices.map { k in
            let m = maps[k]
            let xy = samples.flatMap { y in samples.map { x in m[x, y, c] } }
            let xz = samples.flatMap { z in samples.map { x in m[x, c, z] } }
            let yz = samples.flatMap { z in samples.map { y in m[c, y, z] } }
            let all = xy + xz + yz
            let lo = all.min() ?? 0, hi = all.max() ?? 0
            func encode(_ v: [Float]) -> String {
                let scale = hi > lo ? 255 / (hi - lo) : 0
                return Data(v.map { UInt8(max(0, min(255, (($0 - lo) * scale).rounded()))) }).base64EncodedString()
            }
            let r = k < resolutions.count ? resolutions[k] : 0
            return ClassEntry(number: k + 1, distribution: k < distributions.count ? distributions[k] : 0,
                              resolutionA: r > 0 && r < 999 ? r : nil, minimum: lo, maximum: hi,
                              xy: encode(xy), xz: encode(xz), yz: encode(yz))
        }
    }

    /// The event body (compact JSON).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
