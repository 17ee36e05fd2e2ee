import Foundation
import TomoCore
@testable import TomoPlots

/// Test maps and scratch folders shared by the TomoPlots tests.
enum Fixtures {
    /// A map of Gaussian blobs: `(centre x, y, z, sigma, amplitude)` each, in voxels.
    static func blobs(n: Int, _ blobs: [(Double, Double, Double, Double, Double)]) -> RealVolume {
        RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            var v = 0.0
            for (cx, cy, cz, s, a) in blobs {
                let d2 = (Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy) + (Double(z) - cz) * (Double(z) - cz)
                v += a * exp(-d2 / (2 * s * s))
            }
            return Float(v)
        }
    }

    /// Three distinct class maps of side `n`.
    static func classMaps(n: Int) -> [RealVolume] {
        let c = Double(n / 2)
        return [
            blobs(n: n, [(c, c, c, Double(n) / 6, 1)]),
            blobs(n: n, [(c - Double(n) / 5, c, c, Double(n) / 10, 1), (c + Double(n) / 5, c, c, Double(n) / 10, 0.7)]),
            blobs(n: n, [(c, c - Double(n) / 5, c + Double(n) / 6, Double(n) / 9, 1), (c, c + Double(n) / 6, c - Double(n) / 5, Double(n) / 12, -0.5)]),
        ]
    }

    /// A fresh empty folder under the system temporary folder.
    static func scratchFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("TomoPlotsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
