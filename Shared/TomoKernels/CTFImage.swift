import TomoCore

/// Fourier-grid frequencies of the FFTW half layout used by the CTF and dose-weight images.
///
/// A 2D Fourier image of real size n×n holds `(n/2+1)·n` values, index `x + (n/2+1)·y`, with
/// `kx = x` (0…n/2) and `ky = y ≤ n/2 ? y : y − n` (RELION core's convention: the Nyquist row
/// reads as +n/2), in pixels; the physical frequency is `k/(n·pixelSize)` Å⁻¹.
public enum CTFHalfGrid {
    /// Number of stored values for a real n×n image: `(n/2+1)·n`.
    public static func count(size n: Int) -> Int { (n / 2 + 1) * n }

    /// Signed frequency index of row `y` for size `n` (`y ≤ n/2 ? y : y − n`).
    @inlinable public static func signedRow(_ y: Int, size n: Int) -> Int { y <= n / 2 ? y : y - n }

    /// Calls `body(index, kx, ky)` for every stored value, with kx, ky in Å⁻¹.
    @inlinable public static func forEach(size n: Int, pixelSize: Double,
                                          _ body: (_ index: Int, _ kx: Double, _ ky: Double) -> Void) {
        precondition(n > 0 && pixelSize > 0, "CTFHalfGrid: size (\(n)) and pixel size (\(pixelSize) Å) must be positive")
        let w = n / 2 + 1
        let scale = 1 / (Double(n) * pixelSize)
        for y in 0..<n {
            let ky = Double(signedRow(y, size: n)) * scale
            for x in 0..<w { body(x + w * y, Double(x) * scale, ky) }
        }
    }
}

extension CTF {
    /// CTF values on the half Fourier grid of an n×n image with `pixelSize` Å/pixel
    /// (`CTFHalfGrid` layout, `(n/2+1)·n` values; RELION's `getFftwImage`).
    public func image(size n: Int, pixelSize: Double) -> [Float] {
        var out = [Float](repeating: 0, count: CTFHalfGrid.count(size: n))
        CTFHalfGrid.forEach(size: n, pixelSize: pixelSize) { i, kx, ky in
            out[i] = Float(value(kx: kx, ky: ky))
        }
        return out
    }

    /// CTF² on the half Fourier grid (same layout as `image`): the weight of CTF-premultiplied data
    /// (spec §3.3 step 5, §3.5).
    public func squaredImage(size n: Int, pixelSize: Double) -> [Float] {
        var out = [Float](repeating: 0, count: CTFHalfGrid.count(size: n))
        CTFHalfGrid.forEach(size: n, pixelSize: pixelSize) { i, kx, ky in
            let v = value(kx: kx, ky: ky)
            out[i] = Float(v * v)
        }
        return out
    }
}
