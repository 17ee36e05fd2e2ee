import TomoCore

/// Radiation-damage weights of tomography (spec §2.5, RELION `src/jaz/optics/damage.cpp`).
///
/// Units: spatial frequency `k` in Å⁻¹, `dose` (cumulative pre-exposure N) in e⁻/Å²,
/// `bFactorPerElectronDose` (B_e) in Å² per e⁻/Å².
///
/// Grant & Grigorieff (2015): critical exposure `N_c(k) = 0.245·k^(−1.665) + 2.81` and
/// `W(k; N) = exp(−N / (2·N_c(k)))`, so `W(0) = 1`. When `B_e > 0` the weight is instead
/// `exp(−B_e·N·k²/4)`.
public enum DoseWeight {
    /// Critical exposure `N_c(k)` (e⁻/Å²) at `k` Å⁻¹; `+∞` at k = 0.
    public static func criticalExposure(k: Double) -> Double {
        if k <= 0 { return .infinity }
        return 0.245 * _pow(k, -1.665) + 2.81
    }

    /// Dose weight at spatial frequency magnitude `k` (Å⁻¹) after `dose` e⁻/Å².
    public static func weight(k: Double, dose: Double, bFactorPerElectronDose: Double = 0) -> Double {
        if bFactorPerElectronDose > 0 {
            return _exp(-bFactorPerElectronDose * dose * k * k / 4)
        }
        if k <= 0 { return 1 }
        return _exp(-0.5 * dose / criticalExposure(k: k))
    }

    /// Weight image on the half Fourier grid of an n×n image (`CTFHalfGrid` layout) with
    /// `pixelSize` Å/pixel, for one tilt with cumulative `dose` e⁻/Å².
    public static func image(size n: Int, pixelSize: Double, dose: Double,
                             bFactorPerElectronDose: Double = 0) -> [Float] {
        var out = [Float](repeating: 0, count: CTFHalfGrid.count(size: n))
        CTFHalfGrid.forEach(size: n, pixelSize: pixelSize) { i, kx, ky in
            let k = (kx * kx + ky * ky).squareRoot()
            out[i] = Float(weight(k: k, dose: dose, bFactorPerElectronDose: bFactorPerElectronDose))
        }
        return out
    }

    /// One weight image per tilt (`doses[f]` = cumulative dose of tilt f, e⁻/Å²), in the order given.
    public static func images(size n: Int, pixelSize: Double, doses: [Double],
                              bFactorPerElectronDose: Double = 0) -> [[Float]] {
        doses.map { image(size: n, pixelSize: pixelSize, dose: $0, bFactorPerElectronDose: bFactorPerElectronDose) }
    }
}
