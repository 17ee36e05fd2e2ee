import TomoCore

/// Fourier shell correlation (RELION §5.7, §8.2).
///
/// `FSC(s) = Σ Re(F₁ F₂*) / √(Σ|F₁|² Σ|F₂|²)` over shell `s = round(|k|)` (Fourier pixels of the
/// x axis), shells `0…nx/2`, each half-layout element counted with its Friedel multiplicity
/// (so sums are over the full sphere). A shell with no power reads 0; shell `s` is at
/// resolution `nx·px/s` Å.
public enum FSC {
    /// FSC per shell `0…nx/2` between two transforms of the same size.
    /// - Precondition: same `nx, ny, nz`.
    public static func curve(_ a: FourierVolume, _ b: FourierVolume) -> [Double] {
        precondition(a.nx == b.nx && a.ny == b.ny && a.nz == b.nz,
                     "FSC.curve: sizes differ, \(a.nx)×\(a.ny)×\(a.nz) vs \(b.nx)×\(b.ny)×\(b.nz)")
        let n = RadialAverage.shellCount(nx: a.nx)
        var num = [Double](repeating: 0, count: n), p1 = num, p2 = num
        a.data.withUnsafeBufferPointer { x in
            b.data.withUnsafeBufferPointer { y in
                forEachFrequency(nx: a.nx, ny: a.ny, nz: a.nz) { i, kx, ky, kz in
                    let s = Int(frequencyRadius(kx, ky, kz, nx: a.nx, ny: a.ny, nz: a.nz).rounded())
                    guard s < n else { return }
                    let m = friedelMultiplicity(kx: kx, nx: a.nx)
                    let u = x[i], v = y[i]
                    num[s] += m * Double(u.re * v.re + u.im * v.im)
                    p1[s] += m * Double(u.normSquared); p2[s] += m * Double(v.normSquared)
                }
            }
        }
        return (0..<n).map { let d = (p1[$0] * p2[$0]).squareRoot(); return d > 0 ? num[$0] / d : 0 }
    }

    /// Fractional shell where the curve first falls below `threshold`, interpolated linearly
    /// between the last shell at or above it and the first below; `nil` when it never does
    /// (shell 0 is ignored).
    public static func crossingShell(_ fsc: [Double], threshold: Double) -> Double? {
        guard fsc.count > 1 else { return nil }
        for s in 1..<fsc.count where fsc[s] < threshold {
            let a = fsc[s - 1], b = fsc[s]
            if a < threshold { return Double(s - 1) }   // already below at shell s−1 (only if s−1 = 0)
            return Double(s - 1) + (a - threshold) / (a - b)
        }
        return nil
    }

    /// Resolution (Å) where the FSC falls below `threshold` (0.143 gold standard, 0.5 against a
    /// reference): `boxSize·pixelSize / shell` with the shell from ``crossingShell(_:threshold:)``.
    /// When the curve never falls below, the Nyquist resolution `2·pixelSize` of the last shell
    /// (`boxSize·pixelSize / (count−1)`) is returned.
    public static func resolution(_ fsc: [Double], threshold: Double, boxSize: Int, pixelSize: Double) -> Double {
        let shell = crossingShell(fsc, threshold: threshold) ?? Double(fsc.count - 1)
        return shell > 0 ? Double(boxSize) * pixelSize / shell : .infinity
    }
}
