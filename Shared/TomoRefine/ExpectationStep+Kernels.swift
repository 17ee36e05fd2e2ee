import Synchronization
import TomoCore
import TomoKernels

/// Process-wide counters of the E-step's scoring work, for throughput figures (benchmarks).
///
/// `imageEvaluations` counts (image × orientation × translation) scores, i.e. RELION's
/// (particle × orientation × translation) evaluations times the images of each particle (1 in
/// 3D mode, the visible tilts in 2D-stack mode); `pixelTerms` counts the complex
/// multiply-adds of those scores (one per E-step pixel each). Relaxed atomics: the totals are
/// exact, reading them while an iteration runs gives a partial count.
public enum ExpectationWorkCounters {
    static let images = Atomic<Int>(0)
    static let pixels = Atomic<Int>(0)

    /// (image × orientation × translation) scores since the last ``reset()``.
    public static var imageEvaluations: Int { images.load(ordering: .relaxed) }
    /// Pixel terms (complex multiply-adds) of those scores since the last ``reset()``.
    public static var pixelTerms: Int { pixels.load(ordering: .relaxed) }
    /// Sets both counters to zero.
    public static func reset() {
        images.store(0, ordering: .relaxed); pixels.store(0, ordering: .relaxed)
    }
}

extension ExpectationStep {
    /// `x·exp(−2πi κ·u/N)` for every pixel of `pixels`, interleaved into `out`.
    ///
    /// The phase factor is separable, `e^{iφ_x κ_x}·e^{iφ_y κ_y}·e^{iφ_z κ_z}` with integer `κ`,
    /// so it is built from three tables of `N + 1` values each (`Double`, from `_cos`/`_sin`)
    /// instead of a `sin`/`cos` pair per pixel; the product is rounded to `Float` once.
    @_optimize(speed)
    static func shift(_ x: [ComplexF], by u: Vector3, pixels: FourierPixelSet, into out: UnsafeMutablePointer<Float>) {
        let n = pixels.boxSize, h = n / 2, width = 2 * h + 1
        let f = -2 * Double.pi / Double(n)
        // table[axis][κ + h] = (cos, sin) of f·κ·u_axis, for the κ the set holds (κx ≥ 0,
        // |κ| ≤ size/2, κz = 0 in 2D).
        var table = [Double](repeating: 0, count: 3 * 2 * width)
        let reach = min(h, pixels.size / 2)
        for (axis, ua) in [u.x, u.y, u.z].enumerated() {
            let range = axis == 0 ? 0...reach : (axis == 2 && !pixels.threeDimensional ? 0...0 : -reach...reach)
            for k in range {
                let phase = f * Double(k) * ua
                table[2 * (axis * width + k + h)] = _cos(phase); table[2 * (axis * width + k + h) + 1] = _sin(phase)
            }
        }
        let count = pixels.count
        table.withUnsafeBufferPointer { tb in
        x.withUnsafeBufferPointer { xb in
        pixels.kx.withUnsafeBufferPointer { kxb in
        pixels.ky.withUnsafeBufferPointer { kyb in
        pixels.kz.withUnsafeBufferPointer { kzb in
        pixels.dataIndex.withUnsafeBufferPointer { db in
            let tx = tb.baseAddress! + 2 * h, ty = tx + 2 * width, tz = ty + 2 * width
            // The y·z factor is the same along a row (pixels come in rows of constant ky, kz).
            var rowY: Float = .nan, rowZ: Float = .nan, ar = 0.0, ai = 0.0
            for p in 0..<count {
                if kyb[p] != rowY || kzb[p] != rowZ {
                    rowY = kyb[p]; rowZ = kzb[p]
                    let iy = 2 * Int(rowY), iz = 2 * Int(rowZ)
                    let yr = ty[iy], yi = ty[iy + 1], zr = tz[iz], zi = tz[iz + 1]
                    ar = yr * zr - yi * zi; ai = yr * zi + yi * zr
                }
                let ix = 2 * Int(kxb[p])
                let xr = tx[ix], xi = tx[ix + 1]
                let c = Float(xr * ar - xi * ai), s = Float(xr * ai + xi * ar)
                let v = xb[db[p]]
                out[2 * p] = v.re * c - v.im * s; out[2 * p + 1] = v.re * s + v.im * c
            }
        } } } } } }
    }

    /// The inner loop for one orientation and image: `Ŝ = C·P`, returns `½ Σ |Ŝ|²/σ²` and adds
    /// `Σ Re(Ŝ·X̃_t*)/σ²` to `cross[t]` for every translation (shifted images `stride` apart).
    @_optimize(speed)
    static func scoreImage(projection: UnsafePointer<Float>, ctf: UnsafePointer<Float>,
                           inverseSigma2 inv: UnsafePointer<Float>, pixels np: Int,
                           shifted: UnsafePointer<Float>, stride: Int, translations nt: Int,
                           scratch a: UnsafeMutablePointer<Float>, cross: UnsafeMutablePointer<Double>) -> Double {
        let e = weightedProjection(projection, ctf: ctf, inverseSigma2: inv, pixels: np, into: a)
        crossTerms(UnsafePointer(a), pixels: np, shifted: shifted, stride: stride, translations: nt, cross: cross)
        return e
    }

    /// `a = Ŝ/σ²` with `Ŝ = C·P` (interleaved; `a` may be `projection` itself); returns
    /// `½ Σ |Ŝ|²/σ²`, summed in pixel order.
    @_optimize(speed)
    static func weightedProjection(_ projection: UnsafePointer<Float>, ctf: UnsafePointer<Float>,
                                   inverseSigma2 inv: UnsafePointer<Float>, pixels np: Int,
                                   into a: UnsafeMutablePointer<Float>) -> Double {
        var e: Float = 0
        for q in 0..<np {
            let c = ctf[q]
            let sr = c * projection[2 * q], si = c * projection[2 * q + 1]
            e += (sr * sr + si * si) * inv[q]
            a[2 * q] = sr * inv[q]; a[2 * q + 1] = si * inv[q]
        }
        return Double(e) / 2
    }

    /// Adds `a·x_t` to `cross[t]` for every translation `t` (shifted images `stride` apart).
    ///
    /// Each dot product uses eight partial sums over the same blocks in the same order, so its
    /// value does not depend on which translations are scored together; four translations share
    /// each load of `a`.
    @_optimize(speed)
    static func crossTerms(_ a: UnsafePointer<Float>, pixels np: Int, shifted: UnsafePointer<Float>, stride: Int,
                           translations nt: Int, cross: UnsafeMutablePointer<Double>) {
        ExpectationWorkCounters.images.add(nt, ordering: .relaxed)
        ExpectationWorkCounters.pixels.add(nt * np, ordering: .relaxed)
        let blocks = (2 * np) / 8
        @inline(__always) func load(_ p: UnsafePointer<Float>, _ o: Int) -> SIMD8<Float> {
            UnsafeRawPointer(p + o).loadUnaligned(as: SIMD8<Float>.self)
        }
        @inline(__always) func tail(_ x: UnsafePointer<Float>, _ acc: SIMD8<Float>) -> Double {
            var total = acc.sum()
            for r in (8 * blocks)..<(2 * np) { total += a[r] * x[r] }
            return Double(total)
        }
        var t = 0
        while t + 4 <= nt {
            let x0 = shifted + t * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            for b in 0..<blocks {
                let o = 8 * b
                let va = load(a, o)
                c0 += va * load(x0, o); c1 += va * load(x1, o); c2 += va * load(x2, o); c3 += va * load(x3, o)
            }
            cross[t] += tail(x0, c0); cross[t + 1] += tail(x1, c1); cross[t + 2] += tail(x2, c2); cross[t + 3] += tail(x3, c3)
            t += 4
        }
        while t < nt {
            let x = shifted + t * stride
            var acc = SIMD8<Float>()
            for b in 0..<blocks {
                let o = 8 * b
                acc += load(a, o) * load(x, o)
            }
            cross[t] += tail(x, acc)
            t += 1
        }
    }
}
