import TomoCore

/// Linear interpolation of real, Friedel-symmetric values (`w(−k) = w(k)`, e.g. CTF²) stored in
/// FFTW half layout of real size `nx×ny×nz`, at fractional signed frequency `(fx, fy, fz)`.
/// Beyond the stored range the nearest edge value is used.
enum HalfLayoutInterpolation {
    static func linear(_ w: [Float], nx: Int, ny: Int, nz: Int, _ fx: Double, _ fy: Double, _ fz: Double) -> Float {
        var x = fx, y = fy, z = fz
        if x < 0 { x = -x; y = -y; z = -z }
        let hx = nx / 2 + 1
        x = min(x, Double(hx - 1))
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down)), z0 = Int(z.rounded(.down))
        let tx = Float(x - Double(x0)), ty = Float(y - Double(y0)), tz = Float(z - Double(z0))
        func at(_ xi: Int, _ yi: Int, _ zi: Int) -> Float {
            var a = xi, b = yi, c = zi
            if a > hx - 1 { a = hx - 1 }
            b = max(-(ny - 1) / 2, min(ny / 2, b)); c = max(-(nz - 1) / 2, min(nz / 2, c))
            return w[a + hx * (FourierFrequency.index(frequency: b, size: ny) + ny * FourierFrequency.index(frequency: c, size: nz))]
        }
        let c00 = at(x0, y0, z0) + tx * (at(x0 + 1, y0, z0) - at(x0, y0, z0))
        let c10 = at(x0, y0 + 1, z0) + tx * (at(x0 + 1, y0 + 1, z0) - at(x0, y0 + 1, z0))
        let c0 = c00 + ty * (c10 - c00)
        if nz == 1 { return c0 }
        let c01 = at(x0, y0, z0 + 1) + tx * (at(x0 + 1, y0, z0 + 1) - at(x0, y0, z0 + 1))
        let c11 = at(x0, y0 + 1, z0 + 1) + tx * (at(x0 + 1, y0 + 1, z0 + 1) - at(x0, y0 + 1, z0 + 1))
        let c1 = c01 + ty * (c11 - c01)
        return c0 + tz * (c1 - c0)
    }
}
