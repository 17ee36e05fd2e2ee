import TomoCore
import TomoFFT
import TomoKernels

/// A RELION-4-style 3D pseudo-subtomogram (spec §3.5): the `b×b` premultiplied slices of the visible
/// frames "forward back-projected" into a `c³` Fourier half grid in the **sub-tomogram frame**.
///
/// * Every 2D Fourier pixel `(kx, ky)` of a slice (its centring phase removed) is splatted trilinearly (no oversampling) at
///   `(c/b)·(kx·u + ky·v)`, `u, v` the first two rows of `R_f·A_s`, conjugated where the x
///   component is negative; pixels beyond `|q| > c/2` or with dose weight below the cut-off are
///   skipped. `data` sums the values, `ctfSquared` the weights `(CTF·W)²`, `multiplicity` the
///   trilinear insertion weights. ``finish()`` adds the `x = 0` plane to its Friedel mirror.
/// * Units: `data` is the transform (forward divided by `c³`) of a `c³` map; a slice transform
///   `S_b` (divided by `b²`) contributes `b²/c³·S_b`, so that `data/ctfSquared` is the transform of
///   the particle map cropped to `c³`, consistent with 2D-stack insertion into a `c³`
///   ``ReconstructionAccumulator``.
/// * Files (RELION layout): ``realSpaceData`` (`<name>_data.mrc`, `c³`, inverse FFT of `data`,
///   not divided by the weights) and ``weightVolume`` (`<name>_weights.mrc`, real array
///   `(c/2+1)×c×2c`: slices `z < c` CTF², `z ≥ c` multiplicity, FFTW half layout, not centred).
public struct PseudoSubtomogram: Sendable {
    /// `c`.
    public let size: Int
    /// Σ slices (half layout, see type doc).
    public var data: FourierVolume
    /// Σ (CTF·W)² (half layout).
    public var ctfSquared: [Float]
    /// Σ trilinear weights (half layout).
    public var multiplicity: [Float]

    /// An empty `c³` pseudo-subtomogram.
    public init(size c: Int) {
        size = c
        data = FourierVolume(nx: c, ny: c, nz: c)
        ctfSquared = [Float](repeating: 0, count: data.count)
        multiplicity = ctfSquared
    }

    /// Builds one from files: `data` is the `c³` real-space volume, `weights` the `(c/2+1)×c×2c`
    /// array (or `(c/2+1)×c×c` without multiplicity, which is then taken as 1).
    /// - Precondition: shapes as stated.
    public init(realSpaceData v: RealVolume, weightVolume w: RealVolume) {
        let c = v.nx
        precondition(v.isCubic && w.nx == c / 2 + 1 && w.ny == c && (w.nz == c || w.nz == 2 * c),
                     "pseudo-subtomogram: data \(v.nx)×\(v.ny)×\(v.nz) and weights \(w.nx)×\(w.ny)×\(w.nz) do not match RELION's layout")
        size = c
        data = FFT.forward(v)
        let n = (c / 2 + 1) * c * c
        ctfSquared = Array(w.data[0..<n])
        multiplicity = w.nz == 2 * c ? Array(w.data[n..<(2 * n)]) : [Float](repeating: 1, count: n)
    }

    /// Splats one extracted frame seen through `rotation` = `R_f·A_s` (sub-tomogram frame → image).
    public mutating func insert(_ frame: ExtractedFrame, rotation m: Matrix3, doseCutoff: Double) {
        let b = frame.data.nx, c = size, hb = b / 2 + 1, hc = c / 2 + 1
        let s = Double(c) / Double(b)
        let gain = Float(b * b) / Float(c * c * c)
        let u = s * m.row(0), v = s * m.row(1)
        let rMax2 = Double(c * c) / 4
        let cut = Float(doseCutoff)
        for y in 0..<b {
            let ky = Double(FourierFrequency.signed(index: y, size: b))
            for x in 0..<hb {
                let i = x + hb * y
                if frame.doseWeight[i] < cut { continue }
                let kx = Double(x)
                var q = kx * u + ky * v
                if q.dot(q) > rMax2 { continue }
                // Remove the 2D centring phase (content centred at b/2 → at the origin).
                let phase = 2 * Double.pi * (kx + ky) * Double(b / 2) / Double(b)
                var value = gain * frame.data.data[i] * ComplexF.unit(phase: phase)
                if q.x < 0 { q = Vector3(-q.x, -q.y, -q.z); value = value.conjugate }
                splat(q, value, frame.weight[i], c: c, hc: hc)
            }
        }
    }

    @inline(__always)
    mutating func splat(_ q: Vector3, _ value: ComplexF, _ w: Float, c: Int, hc: Int) {
        let x0 = Int(q.x.rounded(.down)), y0 = Int(q.y.rounded(.down)), z0 = Int(q.z.rounded(.down))
        let fx = Float(q.x - Double(x0)), fy = Float(q.y - Double(y0)), fz = Float(q.z - Double(z0))
        let half = c / 2
        for dz in 0...1 {
            let z = z0 + dz
            if z > half || z < -half { continue }
            let wz = dz == 0 ? 1 - fz : fz
            let iz = z < 0 ? z + c : z
            for dy in 0...1 {
                let y = y0 + dy
                if y > half || y < -half { continue }
                let wy = dy == 0 ? 1 - fy : fy
                let iy = y < 0 ? y + c : y
                for dx in 0...1 {
                    let xx = x0 + dx
                    if xx >= hc { continue }
                    let t = (dx == 0 ? 1 - fx : fx) * wy * wz
                    if t == 0 { continue }
                    let idx = xx + hc * (iy + c * iz)
                    data.data[idx] += t * value
                    ctfSquared[idx] += t * w
                    multiplicity[idx] += t
                }
            }
        }
    }

    /// Adds the `x = 0` plane to its Friedel mirror (data conjugated), so the half grid is a valid
    /// transform of a real volume, and moves the content from the origin to the box centre `c/2`
    /// (phase `exp(−2πi k·(c/2)/c)`). Call once after the last ``insert(_:rotation:doseCutoff:)``.
    public mutating func finish() {
        symmetriseZeroPlane()
        let c = size, hc = c / 2 + 1
        let a = -2 * Double.pi * Double(c / 2) / Double(c)
        for iz in 0..<c {
            let kz = FourierFrequency.signed(index: iz, size: c)
            for iy in 0..<c {
                let ky = FourierFrequency.signed(index: iy, size: c)
                for x in 0..<hc {
                    data.data[x + hc * (iy + c * iz)] *= ComplexF.unit(phase: a * Double(x + ky + kz))
                }
            }
        }
    }

    mutating func symmetriseZeroPlane() {
        let c = size, hc = c / 2 + 1
        for iz in 0..<c { for iy in 0..<c {
            let jy = (c - iy) % c, jz = (c - iz) % c
            let i = hc * (iy + c * iz), j = hc * (jy + c * jz)
            if i > j { continue }
            if i == j {
                data.data[i] = ComplexF(2 * data.data[i].re, 0)
                ctfSquared[i] *= 2; multiplicity[i] *= 2
                continue
            }
            let d = data.data[i] + data.data[j].conjugate
            data.data[i] = d; data.data[j] = d.conjugate
            let w = ctfSquared[i] + ctfSquared[j]; ctfSquared[i] = w; ctfSquared[j] = w
            let m = multiplicity[i] + multiplicity[j]; multiplicity[i] = m; multiplicity[j] = m
        } }
    }

    /// The pseudo-subtomogram of an extracted particle: every visible frame inserted with
    /// `R_f·A_s`, then ``finish()``.
    public static func make(_ particle: ExtractedParticle, pose: ParticlePose, series: ExtractionTiltSeries,
                            settings: ExtractionSettings) -> PseudoSubtomogram {
        var p = PseudoSubtomogram(size: settings.cropSize)
        for f in particle.frames {
            let m = series.frames[f.frame].projection.rotation * pose.subtomogramMatrix
            p.insert(f, rotation: m, doseCutoff: settings.doseCutoff)
        }
        p.finish()
        return p
    }

    /// `<name>_data.mrc`: the `c³` real-space data (inverse FFT of ``data``).
    public var realSpaceData: RealVolume { FFT.inverse(data) }

    /// `<name>_weights.mrc`: `(c/2+1)×c×2c`, CTF² then multiplicity.
    public var weightVolume: RealVolume {
        RealVolume(nx: size / 2 + 1, ny: size, nz: 2 * size, data: ctfSquared + multiplicity)
    }

    /// CTF² with voxels whose multiplicity is below `threshold` set to 0, and the data likewise
    /// (`relion_refine --subtomo_multi_thr`, default 0.01).
    public func thresholded(multiplicity threshold: Float = 0.01) -> (data: FourierVolume, weights: [Float]) {
        var d = data, w = ctfSquared
        for i in 0..<w.count where multiplicity[i] < threshold { w[i] = 0; d.data[i] = .zero }
        return (d, w)
    }
}
