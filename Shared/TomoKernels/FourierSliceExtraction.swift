import TomoCore

extension PaddedFourierReference {
    /// The central slice seen through rotation `A` (reference → observation, RELION's
    /// `EulerAngles.matrix`): `F_img(kx, ky) = n · F_V(Aᵀ·(kx, ky, 0))`, trilinear in the padded grid.
    ///
    /// The result is the 2D transform (half layout, divided by pixels) of the real-space
    /// projection `Σ_z V_rot(x, y, z)` with `V_rot(i) = V(Aᵀ i)` about the centre, as
    /// `FFT.forward` gives it for an image centred at `m/2` (the centring phase is applied). With
    /// `outputSize < n` the slice is Fourier-cropped (same frequencies, smaller box). Pixels with
    /// `|k| > min(n, outputSize)/2` are zero. Negative `kx` (not stored) follow by conjugation.
    /// - Precondition: `1 ≤ outputSize ≤ size`.
    public func extractSlice(rotation a: Matrix3, outputSize: Int? = nil) -> FourierImage {
        let m = outputSize ?? size
        precondition(m >= 1 && m <= size, "extractSlice: outputSize \(m) must be in 1…\(size)")
        var out = FourierImage(nx: m, ny: m)
        let r = Double(min(m, size)) / 2, r2 = r * r
        let pad = Double(padding)
        let ux = pad * a[0, 0], uy = pad * a[0, 1], uz = pad * a[0, 2]   // padding·Aᵀ e_x = padding·(row 0)
        let vx = pad * a[1, 0], vy = pad * a[1, 1], vz = pad * a[1, 2]   // padding·Aᵀ e_y = padding·(row 1)
        let scale = Float(size)
        let hx = m / 2 + 1
        let g = grid
        let phx = CentringPhase.factors(m, full: false), phy = CentringPhase.factors(m, full: true)
        values.withUnsafeBufferPointer { v in
            out.data.withUnsafeMutableBufferPointer { o in
                for y in 0..<m {
                    let ky = Double(FourierFrequency.signed(index: y, size: m))
                    for x in 0..<hx {
                        let kx = Double(x)
                        if kx * kx + ky * ky > r2 { continue }
                        let c = Self.interpolate(v, g, kx * ux + ky * vx, kx * uy + ky * vy, kx * uz + ky * vz)
                        o[x + hx * y] = scale * (c * (phx[x] * phy[y]))
                    }
                }
            }
        }
        return out
    }

    /// The 3D transform of the reference rotated by `A`: `F_out(k) = F_V(Aᵀ k)`, i.e. the transform
    /// (divided by voxels) of `V_rot(i) = V(Aᵀ i)` about the centre, for 3D pseudo-subtomograms.
    /// Fourier-cropped to `outputSize` when smaller; zero beyond `|k| > min(n, outputSize)/2`.
    /// - Precondition: `1 ≤ outputSize ≤ size`.
    public func extractVolume(rotation a: Matrix3, outputSize: Int? = nil) -> FourierVolume {
        let m = outputSize ?? size
        precondition(m >= 1 && m <= size, "extractVolume: outputSize \(m) must be in 1…\(size)")
        var out = FourierVolume(nx: m, ny: m, nz: m)
        let r = Double(m) / 2, r2 = r * r
        let pad = Double(padding)
        let at = a.transposed
        let hx = m / 2 + 1
        let g = grid
        let phx = CentringPhase.factors(m, full: false), phy = CentringPhase.factors(m, full: true)
        values.withUnsafeBufferPointer { v in
            out.data.withUnsafeMutableBufferPointer { o in
                for z in 0..<m {
                    let kz = Double(FourierFrequency.signed(index: z, size: m))
                    for y in 0..<m {
                        let ky = Double(FourierFrequency.signed(index: y, size: m))
                        for x in 0..<hx {
                            let kx = Double(x)
                            if kx * kx + ky * ky + kz * kz > r2 { continue }
                            let q = at * Vector3(kx, ky, kz)
                            let c = Self.interpolate(v, g, pad * q.x, pad * q.y, pad * q.z)
                            o[x + hx * (y + m * z)] = c * (phx[x] * phy[y] * phy[z])
                        }
                    }
                }
            }
        }
        return out
    }
}

/// The central slice of `reference` seen through rotation `A`; see
/// ``PaddedFourierReference/extractSlice(rotation:outputSize:)``.
public func extractSlice(_ reference: PaddedFourierReference, rotation: Matrix3, outputSize: Int? = nil) -> FourierImage {
    reference.extractSlice(rotation: rotation, outputSize: outputSize)
}
