import TomoCore

extension HalfLayoutInterpolation {
    /// ``linear(_:nx:ny:nz:_:_:_:)`` at every point `(x, y, z)/padding` of a padded half grid
    /// (`x ≥ 0`; `y`, `z` signed), with the corner indices and fractions of each axis computed
    /// once per axis instead of per point. Values are bit-identical to `linear` at those points.
    struct PaddedGrid {
        /// Per padded x index: the two stored x indices and the fraction.
        var x0: [Int] = [], x1: [Int] = [], tx: [Float] = []
        /// Per padded y (z) storage index: offsets of the two stored rows (planes) and the fraction.
        var y0: [Int] = [], y1: [Int] = [], ty: [Float] = []
        var z0: [Int] = [], z1: [Int] = [], tz: [Float] = []
        let threeDimensional: Bool

        /// Tables for stored values of real size `nx×ny×nz` (`nz = 1`: 2D) sampled on the half grid
        /// of the padded box `padding·nx` (x indices `0…padding·nx/2`, y/z storage indices of the
        /// padded box, frequencies `FourierFrequency.signed`).
        init(nx: Int, ny: Int, nz: Int, padding: Int) {
            let hx = nx / 2 + 1, pad = Double(padding)
            let px = padding * nx, py = padding * ny, pz = nz == 1 ? 1 : padding * nz
            threeDimensional = nz > 1
            for i in 0..<(px / 2 + 1) {
                let x = min(Double(i) / pad, Double(hx - 1))
                let f = Int(x.rounded(.down))
                x0.append(min(f, hx - 1)); x1.append(min(f + 1, hx - 1)); tx.append(Float(x - Double(f)))
            }
            func axis(_ count: Int, _ n: Int, _ stride: Int) -> ([Int], [Int], [Float]) {
                var a: [Int] = [], b: [Int] = [], t: [Float] = []
                for i in 0..<count {
                    let v = Double(FourierFrequency.signed(index: i, size: count)) / pad
                    let f = Int(v.rounded(.down))
                    func row(_ k: Int) -> Int {
                        stride * FourierFrequency.index(frequency: max(-(n - 1) / 2, min(n / 2, k)), size: n)
                    }
                    a.append(row(f)); b.append(row(f + 1)); t.append(Float(v - Double(f)))
                }
                return (a, b, t)
            }
            (y0, y1, ty) = axis(py, ny, hx)
            (z0, z1, tz) = axis(pz, nz, hx * ny)
        }

        /// The interpolated value at padded point `(x, y, z)` (storage indices; `z = 0` in 2D).
        @inline(__always)
        func value(_ w: UnsafePointer<Float>, _ x: Int, _ y: Int, _ z: Int) -> Float {
            let a0 = x0[x], a1 = x1[x], t = tx[x]
            let b0 = y0[y], b1 = y1[y], u = ty[y]
            let c0z = z0[z]
            let c00 = w[a0 + b0 + c0z] + t * (w[a1 + b0 + c0z] - w[a0 + b0 + c0z])
            let c10 = w[a0 + b1 + c0z] + t * (w[a1 + b1 + c0z] - w[a0 + b1 + c0z])
            let c0 = c00 + u * (c10 - c00)
            if !threeDimensional { return c0 }
            let c1z = z1[z]
            let c01 = w[a0 + b0 + c1z] + t * (w[a1 + b0 + c1z] - w[a0 + b0 + c1z])
            let c11 = w[a0 + b1 + c1z] + t * (w[a1 + b1 + c1z] - w[a0 + b1 + c1z])
            let c1 = c01 + u * (c11 - c01)
            return c0 + tz[z] * (c1 - c0)
        }
    }
}
