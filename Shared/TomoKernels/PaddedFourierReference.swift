import TomoCore
import TomoFFT

/// A cubic reference prepared for Fourier-space projection (RELION's `Projector`, §5.1, §10.3).
///
/// Preparation of an `n³` map: divide by `sinc²(π r/P)` (gridding pre-correction), embed centred
/// in a zero box of `P = padding·n` with the map centre `n/2` at index 0 (so the transform has no
/// centring phase), forward FFT, and store in a centred half grid (x `0…K`, y, z `−K…K`,
/// `K = P/2+1`, see `CentredFourierGrid`).
///
/// Units: values are scaled by `padding³`, so sampling at padded frequency `padding·k` returns
/// the unpadded transform `F_V(k)` of the `n³` map (forward divided by `n³`). A central slice is
/// further multiplied by `n`, so it equals the 2D transform (divided by `n²`) of the real-space
/// projection `Σ_z`; see ``extractSlice(rotation:outputSize:)``.
public struct PaddedFourierReference: Sendable {
    /// Original box `n`.
    public let size: Int
    /// Oversampling factor (2 by default, as RELION).
    public let padding: Int
    /// Padded box `P = padding·n`.
    public var paddedSize: Int { grid.paddedSize }
    let grid: CentredFourierGrid
    /// Centred-grid values (see type doc).
    let values: [ComplexF]

    /// Prepares `volume` (cubic, any size ≥ 2).
    /// - Precondition: `volume.isCubic`, `padding ≥ 1`.
    public init(_ volume: RealVolume, padding: Int = 2, options: FFTOptions = .default) {
        precondition(volume.isCubic, "PaddedFourierReference needs a cubic map, got \(volume.nx)×\(volume.ny)×\(volume.nz)")
        precondition(padding >= 1, "padding must be ≥ 1, got \(padding)")
        let n = volume.nx, p = padding * n
        size = n; self.padding = padding
        grid = CentredFourierGrid(paddedSize: p)
        var corrected = volume
        GriddingCorrection.divide(&corrected, paddedSize: p)
        var padded = RealVolume(cube: p)
        let c = n / 2
        for z in 0..<n { for y in 0..<n { for x in 0..<n {
            padded[(x - c + p) % p, (y - c + p) % p, (z - c + p) % p] = corrected[x, y, z]
        } } }
        let f = FFT.forward(padded, options: options)
        let scale = Float(padding * padding * padding)
        values = Self.centre(f, grid: grid, scale: scale)
    }

    /// Copies a half-layout transform of a `P³` box into the centred grid, using periodicity and
    /// Friedel symmetry for the entries outside the stored half.
    static func centre(_ f: FourierVolume, grid g: CentredFourierGrid, scale: Float) -> [ComplexF] {
        let p = g.paddedSize, k = g.kmax
        var out = [ComplexF](repeating: .zero, count: g.count)
        f.data.withUnsafeBufferPointer { src in
            let hx = p / 2 + 1
            for z in -k...k { for y in -k...k { for x in 0...k {
                let ix = ((x % p) + p) % p, iy = ((y % p) + p) % p, iz = ((z % p) + p) % p
                let v: ComplexF
                if ix <= p / 2 {
                    v = src[ix + hx * (iy + p * iz)]
                } else {
                    v = src[(p - ix) + hx * ((p - iy) % p + p * ((p - iz) % p))].conjugate
                }
                out[g.index(x, y, z)] = scale * v
            } } }
        }
        return out
    }

    /// Trilinear value at padded frequency `q` (any sign; Friedel symmetry for `q.x < 0`).
    /// - Precondition: `|q| ≤ P/2` (callers limit the radius).
    @inline(__always)
    static func interpolate(_ v: UnsafeBufferPointer<ComplexF>, _ g: CentredFourierGrid,
                            _ qx: Double, _ qy: Double, _ qz: Double) -> ComplexF {
        var x = qx, y = qy, z = qz, conj = false
        if x < 0 { x = -x; y = -y; z = -z; conj = true }
        let t = trilinearCorner(x, y, z)
        let i000 = g.index(t.x0, t.y0, t.z0)
        let sx = g.sx, sxy = g.sx * g.sy
        let c00 = v[i000] + t.fx * (v[i000 + 1] - v[i000])
        let c10 = v[i000 + sx] + t.fx * (v[i000 + sx + 1] - v[i000 + sx])
        let c01 = v[i000 + sxy] + t.fx * (v[i000 + sxy + 1] - v[i000 + sxy])
        let c11 = v[i000 + sxy + sx] + t.fx * (v[i000 + sxy + sx + 1] - v[i000 + sxy + sx])
        let c0 = c00 + t.fy * (c10 - c00)
        let c1 = c01 + t.fy * (c11 - c01)
        let r = c0 + t.fz * (c1 - c0)
        return conj ? r.conjugate : r
    }

    /// Trilinear value of the unpadded transform `F_V(k)` at frequency `k` (Fourier pixels of the
    /// `n` box), zero beyond `|k| > n/2`.
    public func value(at k: Vector3) -> ComplexF {
        let pad = Double(padding)
        if k.dot(k) > Double(size * size) / 4 { return .zero }
        return values.withUnsafeBufferPointer { Self.interpolate($0, grid, pad * k.x, pad * k.y, pad * k.z) }
    }
}
