import TomoCore

/// Accumulates Fourier data and weights on a padded grid by trilinear insertion
/// (RELION's `BackProjector`, §4.2, §5.4), for reconstruction of an `n³` map.
///
/// - Grid: centred half grid of the padded box `P = padding·n` (x `0…K`, y, z `−K…K`,
///   `K = P/2+1`); a sample at frequency `k` (Fourier pixels of the `n` box) lands at `padding·k`.
/// - `data` holds the complex sum `Σ w_tri·value`, `weight` the real sum `Σ w_tri·weight`;
///   samples with `k_x < 0` after rotation are inserted at `−k` conjugated.
/// - Units: `data/weight` is in units of the 3D transform of the `n³` map (forward divided by
///   `n³`). 2D slices (transforms of `n×n` projections) are divided by `n` on insertion, the
///   inverse of ``PaddedFourierReference/extractSlice(rotation:outputSize:)``. Inputs are
///   transforms of images/volumes centred at `m/2` (as `FFT.forward` gives them); the centring
///   phase is removed on insertion.
/// - Semantics of weights as RELION: insert data already multiplied by the CTF and weights `CTF²`
///   (1 when absent).
public struct BackProjector: Sendable {
    /// Box `n` of the map to reconstruct.
    public let size: Int
    /// Oversampling factor.
    public let padding: Int
    let grid: CentredFourierGrid
    /// Complex data sum on the centred grid.
    public internal(set) var data: [ComplexF]
    /// Real weight sum on the centred grid.
    public internal(set) var weight: [Float]

    /// An empty accumulator for an `size³` map.
    /// - Precondition: `size ≥ 2`, `padding ≥ 1`.
    public init(size: Int, padding: Int = 2) {
        precondition(size >= 2 && padding >= 1, "BackProjector needs size ≥ 2 and padding ≥ 1, got \(size), \(padding)")
        self.size = size; self.padding = padding
        grid = CentredFourierGrid(paddedSize: padding * size)
        data = [ComplexF](repeating: .zero, count: grid.count)
        weight = [Float](repeating: 0, count: grid.count)
    }

    /// Padded box `P`.
    public var paddedSize: Int { grid.paddedSize }

    /// Adds another accumulator of the same geometry (e.g. from another worker).
    /// - Precondition: same `size` and `padding`.
    public mutating func add(_ other: BackProjector) {
        precondition(other.size == size && other.padding == padding, "BackProjector.add: geometry differs")
        for i in 0..<data.count { data[i] += other.data[i]; weight[i] += other.weight[i] }
    }

    /// Inserts a 2D Fourier image observed through rotation `A` (reference → observation): pixel
    /// `(kx, ky)` goes to `Aᵀ(kx, ky, 0)`. `weights` (half layout, same count as the image, e.g.
    /// `CTF²`) defaults to 1. Pixels with `|k| > n/2` are skipped.
    /// - Precondition: `slice.nx == slice.ny ≤ size`; `weights` has `slice.count` values.
    public mutating func insert(slice: FourierImage, rotation a: Matrix3, weights: [Float]? = nil) {
        let m = slice.nx
        precondition(slice.ny == m && m <= size, "insert(slice:): slice \(slice.nx)×\(slice.ny) must be square and ≤ \(size)")
        if let w = weights { precondition(w.count == slice.count, "insert(slice:): \(w.count) weights for \(slice.count) pixels") }
        let pad = Double(padding), r2 = Double(m * m) / 4
        let ux = pad * a[0, 0], uy = pad * a[0, 1], uz = pad * a[0, 2]
        let vx = pad * a[1, 0], vy = pad * a[1, 1], vz = pad * a[1, 2]
        let scale = 1 / Float(size)
        let hx = m / 2 + 1, g = grid
        let phx = CentringPhase.factors(m, full: false).map(\.conjugate)
        let phy = CentringPhase.factors(m, full: true).map(\.conjugate)
        slice.data.withUnsafeBufferPointer { s in
            data.withUnsafeMutableBufferPointer { d in
                weight.withUnsafeMutableBufferPointer { wt in
                    for y in 0..<m {
                        let ky = Double(FourierFrequency.signed(index: y, size: m))
                        for x in 0..<hx {
                            let kx = Double(x)
                            if kx * kx + ky * ky > r2 { continue }
                            let i = x + hx * y
                            Self.splat(d, wt, g, kx * ux + ky * vx, kx * uy + ky * vy, kx * uz + ky * vz,
                                       scale * (s[i] * (phx[x] * phy[y])), weights?[i] ?? 1)
                        }
                    }
                }
            }
        }
    }

    /// Inserts a 3D Fourier volume observed through rotation `A`: voxel `k` goes to `Aᵀk`.
    /// `weights` (half layout, e.g. a CTF² volume) defaults to 1. Voxels with `|k| > n/2` are skipped.
    /// - Precondition: cubic, `volume.nx ≤ size`; `weights` has `volume.count` values.
    public mutating func insert(volume: FourierVolume, rotation a: Matrix3, weights: [Float]? = nil) {
        let m = volume.nx
        precondition(volume.ny == m && volume.nz == m && m <= size, "insert(volume:): volume must be cubic and ≤ \(size)")
        if let w = weights { precondition(w.count == volume.count, "insert(volume:): \(w.count) weights for \(volume.count) voxels") }
        let pad = Double(padding), r2 = Double(m * m) / 4
        let at = a.transposed
        let hx = m / 2 + 1, g = grid
        let phx = CentringPhase.factors(m, full: false).map(\.conjugate)
        let phy = CentringPhase.factors(m, full: true).map(\.conjugate)
        volume.data.withUnsafeBufferPointer { s in
            data.withUnsafeMutableBufferPointer { d in
                weight.withUnsafeMutableBufferPointer { wt in
                    for z in 0..<m {
                        let kz = Double(FourierFrequency.signed(index: z, size: m))
                        for y in 0..<m {
                            let ky = Double(FourierFrequency.signed(index: y, size: m))
                            for x in 0..<hx {
                                let kx = Double(x)
                                if kx * kx + ky * ky + kz * kz > r2 { continue }
                                let i = x + hx * (y + m * z)
                                let q = at * Vector3(kx, ky, kz)
                                Self.splat(d, wt, g, pad * q.x, pad * q.y, pad * q.z,
                                           s[i] * (phx[x] * phy[y] * phy[z]), weights?[i] ?? 1)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Trilinear insertion of `value` with `w` at padded frequency `q` (conjugated to `q.x ≥ 0`).
    @inline(__always)
    static func splat(_ d: UnsafeMutableBufferPointer<ComplexF>, _ wt: UnsafeMutableBufferPointer<Float>,
                      _ g: CentredFourierGrid, _ qx: Double, _ qy: Double, _ qz: Double,
                      _ value: ComplexF, _ w: Float) {
        var x = qx, y = qy, z = qz, v = value
        if x < 0 { x = -x; y = -y; z = -z; v = v.conjugate }
        let t = trilinearCorner(x, y, z)
        let base = g.index(t.x0, t.y0, t.z0)
        let sx = g.sx, sxy = g.sx * g.sy
        let gx = 1 - t.fx, gy = 1 - t.fy, gz = 1 - t.fz
        let offsets = (0, 1, sx, sx + 1, sxy, sxy + 1, sxy + sx, sxy + sx + 1)
        let ws = (gx * gy * gz, t.fx * gy * gz, gx * t.fy * gz, t.fx * t.fy * gz,
                  gx * gy * t.fz, t.fx * gy * t.fz, gx * t.fy * t.fz, t.fx * t.fy * t.fz)
        @inline(__always) func add(_ o: Int, _ f: Float) { d[base + o] += f * v; wt[base + o] += f * w }
        add(offsets.0, ws.0); add(offsets.1, ws.1); add(offsets.2, ws.2); add(offsets.3, ws.3)
        add(offsets.4, ws.4); add(offsets.5, ws.5); add(offsets.6, ws.6); add(offsets.7, ws.7)
    }
}
