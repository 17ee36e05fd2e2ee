import TomoCore
import TomoKernels

/// The E-step of one particle (spec §5.2) and its share of the M-step sums (§5.4).
///
/// For every class `k`, orientation `A` and translation `t`:
/// ```
/// D(φ) = Σ_j Σ_κ |C·Proj_j(κ) − X̃_jt(κ)|² / (2σ²(s))          (κ over the E-step pixels)
///      = Σ_j Σ_κ [ C²|P|²/(2σ²) − Re(C·P·X̃*)/σ² + |X|²/(2σ²) ]
/// ```
/// with `Proj_j = N·F_V((R_j·A)ᵀ κ)` (2D; `F_V(Aᵀκ)` in 3D) and `X̃_jt = X_j·exp(−2πi κ·u/N)`,
/// `u = R_j·(o + t)`. The slice is computed once per orientation and tilt; all translations are
/// then evaluated against precomputed shifted images (phase ramps), so the cost per
/// (orientation, tilt, translation) is one dot product over the pixels.
enum ExpectationStep {
    /// One candidate orientation of a class.
    struct Orientation {
        var angles: EulerAngles
        var logPrior: Double
        /// Coarse direction index (global searches), else −1.
        var direction: Int
    }

    static func orientations(_ p: ParticleObservation, ctx: IterationContext, classIndex k: Int) -> [Orientation] {
        guard let sampling = ctx.sampling, !ctx.options.skipAlign else {
            return [Orientation(angles: p.angles, logPrior: ctx.classLogPrior[k], direction: -1)]
        }
        if let sigma = ctx.options.sigmaAngles, sigma > 0 {
            // Local: Gaussian prior around the current angles; no class prior (§5.2, §13 item 14).
            let hood = OrientationNeighbourhood(sampling: sampling, prior: p.angles, sigma: sigma, symmetry: ctx.options.symmetry)
            return hood.entries.map {
                Orientation(angles: sampling.angles(direction: $0.directionIndex, psi: $0.psiIndex),
                            logPrior: _log($0.weight), direction: $0.directionIndex)
            }
        }
        var out: [Orientation] = []
        out.reserveCapacity(sampling.count)
        let lpPsi = -_log(Double(sampling.psiAngles.count))
        for d in 0..<sampling.directions.count {
            let lp = ctx.directionLogPrior[k][d] + lpPsi
            for s in 0..<sampling.psiAngles.count {
                out.append(Orientation(angles: sampling.angles(direction: d, psi: s), logPrior: lp, direction: d))
            }
        }
        return out
    }

    /// Model values `Proj(κ)` (before the CTF) of `reference` through rotation `m` at `pixels`,
    /// written interleaved (re, im) into `out`.
    @inline(__always)
    static func project(_ reference: PaddedFourierReference, rotation m: Matrix3, pixels: FourierPixelSet,
                        threeDimensional: Bool, into out: UnsafeMutablePointer<Float>) {
        let scale: Float = threeDimensional ? 1 : Float(reference.size)
        let a00 = m[0, 0], a01 = m[0, 1], a02 = m[0, 2]
        let a10 = m[1, 0], a11 = m[1, 1], a12 = m[1, 2]
        let a20 = m[2, 0], a21 = m[2, 1], a22 = m[2, 2]
        for p in 0..<pixels.count {
            let kx = Double(pixels.kx[p]), ky = Double(pixels.ky[p]), kz = Double(pixels.kz[p])
            // Mᵀ·k
            let q = Vector3(a00 * kx + a10 * ky + a20 * kz, a01 * kx + a11 * ky + a21 * kz, a02 * kx + a12 * ky + a22 * kz)
            var v = reference.value(at: q)
            // Centring phase (−1)^(kx+ky+kz) for images centred at N/2 (even N).
            if (Int(pixels.kx[p]) + Int(pixels.ky[p]) + Int(pixels.kz[p])) & 1 != 0 { v = -v }
            out[2 * p] = scale * v.re; out[2 * p + 1] = scale * v.im
        }
    }

    /// `x·exp(−2πi κ·u/N)` for every pixel of `pixels`, interleaved into `out`.
    @inline(__always)
    static func shift(_ x: [ComplexF], by u: Vector3, pixels: FourierPixelSet, into out: UnsafeMutablePointer<Float>) {
        let f = -2 * Double.pi / Double(pixels.boxSize)
        for p in 0..<pixels.count {
            let phase = f * (Double(pixels.kx[p]) * u.x + Double(pixels.ky[p]) * u.y + Double(pixels.kz[p]) * u.z)
            let c = Float(_cos(phase)), s = Float(_sin(phase))
            let v = x[pixels.dataIndex[p]]
            out[2 * p] = v.re * c - v.im * s; out[2 * p + 1] = v.re * s + v.im * c
        }
    }
}
