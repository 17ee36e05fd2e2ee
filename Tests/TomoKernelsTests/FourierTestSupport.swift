import TomoCore
import TomoFFT
import TomoKernels

/// Phantoms, orientation sets and oracles shared by the Fourier kernel tests.
enum FourierTestSupport {
    /// Sum of `blobs` Gaussian blobs (σ in `sigma` pixels, amplitudes ±) within radius
    /// `extent·n/2` of the centre; seeded.
    static func phantom(_ n: Int, seed: UInt64, blobs: Int = 36, sigma: ClosedRange<Double>, extent: Double = 0.6) -> RealVolume {
        var rng = SplitMix64(seed: seed)
        var params: [(Vector3, Double, Double)] = []
        let c = Double(n / 2), rmax = extent * Double(n) / 2
        while params.count < blobs {
            let p = Vector3(rng.uniform(-rmax, rmax), rng.uniform(-rmax, rmax), rng.uniform(-rmax, rmax))
            if p.norm > rmax { continue }
            params.append((p + Vector3(c, c, c), rng.uniform(sigma.lowerBound, sigma.upperBound), rng.uniform(0.3, 1.0)))
        }
        return RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            var s = 0.0
            for (p, sg, a) in params {
                let d = Vector3(Double(x), Double(y), Double(z)) - p
                let r2 = d.dot(d)
                if r2 < 25 * sg * sg { s += a * _exp(-r2 / (2 * sg * sg)) }
            }
            return Float(s)
        }
    }

    /// `count` orientations: Fibonacci-sphere viewing directions, each with a random psi (seeded).
    static func fibonacciOrientations(_ count: Int, seed: UInt64) -> [Matrix3] {
        var rng = SplitMix64(seed: seed)
        let golden = Double.pi * (3 - 5.0.squareRoot())
        return (0..<count).map { i in
            let z = 1 - 2 * (Double(i) + 0.5) / Double(count)
            let rot = (Double(i) * golden).truncatingRemainder(dividingBy: 2 * .pi) * 180 / .pi
            let tilt = _acos(z) * 180 / .pi
            return EulerAngles(rot: rot, tilt: tilt, psi: rng.uniform(-180, 180)).matrix
        }
    }

    /// `V_rot(i) = V(Aᵀ(i − c) + c)`, trilinear, zero outside.
    static func rotateRealSpace(_ v: RealVolume, _ a: Matrix3) -> RealVolume {
        let at = a.transposed
        let c = Vector3(Double(v.nx / 2), Double(v.ny / 2), Double(v.nz / 2))
        func at3(_ x: Int, _ y: Int, _ z: Int) -> Double {
            (x < 0 || y < 0 || z < 0 || x >= v.nx || y >= v.ny || z >= v.nz) ? 0 : Double(v[x, y, z])
        }
        return RealVolume(nx: v.nx, ny: v.ny, nz: v.nz) { x, y, z in
            let p = at * (Vector3(Double(x), Double(y), Double(z)) - c) + c
            let x0 = Int(p.x.rounded(.down)), y0 = Int(p.y.rounded(.down)), z0 = Int(p.z.rounded(.down))
            let fx = p.x - Double(x0), fy = p.y - Double(y0), fz = p.z - Double(z0)
            var s = 0.0
            for dz in 0...1 { for dy in 0...1 { for dx in 0...1 {
                let w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy) * (dz == 0 ? 1 - fz : fz)
                s += w * at3(x0 + dx, y0 + dy, z0 + dz)
            } } }
            return Float(s)
        }
    }

    /// Sum along z.
    static func projectZ(_ v: RealVolume) -> RealImage {
        RealImage(nx: v.nx, ny: v.ny) { x, y in (0..<v.nz).reduce(Float(0)) { $0 + v[x, y, $1] } }
    }

    /// Normalised complex correlation `Re Σ a b* / √(Σ|a|² Σ|b|²)` over pixels with
    /// `|k| ≤ maxRadius` (Friedel-weighted).
    static func correlation(_ a: FourierImage, _ b: FourierImage, maxRadius: Double) -> Double {
        var num = 0.0, pa = 0.0, pb = 0.0
        let hx = a.nx / 2 + 1
        for y in 0..<a.ny {
            let ky = FourierFrequency.signed(index: y, size: a.ny)
            for x in 0..<hx where Double(x * x + ky * ky).squareRoot() <= maxRadius {
                let m = (x == 0 || (a.nx % 2 == 0 && x == a.nx / 2)) ? 1.0 : 2.0
                let u = a[x, y], v = b[x, y]
                num += m * Double(u.re * v.re + u.im * v.im)
                pa += m * Double(u.normSquared); pb += m * Double(v.normSquared)
            }
        }
        return num / (pa * pb).squareRoot()
    }

    /// The same correlation for volumes (shell-free, whole band `|k| ≤ maxRadius`).
    static func correlation(_ a: FourierVolume, _ b: FourierVolume, maxRadius: Double) -> Double {
        var num = 0.0, pa = 0.0, pb = 0.0
        let hx = a.nx / 2 + 1
        var i = 0
        for z in 0..<a.nz {
            let kz = FourierFrequency.signed(index: z, size: a.nz)
            for y in 0..<a.ny {
                let ky = FourierFrequency.signed(index: y, size: a.ny)
                for x in 0..<hx {
                    defer { i += 1 }
                    if Double(x * x + ky * ky + kz * kz).squareRoot() > maxRadius { continue }
                    let m = (x == 0 || (a.nx % 2 == 0 && x == a.nx / 2)) ? 1.0 : 2.0
                    let u = a.data[i], v = b.data[i]
                    num += m * Double(u.re * v.re + u.im * v.im)
                    pa += m * Double(u.normSquared); pb += m * Double(v.normSquared)
                }
            }
        }
        return num / (pa * pb).squareRoot()
    }

    static func relativeError(_ a: [Float], _ b: [Float]) -> Double {
        var num = 0.0, den = 0.0
        for (x, y) in zip(a, b) { num += Double(x - y) * Double(x - y); den += Double(y) * Double(y) }
        return (num / den).squareRoot()
    }
}
