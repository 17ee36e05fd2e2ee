import TomoCore
import TomoFFT

/// How `data/weight` is regularised where the weight is small (RELION §4.2 step 5).
public enum ReconstructionRegularisation: Hashable, Sendable {
    /// Wiener-like: `F = D / (W + 1/snr)`.
    case wiener(snr: Double)
    /// `F = D / max(W, threshold)` with an absolute threshold.
    case minimumWeight(Float)
    /// RELION's heuristic default: `F = D / max(W, fraction·⟨W⟩_shell(|q|))`, the radially
    /// averaged weight interpolated linearly between shells (fraction 0.001 in RELION).
    case shellFraction(Double)
}

extension BackProjector {
    /// The reconstructed `n³` map (centre at `n/2`).
    ///
    /// Steps: enforce Hermitian symmetry on the `x = 0` plane (sum `(0,y,z)` with conj `(0,−y,−z)`,
    /// data and weight), divide data by the regularised weight inside `|q| ≤ P/2`, inverse FFT of
    /// the padded box, crop the central `n³`, and divide by `sinc²(π r/P)` (gridding correction).
    public func reconstruct(_ regularisation: ReconstructionRegularisation = .shellFraction(0.001),
                            options: FFTOptions = .default) -> RealVolume {
        let g = grid, p = g.paddedSize, k = g.kmax
        var d = data, w = weight
        // Hermitian symmetry of the x = 0 plane.
        for z in 0...k { for y in -k...k where z > 0 || y > 0 {
            let i = g.index(0, y, z), j = g.index(0, -y, -z)
            let s = d[i] + d[j].conjugate, ws = w[i] + w[j]
            d[i] = s; d[j] = s.conjugate; w[i] = ws; w[j] = ws
        } }
        let c0 = g.index(0, 0, 0)
        d[c0] = ComplexF(2 * d[c0].re, 0); w[c0] *= 2

        let rMax = Double(p) / 2
        var shellThreshold: [Double] = []
        if case .shellFraction(let f) = regularisation {
            let nShells = Int(rMax) + 2
            var sum = [Double](repeating: 0, count: nShells), cnt = [Double](repeating: 0, count: nShells)
            for z in -k...k { for y in -k...k { for x in 0...k {
                let r = (Double(x * x + y * y + z * z)).squareRoot()
                let s = Int(r.rounded())
                if s < nShells { sum[s] += Double(w[g.index(x, y, z)]); cnt[s] += 1 }
            } } }
            shellThreshold = (0..<nShells).map { cnt[$0] > 0 ? f * sum[$0] / cnt[$0] : 0 }
        }
        // Padded half-layout transform, scaled from n³ units to P³ units (÷ padding³).
        let pad3 = Float(padding * padding * padding)
        var padded = FourierVolume(nx: p, ny: p, nz: p)
        let hx = p / 2 + 1
        for iz in 0..<p {
            let kz = FourierFrequency.signed(index: iz, size: p)
            for iy in 0..<p {
                let ky = FourierFrequency.signed(index: iy, size: p)
                for x in 0..<hx {
                    let r2 = Double(x * x + ky * ky + kz * kz)
                    if r2 > rMax * rMax { continue }
                    let gi = g.index(x, ky, kz)
                    let wt = w[gi]
                    let denom: Float
                    switch regularisation {
                    case .wiener(let snr): denom = wt + Float(1 / snr)
                    case .minimumWeight(let t): denom = max(wt, t)
                    case .shellFraction:
                        let r = r2.squareRoot(), s0 = Int(r)
                        let f = r - Double(s0)
                        let t = (1 - f) * shellThreshold[s0] + f * shellThreshold[min(s0 + 1, shellThreshold.count - 1)]
                        denom = max(wt, Float(t))
                    }
                    if denom > 0 { padded.data[x + hx * (iy + p * iz)] = d[gi] / (denom * pad3) }
                }
            }
        }
        let big = FFT.inverse(padded, options: options)
        let n = size, c = n / 2
        var out = RealVolume(cube: n)
        for z in 0..<n { for y in 0..<n { for x in 0..<n {
            out[x, y, z] = big[(x - c + p) % p, (y - c + p) % p, (z - c + p) % p]
        } } }
        GriddingCorrection.divide(&out, paddedSize: p)
        return out
    }
}
