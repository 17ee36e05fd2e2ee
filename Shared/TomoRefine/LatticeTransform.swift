import TomoCore

/// The sums between the voxels of a 3D pixel set and the points of a ``TranslationLattice``,
/// evaluated one axis at a time (a pruned 3D DFT):
/// * ``correlate(_:into:)``: `c_j = Re Σ_κ g_κ·e^{−iφ κ·j}` for every lattice point `j`: the
///   E-step cross terms of all translations, with `g = conj(C·P/σ²)·X_c` (§5.2);
/// * ``phases(weights:into:)``: `Φ_κ = Σ_j w_j·e^{−iφ κ·j}` for every voxel: the M-step's
///   `Σ_t w_t·X̃_t = X_c·Φ` (§5.4).
///
/// `φ = 2πΔ/N`. With `V` voxels, `R` x-runs, `Z` planes and `n` points per axis this costs
/// `V·n + R·n² + Z·n³` complex multiply-adds instead of `V·n³` (20 000 voxels, `n = 10`: 8×
/// fewer; fewer still when only some lattice points are needed, since each stage is short).
/// Partial sums run in `Float` over at most one run, plane or axis; the last stage in `Double`.
struct LatticeTransform: Sendable {
    let columns: PixelColumns
    let lattice: TranslationLattice
    /// `h`: tables hold `k ∈ −h…h`.
    let h: Int
    /// `e^{−iφ k j}` interleaved (re, im) at `(k + h)·n_axis + j`, for y and z.
    let ey: [Float], ez: [Float]
    /// The x stage's table, planar and by lattice point: `xr/xi[j·kp + k]`, `k ∈ 0…maxKx` zero
    /// padded to `kp` (a multiple of 8), so each point's sum over a run is SIMD over `k`.
    let xr: [Float], xi: [Float]
    let kp: Int

    init(columns: PixelColumns, lattice: TranslationLattice, boxSize n: Int) {
        self.columns = columns; self.lattice = lattice
        h = n / 2
        let phi = 2 * Double.pi * lattice.step / Double(n)
        func table(_ count: Int) -> [Float] {
            var t = [Float](repeating: 0, count: 2 * (2 * (n / 2) + 1) * count)
            for k in -(n / 2)...(n / 2) {
                for j in 0..<count {
                    let a = phi * Double(k * j)
                    t[2 * ((k + n / 2) * count + j)] = Float(_cos(a)); t[2 * ((k + n / 2) * count + j) + 1] = Float(-_sin(a))
                }
            }
            return t
        }
        ey = table(lattice.ny); ez = table(lattice.nz)
        let kp = (columns.maxKx + 8) / 8 * 8
        var xr = [Float](repeating: 0, count: kp * lattice.nx), xi = xr
        for j in 0..<lattice.nx {
            for k in 0...columns.maxKx {
                let a = phi * Double(k * j)
                xr[j * kp + k] = Float(_cos(a)); xi[j * kp + k] = Float(-_sin(a))
            }
        }
        self.kp = kp; self.xr = xr; self.xi = xi
    }

    /// Complex multiply-adds of one transform (for the work counters).
    var operations: Int {
        columns.runStart[columns.runCount] * lattice.nx + columns.runCount * lattice.nx * lattice.ny
            + columns.planeCount * lattice.count
    }

    /// `cross[j] = Re Σ_κ g_κ e^{−iφ κ·j}` for every lattice point (`g` interleaved, pixel order).
    @_optimize(speed)
    func correlate(_ g: UnsafePointer<Float>, into cross: UnsafeMutablePointer<Double>) {
        let nx = lattice.nx, ny = lattice.ny, nz = lattice.nz, nxy = nx * ny
        let c = columns
        var s1 = [Float](repeating: 0, count: 2 * nx * c.runCount)
        var s2 = [Float](repeating: 0, count: 2 * nxy)
        for j in 0..<lattice.count { cross[j] = 0 }
        var buffer = [Float](repeating: 0, count: 2 * kp)
        let blocks = kp / 8
        xr.withUnsafeBufferPointer { xrb in xi.withUnsafeBufferPointer { xib in buffer.withUnsafeMutableBufferPointer { bb in
        ey.withUnsafeBufferPointer { eyb in ez.withUnsafeBufferPointer { ezb in
        s1.withUnsafeMutableBufferPointer { s1b in s2.withUnsafeMutableBufferPointer { s2b in
            let s1p = s1b.baseAddress!, s2p = s2b.baseAddress!
            let br = bb.baseAddress!, bi = br + kp
            // x: each run, zero-padded to kp values, against every point's table row (SIMD over k).
            for r in 0..<c.runCount {
                let out = s1p + 2 * nx * r
                let start = c.runStart[r], end = c.runStart[r + 1]
                for i in 0..<(2 * kp) { br[i] = 0 }
                for p in start..<end {
                    let kx = c.runKx[r] + p - start
                    br[kx] = g[2 * p]; bi[kx] = g[2 * p + 1]
                }
                for j in 0..<nx {
                    let er = xrb.baseAddress! + j * kp, ei = xib.baseAddress! + j * kp
                    var ar = SIMD8<Float>(), ai = SIMD8<Float>()
                    for b in 0..<blocks {
                        let gr = load(br, 8 * b), gi = load(bi, 8 * b), cr = load(er, 8 * b), ci = load(ei, 8 * b)
                        ar += gr * cr - gi * ci; ai += gr * ci + gi * cr
                    }
                    out[2 * j] = ar.sum(); out[2 * j + 1] = ai.sum()
                }
            }
            for pl in 0..<c.planeCount {
                // y: the runs of the plane, one point (jx, jy) at a time in registers.
                let r0 = c.planeStart[pl], r1 = c.planeStart[pl + 1]
                for jy in 0..<ny {
                    for jx in 0..<nx {
                        var re: Float = 0, im: Float = 0
                        for r in r0..<r1 {
                            let e = eyb.baseAddress! + 2 * ((c.runKy[r] + h) * ny + jy)
                            let ar = s1p[2 * (nx * r + jx)], ai = s1p[2 * (nx * r + jx) + 1]
                            re += ar * e[0] - ai * e[1]; im += ar * e[1] + ai * e[0]
                        }
                        s2p[2 * (jx + nx * jy)] = re; s2p[2 * (jx + nx * jy) + 1] = im
                    }
                }
                // z: this plane's share of every point.
                let e = ezb.baseAddress! + 2 * (c.planeKz[pl] + h) * nz
                for jz in 0..<nz {
                    let er = e[2 * jz], ei = e[2 * jz + 1]
                    let out = cross + nxy * jz
                    for i in 0..<nxy { out[i] += Double(s2p[2 * i] * er - s2p[2 * i + 1] * ei) }
                }
            }
        } }
        } } } } }
    }

    /// `phi[κ] = Σ_j w_j e^{−iφ κ·j}` (interleaved, pixel order) for lattice weights `w`.
    @_optimize(speed)
    func phases(weights w: UnsafePointer<Double>, into phi: UnsafeMutablePointer<Float>) {
        let nx = lattice.nx, ny = lattice.ny, nz = lattice.nz, nxy = nx * ny
        let c = columns
        var t1 = [Float](repeating: 0, count: 2 * nxy)
        var t2 = [Float](repeating: 0, count: 2 * nx)
        var buffer = [Float](repeating: 0, count: 2 * kp)
        let blocks = kp / 8
        xr.withUnsafeBufferPointer { xrb in xi.withUnsafeBufferPointer { xib in buffer.withUnsafeMutableBufferPointer { bb in
        ey.withUnsafeBufferPointer { eyb in ez.withUnsafeBufferPointer { ezb in
        t1.withUnsafeMutableBufferPointer { t1b in t2.withUnsafeMutableBufferPointer { t2b in
            let t1p = t1b.baseAddress!, t2p = t2b.baseAddress!
            let br = bb.baseAddress!, bi = br + kp
            for pl in 0..<c.planeCount {
                // z: Σ_jz w_j e^{−iφ kz jz} for every (jx, jy).
                let e = ezb.baseAddress! + 2 * (c.planeKz[pl] + h) * nz
                for i in 0..<nxy {
                    var re = 0.0, im = 0.0
                    for jz in 0..<nz {
                        let v = w[i + nxy * jz]
                        re += v * Double(e[2 * jz]); im += v * Double(e[2 * jz + 1])
                    }
                    t1p[2 * i] = Float(re); t1p[2 * i + 1] = Float(im)
                }
                for r in c.planeStart[pl]..<c.planeStart[pl + 1] {
                    // y: per run, one jx at a time in registers.
                    let ey0 = eyb.baseAddress! + 2 * (c.runKy[r] + h) * ny
                    for jx in 0..<nx {
                        var re: Float = 0, im: Float = 0
                        for jy in 0..<ny {
                            let er = ey0[2 * jy], ei = ey0[2 * jy + 1]
                            let ar = t1p[2 * (jx + nx * jy)], ai = t1p[2 * (jx + nx * jy) + 1]
                            re += ar * er - ai * ei; im += ar * ei + ai * er
                        }
                        t2p[2 * jx] = re; t2p[2 * jx + 1] = im
                    }
                    // x: every k of 0…maxKx at once (SIMD), then the run's voxels.
                    for b in 0..<blocks {
                        var pr = SIMD8<Float>(), pi = SIMD8<Float>()
                        for jx in 0..<nx {
                            let tr = t2p[2 * jx], ti = t2p[2 * jx + 1]
                            let er = load(xrb.baseAddress! + jx * kp, 8 * b), ei = load(xib.baseAddress! + jx * kp, 8 * b)
                            pr += tr * er - ti * ei; pi += tr * ei + ti * er
                        }
                        store(pr, br, 8 * b); store(pi, bi, 8 * b)
                    }
                    let start = c.runStart[r], end = c.runStart[r + 1]
                    for p in start..<end {
                        let kx = c.runKx[r] + p - start
                        phi[2 * p] = br[kx]; phi[2 * p + 1] = bi[kx]
                    }
                }
            }
        } }
        } } } } }
    }
}

@inline(__always) private func load(_ p: UnsafePointer<Float>, _ o: Int) -> SIMD8<Float> {
    UnsafeRawPointer(p + o).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) private func load(_ p: UnsafeMutablePointer<Float>, _ o: Int) -> SIMD8<Float> {
    UnsafeRawPointer(p + o).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) private func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ o: Int) {
    UnsafeMutableRawPointer(p + o).storeBytes(of: v, as: SIMD8<Float>.self)
}
