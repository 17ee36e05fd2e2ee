import TomoCore

extension BackProjector {
    /// Inserts Fourier samples directly, as RELION's `backproject3Dto3D` / `backproject2Dto3D`:
    /// the value at frequency `k` (Fourier pixels of the `n` box) lands at `padding·Aᵀk` with
    /// trilinear weights, one splat per sample instead of the `padding^d` of the oversampled
    /// ``insert(volume:rotation:weights:)`` / ``insert(slice:rotation:weights:)``. Values and
    /// weights are multiplied by `padding^d` (`d` = 3 for a volume, 2 for a slice), so the weight
    /// per padded voxel has the same density as there and the reconstruction's regularisation
    /// applies unchanged; a slice's values are also divided by `n` (a slice transform is `n` times
    /// the 3D transform, see the type's units).
    ///
    /// - Parameters: `kx, ky, kz` the integer frequencies (`|k| ≤ size/2`; `kz = 0` for a slice),
    ///   `values` interleaved (re, im) of a transform centred at `n/2` as ``FFT`` gives it (the
    ///   centring phase `(−1)^(kx+ky+kz)` is removed here), `weights` one per sample (e.g. `C/σ²`).
    /// - Precondition: `values.count == 2·kx.count`, `weights.count == kx.count`.
    public mutating func insert(samplesAt kx: [Float], _ ky: [Float], _ kz: [Float], values: [Float], weights: [Float],
                                rotation a: Matrix3, slice: Bool = false) {
        let count = kx.count
        precondition(ky.count == count && kz.count == count && values.count == 2 * count && weights.count == count,
                     "insert(samplesAt:): \(count) frequencies, \(values.count / 2) values, \(weights.count) weights")
        let pad = Double(padding)
        let at = a.transposed
        let b00 = pad * at[0, 0], b01 = pad * at[0, 1], b02 = pad * at[0, 2]
        let b10 = pad * at[1, 0], b11 = pad * at[1, 1], b12 = pad * at[1, 2]
        let b20 = pad * at[2, 0], b21 = pad * at[2, 1], b22 = pad * at[2, 2]
        let scale = Float(slice ? padding * padding : padding * padding * padding)
        let valueScale = slice ? scale / Float(size) : scale
        let r2 = Double(size * size) / 4 * pad * pad
        let g = grid
        kx.withUnsafeBufferPointer { xb in ky.withUnsafeBufferPointer { yb in kz.withUnsafeBufferPointer { zb in
        values.withUnsafeBufferPointer { vb in weights.withUnsafeBufferPointer { wb in
            data.withUnsafeMutableBufferPointer { d in
                weight.withUnsafeMutableBufferPointer { wt in
                    for i in 0..<count {
                        let x = Double(xb[i]), y = Double(yb[i]), z = Double(zb[i])
                        let qx = b00 * x + b01 * y + b02 * z, qy = b10 * x + b11 * y + b12 * z, qz = b20 * x + b21 * y + b22 * z
                        if qx * qx + qy * qy + qz * qz > r2 { continue }
                        let sign: Float = (Int(xb[i]) + Int(yb[i]) + Int(zb[i])) & 1 == 0 ? valueScale : -valueScale
                        Self.splat(d, wt, g, qx, qy, qz, ComplexF(sign * vb[2 * i], sign * vb[2 * i + 1]), scale * wb[i])
                    }
                }
            }
        } } } } }
    }
}
