import TomoCore

extension CrossCorrelation {
    /// The shift `s` (pixels) maximising the band-limited cross-correlation
    /// `cc(s) = Σ_k Re(A(k)·B*(k)·exp(2πi k·s/n))` of two transforms: the integer peak of the map,
    /// the 3-point fit, then Newton steps on the exact Fourier series (gradient and Hessian are
    /// sums over k), so the result is not biased by the peak shape. `a` is `b` moved by `+s`.
    /// Axes of size ≤ 2 are not refined.
    /// - Precondition: same sizes.
    public static func refinedPeak(_ a: FourierVolume, _ b: FourierVolume, iterations: Int = 6) -> Vector3 {
        var s = peak(map(a, b)).shift
        let n = [a.nx, a.ny, a.nz]
        let axes = (0..<3).filter { n[$0] > 2 }
        var product = [ComplexF](repeating: .zero, count: a.count)
        for i in 0..<a.count { product[i] = a.data[i] * b.data[i].conjugate }
        for _ in 0..<iterations {
            var g = [Double](repeating: 0, count: 3), h = [Double](repeating: 0, count: 9)
            let w = [2 * Double.pi / Double(n[0]), 2 * Double.pi / Double(n[1]), 2 * Double.pi / Double(n[2])]
            product.withUnsafeBufferPointer { p in
                forEachFrequency(nx: a.nx, ny: a.ny, nz: a.nz) { i, kx, ky, kz in
                    let m = friedelMultiplicity(kx: kx, nx: a.nx)
                    let f = [w[0] * Double(kx), w[1] * Double(ky), w[2] * Double(kz)]
                    let theta = f[0] * s.x + f[1] * s.y + f[2] * s.z
                    let c = _cos(theta), sn = _sin(theta)
                    let re = Double(p[i].re) * c - Double(p[i].im) * sn
                    let im = Double(p[i].re) * sn + Double(p[i].im) * c
                    for j in 0..<3 {
                        g[j] -= m * f[j] * im
                        for l in 0..<3 { h[3 * j + l] -= m * f[j] * f[l] * re }
                    }
                }
            }
            // Solve H·δ = −g on the refined axes (Gaussian elimination, ≤ 3×3).
            let k = axes.count
            var mat = axes.map { j in axes.map { l in h[3 * j + l] } + [-g[j]] }
            var ok = true
            for c in 0..<k {
                guard let piv = (c..<k).max(by: { abs(mat[$0][c]) < abs(mat[$1][c]) }), abs(mat[piv][c]) > 0 else { ok = false; break }
                mat.swapAt(c, piv)
                for r in 0..<k where r != c {
                    let f = mat[r][c] / mat[c][c]
                    for q in c...k { mat[r][q] -= f * mat[c][q] }
                }
            }
            guard ok else { break }
            var step = Vector3.zero
            for (idx, j) in axes.enumerated() { step[j] = max(-0.5, min(0.5, mat[idx][k] / mat[idx][idx])) }
            s = s + step
            if step.norm < 1e-6 { break }
        }
        return s
    }
}
