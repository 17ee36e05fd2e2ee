import TomoCore
import TomoFFT

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
///   transforms of images/volumes centred at `m/2` (as `FFT.forward` gives them).
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
    /// `CTF²`) defaults to 1. Frequencies with `|k| > m/2` are skipped.
    ///
    /// The image is first Fourier-oversampled by `padding` (zero-padded in real space), so its
    /// samples are spaced one padded-grid voxel apart along the plane; otherwise the voxels near
    /// the origin receive no sample of their own radius and low frequencies (the mean) come out
    /// wrong. Weights are interpolated bilinearly to the oversampled positions.
    /// - Precondition: `slice.nx == slice.ny ≤ size`; `weights` has `slice.count` values.
    public mutating func insert(slice: FourierImage, rotation a: Matrix3, weights: [Float]? = nil) {
        let m = slice.nx
        precondition(slice.ny == m && m <= size, "insert(slice:): slice \(slice.nx)×\(slice.ny) must be square and ≤ \(size)")
        if let w = weights { precondition(w.count == slice.count, "insert(slice:): \(w.count) weights for \(slice.count) pixels") }
        let pm = padding * m
        let g2 = Self.oversampled(slice.asVolume, padding: padding)
        let r = Double(pm) / 2, r2 = r * r
        let ux = a[0, 0], uy = a[0, 1], uz = a[0, 2], vx = a[1, 0], vy = a[1, 1], vz = a[1, 2]
        let scale = Float(padding * padding) / Float(size)
        let hx = pm / 2 + 1, g = grid
        let table = HalfLayoutInterpolation.PaddedGrid(nx: m, ny: m, nz: 1, padding: padding)
        let hasWeights = weights != nil
        (weights ?? []).withUnsafeBufferPointer { wb in
        g2.data.withUnsafeBufferPointer { s in
            data.withUnsafeMutableBufferPointer { d in
                weight.withUnsafeMutableBufferPointer { wt in
                    for y in 0..<pm {
                        let ky = Double(FourierFrequency.signed(index: y, size: pm))
                        for x in 0..<hx {
                            let kx = Double(x)
                            if kx * kx + ky * ky > r2 { continue }
                            let w = hasWeights ? table.value(wb.baseAddress!, x, y, 0) : 1
                            Self.splat(d, wt, g, kx * ux + ky * vx, kx * uy + ky * vy, kx * uz + ky * vz,
                                       scale * s[x + hx * y], w)
                        }
                    }
                }
            }
        } }
    }

    /// Inserts a 3D Fourier volume observed through rotation `A`: voxel `k` goes to `Aᵀk`.
    /// `weights` (half layout, e.g. a CTF² volume) defaults to 1. Frequencies with `|k| > m/2`
    /// are skipped. Oversampled by `padding` first, as for slices (weights trilinear).
    /// - Precondition: cubic, `volume.nx ≤ size`; `weights` has `volume.count` values.
    public mutating func insert(volume: FourierVolume, rotation a: Matrix3, weights: [Float]? = nil) {
        let m = volume.nx
        precondition(volume.ny == m && volume.nz == m && m <= size, "insert(volume:): volume must be cubic and ≤ \(size)")
        if let w = weights { precondition(w.count == volume.count, "insert(volume:): \(w.count) weights for \(volume.count) voxels") }
        let pm = padding * m
        let g3 = Self.oversampled(volume, padding: padding)
        let r = Double(pm) / 2, r2 = r * r
        let at = a.transposed
        let scale = Float(padding * padding * padding)
        let hx = pm / 2 + 1, g = grid
        let table = HalfLayoutInterpolation.PaddedGrid(nx: m, ny: m, nz: m, padding: padding)
        let hasWeights = weights != nil
        (weights ?? []).withUnsafeBufferPointer { wb in
        g3.data.withUnsafeBufferPointer { s in
            data.withUnsafeMutableBufferPointer { d in
                weight.withUnsafeMutableBufferPointer { wt in
                    for z in 0..<pm {
                        let kz = Double(FourierFrequency.signed(index: z, size: pm))
                        for y in 0..<pm {
                            let ky = Double(FourierFrequency.signed(index: y, size: pm))
                            for x in 0..<hx {
                                let kx = Double(x)
                                if kx * kx + ky * ky + kz * kz > r2 { continue }
                                let w = hasWeights ? table.value(wb.baseAddress!, x, y, z) : 1
                                let q = at * Vector3(kx, ky, kz)
                                Self.splat(d, wt, g, q.x, q.y, q.z, scale * s[x + hx * (y + pm * z)], w)
                            }
                        }
                    }
                }
            }
        } }
    }

    /// The transform of `f`'s real-space map (centred at `n/2`) re-centred at index 0 and
    /// zero-padded to `padding·n` per axis (z stays 1 for images): values `F(k'/padding)/padding^d`.
    static func oversampled(_ f: FourierVolume, padding: Int) -> FourierVolume {
        let v = FFT.inverse(f)
        let px = padding * v.nx, py = padding * v.ny, pz = v.nz == 1 ? 1 : padding * v.nz
        var big = RealVolume(nx: px, ny: py, nz: pz)
        let (cx, cy, cz) = v.centre
        for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx {
            big[(x - cx + px) % px, (y - cy + py) % py, (z - cz + pz) % pz] = v[x, y, z]
        } } }
        return FFT.forward(big)
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
