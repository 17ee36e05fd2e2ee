import TomoCore
import TomoFFT
import TomoKernels

/// MAP reconstruction of a class from its back-projected sums with the τ² prior (spec §5.4):
/// ```
/// V(K) = data(K) / max( weight(K) + 1/(u·T·τ²(s)),  0.001·⟨weight⟩_shell )
/// ```
/// for shells `s ≥ 5` (`minres_map`; below, no prior term), then inverse FFT of the padded box,
/// windowing and gridding correction (as `BackProjector.reconstruct`).
///
/// Units: `τ²(s)` is the per-component prior variance of the map transform in this library's
/// units (`FFT.forward` of the `N³` map, divided by voxels): `⟨|F_ref|²⟩_s / 2` of the current
/// reference. The data weights are `Σ w·C/σ²` of the images; for 2D slices (which are `N` times
/// the 3D transform, see `PaddedFourierReference`) the prior term is `1/(N²·T·τ²)` (`u = N²`),
/// for 3D pseudo-subtomograms `u = 1`. This is RELION's `1/(pad³·T·τ²)` expressed in these units.
/// `ssnr` (`rlnSsnrMap`, `data_vs_prior`) is the shell average of `weight·u·T·τ²`.
enum MapReconstruction {
    /// τ² per shell `0…N/2` of a map: half its rotationally averaged power.
    static func tau2(of map: RealVolume) -> [Double] {
        RadialAverage.power(FFT.forward(map)).map { $0 / 2 }
    }

    static func reconstruct(_ bp: BackProjector, tau2: [Double], fudge: Double, unitFactor: Double,
                            minimumShell: Int = 5) -> (map: RealVolume, ssnr: [Double]) {
        let n = bp.size, pad = bp.padding, p = bp.paddedSize
        let k = p / 2 + 1, sx = k + 1, sy = 2 * k + 1
        @inline(__always) func index(_ x: Int, _ y: Int, _ z: Int) -> Int { x + sx * ((y + k) + sy * (z + k)) }
        var d = bp.data, w = bp.weight
        for z in 0...k { for y in -k...k where z > 0 || y > 0 {
            let i = index(0, y, z), j = index(0, -y, -z)
            let s = d[i] + d[j].conjugate, ws = w[i] + w[j]
            d[i] = s; d[j] = s.conjugate; w[i] = ws; w[j] = ws
        } }
        let c0 = index(0, 0, 0)
        d[c0] = ComplexF(2 * d[c0].re, 0); w[c0] *= 2

        let rMax = Double(p) / 2
        let nPadShells = Int(rMax) + 2
        var wSum = [Double](repeating: 0, count: nPadShells), wCount = [Double](repeating: 0, count: nPadShells)
        let nShells = n / 2 + 1
        var ssnrSum = [Double](repeating: 0, count: nShells), ssnrCount = [Double](repeating: 0, count: nShells)
        for z in -k...k { for y in -k...k { for x in 0...k {
            let r = Double(x * x + y * y + z * z).squareRoot()
            let s = Int(r.rounded())
            let wt = Double(w[index(x, y, z)])
            if s < nPadShells { wSum[s] += wt; wCount[s] += 1 }
            let sOrig = Int((r / Double(pad)).rounded())
            if sOrig < nShells && r <= rMax {
                let t2 = sOrig < tau2.count ? tau2[sOrig] : 0
                ssnrSum[sOrig] += wt * unitFactor * fudge * t2; ssnrCount[sOrig] += 1
            }
        } } }
        let threshold = (0..<nPadShells).map { wCount[$0] > 0 ? 0.001 * wSum[$0] / wCount[$0] : 0 }
        let ssnr = (0..<nShells).map { ssnrCount[$0] > 0 ? ssnrSum[$0] / ssnrCount[$0] : 0 }

        let pad3 = Float(pad * pad * pad)
        var padded = FourierVolume(nx: p, ny: p, nz: p)
        let hx = p / 2 + 1
        for iz in 0..<p {
            let kz = FourierFrequency.signed(index: iz, size: p)
            for iy in 0..<p {
                let ky = FourierFrequency.signed(index: iy, size: p)
                for x in 0..<hx {
                    let r2 = Double(x * x + ky * ky + kz * kz)
                    if r2 > rMax * rMax { continue }
                    let r = r2.squareRoot()
                    let gi = index(x, ky, kz)
                    let sOrig = Int((r / Double(pad)).rounded())
                    var denominator = Double(w[gi])
                    if sOrig >= minimumShell, sOrig < tau2.count, tau2[sOrig] > 0 {
                        denominator += 1 / (unitFactor * fudge * tau2[sOrig])
                    }
                    let s0 = Int(r), f = r - Double(s0)
                    let t = (1 - f) * threshold[s0] + f * threshold[min(s0 + 1, nPadShells - 1)]
                    denominator = max(denominator, t)
                    if denominator > 0 { padded.data[x + hx * (iy + p * iz)] = d[gi] / (Float(denominator) * pad3) }
                }
            }
        }
        let big = FFT.inverse(padded)
        let c = n / 2
        var out = RealVolume(cube: n)
        for z in 0..<n { for y in 0..<n { for x in 0..<n {
            out[x, y, z] = big[(x - c + p) % p, (y - c + p) % p, (z - c + p) % p]
        } } }
        GriddingCorrection.divide(&out, paddedSize: p)
        return (out, ssnr)
    }

    /// Mean back-projected weight per original shell `0…N/2` (padded voxels at `round(r/pad)`).
    static func shellMeanWeight(_ bp: BackProjector) -> [Double] {
        let n = bp.size, pad = bp.padding, p = bp.paddedSize
        let k = p / 2 + 1, sx = k + 1, sy = 2 * k + 1
        var sum = [Double](repeating: 0, count: n / 2 + 1), count = sum
        for z in -k...k { for y in -k...k { for x in 0...k {
            let r = Double(x * x + y * y + z * z).squareRoot()
            let s = Int((r / Double(pad)).rounded())
            if s <= n / 2 && r <= Double(p) / 2 {
                sum[s] += Double(bp.weight[x + sx * ((y + k) + sy * (z + k))]); count[s] += 1
            }
        } } }
        return (0...(n / 2)).map { count[$0] > 0 ? sum[$0] / count[$0] : 0 }
    }
}
