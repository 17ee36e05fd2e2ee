import TomoCore

/// Calls `body(index, kx, ky, kz)` for every stored element of an `nx×ny×nz` half-layout
/// transform, with signed frequencies (RELION core convention, `FourierFrequency`).
@inline(__always)
func forEachFrequency(nx: Int, ny: Int, nz: Int, _ body: (Int, Int, Int, Int) -> Void) {
    let hx = nx / 2 + 1
    var i = 0
    for z in 0..<nz {
        let kz = FourierFrequency.signed(index: z, size: nz)
        for y in 0..<ny {
            let ky = FourierFrequency.signed(index: y, size: ny)
            for x in 0..<hx { body(i, x, ky, kz); i += 1 }
        }
    }
}

/// How many full-transform elements a stored half-layout element stands for: 1 on the `kx = 0`
/// plane and on the x-Nyquist plane of an even `nx` (self-conjugate sets), else 2 (itself and
/// its Friedel mate). Sums weighted by it equal sums over the full transform.
@inline(__always)
func friedelMultiplicity(kx: Int, nx: Int) -> Double {
    (kx == 0 || (nx % 2 == 0 && kx == nx / 2)) ? 1 : 2
}

/// Frequency radius in Fourier pixels of the x axis: `|(kx, ky·nx/ny, kz·nx/nz)|` (`|k|` for cubes).
@inline(__always)
func frequencyRadius(_ kx: Int, _ ky: Int, _ kz: Int, nx: Int, ny: Int, nz: Int) -> Double {
    let fy = Double(ky * nx) / Double(ny), fz = Double(kz * nx) / Double(nz)
    return (Double(kx * kx) + fy * fy + fz * fz).squareRoot()
}
