import TomoCore

/// Phase factors that move content between "centre at index 0" (how the padded grids hold
/// maps) and "centre at index n/2" (how real images and volumes hold them, RELION §10.2):
/// `exp(−2πi k·c/n)` with `c = n/2` per axis, i.e. `(−1)^k` for even `n`.
/// `factors(n)[i]` is the factor for half-layout index `i` along an axis of size `n`, with
/// `full` selecting a full (y/z) axis or the stored x half.
enum CentringPhase {
    static func factors(_ n: Int, full: Bool) -> [ComplexF] {
        let count = full ? n : n / 2 + 1
        let c = Double(n / 2)
        return (0..<count).map { i in
            let k = full ? FourierFrequency.signed(index: i, size: n) : i
            if n % 2 == 0 { return ComplexF((k & 1) == 0 ? 1 : -1, 0) }
            return ComplexF.unit(phase: -2 * Double.pi * Double(k) * c / Double(n))
        }
    }
}
