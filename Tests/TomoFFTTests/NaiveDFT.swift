import TomoCore

/// Double-precision O(N²) DFT oracle in the project's conventions: forward
/// `F(k) = (1/N) Σ v(x) exp(−2πi k·x/n)` over the half layout; inverse unscaled.
enum NaiveDFT {
    static func forward(_ v: RealVolume) -> [(Double, Double)] {
        let hx = v.nx / 2 + 1
        var out = [(Double, Double)](repeating: (0, 0), count: hx * v.ny * v.nz)
        let n = Double(v.count)
        for kz in 0..<v.nz { for ky in 0..<v.ny { for kx in 0..<hx {
            var re = 0.0, im = 0.0
            for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx {
                let ph = -2 * Double.pi * (Double(kx * x) / Double(v.nx) + Double(ky * y) / Double(v.ny)
                                           + Double(kz * z) / Double(v.nz))
                let a = Double(v[x, y, z])
                re += a * _cos(ph); im += a * _sin(ph)
            } } }
            out[kx + hx * (ky + v.ny * kz)] = (re / n, im / n)
        } } }
        return out
    }

    /// Relative RMS difference `‖a − b‖ / ‖b‖`.
    static func relativeError(_ a: [ComplexF], _ b: [(Double, Double)]) -> Double {
        var num = 0.0, den = 0.0
        for (x, y) in zip(a, b) {
            num += (Double(x.re) - y.0) * (Double(x.re) - y.0) + (Double(x.im) - y.1) * (Double(x.im) - y.1)
            den += y.0 * y.0 + y.1 * y.1
        }
        return (num / den).squareRoot()
    }

    static func relativeError(_ a: [Float], _ b: [Float]) -> Double {
        var num = 0.0, den = 0.0
        for (x, y) in zip(a, b) { num += Double(x - y) * Double(x - y); den += Double(y) * Double(y) }
        return (num / den).squareRoot()
    }

    static func randomVolume(_ nx: Int, _ ny: Int, _ nz: Int, seed: UInt64) -> RealVolume {
        var rng = SplitMix64(seed: seed)
        return RealVolume(nx: nx, ny: ny, nz: nz) { _, _, _ in Float(rng.gaussian()) }
    }
}
