/// Index arithmetic of the centred half grid used by ``PaddedFourierReference`` and
/// ``BackProjector``: `x ∈ 0…K`, `y, z ∈ −K…K` (frequencies in padded Fourier pixels), element
/// `(x, y, z)` at `x + (K+1)·((y+K) + (2K+1)·(z+K))`. `K = P/2 + 1` for a padded box `P`, so every
/// trilinear neighbour of a point with `|q| ≤ P/2` is inside the grid.
struct CentredFourierGrid: Hashable, Sendable {
    /// Padded real-space box `P`.
    let paddedSize: Int
    /// Largest stored frequency magnitude `K = P/2 + 1`.
    let kmax: Int
    /// `K + 1`.
    let sx: Int
    /// `2K + 1`.
    let sy: Int

    init(paddedSize p: Int) {
        paddedSize = p; kmax = p / 2 + 1; sx = kmax + 1; sy = 2 * kmax + 1
    }
    /// Number of grid elements.
    var count: Int { sx * sy * sy }
    /// Linear index of frequency `(x ≥ 0, y, z)`.
    @inline(__always) func index(_ x: Int, _ y: Int, _ z: Int) -> Int { x + sx * ((y + kmax) + sy * (z + kmax)) }
}

/// Trilinear weights and base corner of a point `q` (padded Fourier pixels) with `q.x ≥ 0`.
@inline(__always)
func trilinearCorner(_ qx: Double, _ qy: Double, _ qz: Double)
    -> (x0: Int, y0: Int, z0: Int, fx: Float, fy: Float, fz: Float) {
    let fx0 = qx.rounded(.down), fy0 = qy.rounded(.down), fz0 = qz.rounded(.down)
    return (Int(fx0), Int(fy0), Int(fz0), Float(qx - fx0), Float(qy - fy0), Float(qz - fz0))
}
