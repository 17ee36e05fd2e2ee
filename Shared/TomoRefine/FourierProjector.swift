import TomoCore
import TomoFFT
import TomoKernels

/// A reference prepared for the E-step inner loop: the same values and conventions as
/// `PaddedFourierReference` (gridding pre-correction, `padding`-times zero-padded, centred half
/// grid, scaled so that `value(k)` is the unpadded transform `F_V(k)` of the `n³` map), stored as
/// interleaved `Float` (re, im) pairs (one cache line holds both parts of neighbouring corners)
/// and interpolated trilinearly with unsafe buffers, both parts at once as `SIMD2<Float>`.
///
/// Hot functions carry `@_optimize(speed)` so they run at optimised speed in debug (test)
/// builds too; results are identical either way (no fast-math).
struct FourierProjector: Sendable {
    /// Map box `n`.
    let size: Int
    /// Oversampling factor.
    let padding: Int
    /// `K = P/2 + 1`; grid `x ∈ 0…K`, `y, z ∈ −K…K`.
    let kmax: Int
    /// Interleaved (re, im) values on the centred half grid, index `x + sx·((y + K) + sy·(z + K))`.
    let values: [Float]

    /// Frequencies the projector serves: `|k| ≤ reach` (Fourier pixels of the `n` box).
    let reach: Int

    /// The projector of `volume`, holding only the grid that projections of images up to
    /// `maximumSize` (default `n`) touch: the E- and M-steps of an iteration never go beyond the
    /// current image size, and a smaller grid stays in cache.
    init(_ volume: RealVolume, padding: Int, maximumSize: Int? = nil) {
        let n = volume.nx, p = padding * n
        size = n; self.padding = padding
        reach = min(n, maximumSize ?? n) / 2
        let k = min(p / 2 + 1, padding * reach + 1)
        kmax = k
        var corrected = volume
        GriddingCorrection.divide(&corrected, paddedSize: p)
        var padded = RealVolume(cube: p)
        let c = n / 2
        for z in 0..<n { for y in 0..<n { for x in 0..<n {
            padded[(x - c + p) % p, (y - c + p) % p, (z - c + p) % p] = corrected[x, y, z]
        } } }
        let f = FFT.forward(padded)
        let scale = Float(padding * padding * padding)
        let sx = k + 1, sy = 2 * k + 1
        var v = [Float](repeating: 0, count: 2 * sx * sy * sy)
        let hx = p / 2 + 1
        for z in -k...k { for y in -k...k { for x in 0...k {
            let ix = ((x % p) + p) % p, iy = ((y % p) + p) % p, iz = ((z % p) + p) % p
            let value: ComplexF = ix <= p / 2 ? f.data[ix + hx * (iy + p * iz)]
                : f.data[(p - ix) + hx * ((p - iy) % p + p * ((p - iz) % p))].conjugate
            let o = x + sx * ((y + k) + sy * (z + k))
            v[2 * o] = scale * value.re; v[2 * o + 1] = scale * value.im
        } } }
        values = v
    }

    /// Writes `scale·(−1)^(kx+ky+kz)·F_V(Mᵀk)` for every pixel of `pixels` (interleaved re, im);
    /// zero beyond `|k| > reach` (`n/2` unless cropped). With `scale = n` and 2D pixels this is the central slice of
    /// `PaddedFourierReference.extractSlice` (images centred at `N/2`, even `N`).
    @_optimize(speed)
    func project(rotation m: Matrix3, pixels: FourierPixelSet, scale: Float, into out: UnsafeMutablePointer<Float>) {
        let pad = Float(padding)
        let a00 = Float(m[0, 0]) * pad, a01 = Float(m[0, 1]) * pad, a02 = Float(m[0, 2]) * pad
        let a10 = Float(m[1, 0]) * pad, a11 = Float(m[1, 1]) * pad, a12 = Float(m[1, 2]) * pad
        let a20 = Float(m[2, 0]) * pad, a21 = Float(m[2, 1]) * pad, a22 = Float(m[2, 2]) * pad
        let r2max = Float(reach * reach) * pad * pad
        let k = kmax, sx = k + 1, sxy = (k + 1) * (2 * k + 1)
        let count = pixels.count
        let planar = !pixels.threeDimensional
        values.withUnsafeBufferPointer { vb in
        pixels.kx.withUnsafeBufferPointer { kxb in
        pixels.ky.withUnsafeBufferPointer { kyb in
        pixels.kz.withUnsafeBufferPointer { kzb in
            let v = UnsafeRawPointer(vb.baseAddress!)
            @inline(__always) func at(_ i: Int) -> SIMD2<Float> { (v + 8 * i).loadUnaligned(as: SIMD2<Float>.self) }
            for p in 0..<count {
                let kx = kxb[p], ky = kyb[p]
                // 2D pixels have kz = 0: the z terms add exact zeros, so they are skipped.
                var x: Float, y: Float, z: Float, kzi = 0
                if planar {
                    x = a00 * kx + a10 * ky; y = a01 * kx + a11 * ky; z = a02 * kx + a12 * ky
                } else {
                    let kz = kzb[p]
                    kzi = Int(kz)
                    x = a00 * kx + a10 * ky + a20 * kz
                    y = a01 * kx + a11 * ky + a21 * kz
                    z = a02 * kx + a12 * ky + a22 * kz
                }
                if x * x + y * y + z * z > r2max { out[2 * p] = 0; out[2 * p + 1] = 0; continue }
                var conj: Float = 1
                if x < 0 { x = -x; y = -y; z = -z; conj = -1 }
                let x0 = x.rounded(.down), y0 = y.rounded(.down), z0 = z.rounded(.down)
                let fx = x - x0, fy = y - y0, fz = z - z0
                let base = Int(x0) + sx * ((Int(y0) + k) + (2 * k + 1) * (Int(z0) + k))
                let c00 = at(base) + fx * (at(base + 1) - at(base))
                let c10 = at(base + sx) + fx * (at(base + sx + 1) - at(base + sx))
                let c01 = at(base + sxy) + fx * (at(base + sxy + 1) - at(base + sxy))
                let c11 = at(base + sxy + sx) + fx * (at(base + sxy + sx + 1) - at(base + sxy + sx))
                let c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01)
                let c = c0 + fz * (c1 - c0)
                let sign: Float = (Int(kx) + Int(ky) + kzi) & 1 == 0 ? scale : -scale
                out[2 * p] = sign * c.x; out[2 * p + 1] = sign * conj * c.y
            }
        } } } }
    }
}
