/// Index ↔ frequency mapping of the FFTW half layout (RELION core convention, spec §10.3).
///
/// Along y and z (size `n`) index `i` holds frequency `i` for `i ≤ n/2`, else `i − n`, so for even
/// `n` the Nyquist index `n/2` reads **+n/2** (n = 6: 0, 1, 2, 3, −2, −1). Along x only
/// `0…nx/2` are stored and index = frequency. Frequencies are in Fourier pixels (cycles per box).
public enum FourierFrequency {
    /// Signed frequency of index `i` along a full (y or z) axis of size `n`.
    @inlinable public static func signed(index i: Int, size n: Int) -> Int { i <= n / 2 ? i : i - n }
    /// Index of signed frequency `k` along a full axis of size `n` (wraps negative frequencies).
    /// - Precondition: `-n < k < n`.
    @inlinable public static func index(frequency k: Int, size n: Int) -> Int { k >= 0 ? k : k + n }
    /// Shell index of a Fourier pixel: `round(|k|)` (spec §10.3).
    @inlinable public static func shell(_ kx: Int, _ ky: Int, _ kz: Int) -> Int {
        Int((Double(kx * kx + ky * ky + kz * kz)).squareRoot().rounded())
    }
}
