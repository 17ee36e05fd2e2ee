import TomoCore

/// The translations of one E-step pass of a 3D particle as points `c + Δ·j` of a regular lattice
/// (`j` integer per axis), which is what RELION's grids are: the coarse grid `Δ·i` plus the
/// iteration's perturbation, and its oversampled children at `Δ/2^ov` steps.
///
/// On a lattice the phase factor of a shift, `e^{−iφ κ·j}` with `φ = 2πΔ/N` and integer voxel
/// frequencies `κ`, factorises per axis, so the cross terms of every translation at once are a
/// separable sum (``LatticeTransform``) instead of one pass over the voxels per translation.
struct TranslationLattice: Sendable {
    /// `c`: the lattice point `j = 0` (pixels).
    let origin: Vector3
    /// `Δ` (pixels).
    let step: Double
    /// Points per axis.
    let nx: Int, ny: Int, nz: Int
    /// Flat lattice index `jx + nx·(jy + ny·jz)` of each translation, in the pass order.
    let index: [Int]

    var count: Int { nx * ny * nz }

    /// The lattice of `translations` with spacing `step`, origin at their per-axis minimum; nil
    /// when some translation is off the lattice (by more than 10⁻⁶ of a step) or the box holds
    /// more than `maximumPoints` points.
    init?(_ translations: [Vector3], step: Double, maximumPoints: Int = 8192) {
        guard let first = translations.first, step > 0 else { return nil }
        var lo = first
        for t in translations { lo = Vector3(min(lo.x, t.x), min(lo.y, t.y), min(lo.z, t.z)) }
        var js: [(Int, Int, Int)] = []
        var hx = 0, hy = 0, hz = 0
        for t in translations {
            let d = (t - lo) / step
            let j = (Int(d.x.rounded()), Int(d.y.rounded()), Int(d.z.rounded()))
            guard abs(d.x - Double(j.0)) < 1e-6, abs(d.y - Double(j.1)) < 1e-6, abs(d.z - Double(j.2)) < 1e-6 else { return nil }
            js.append(j); hx = max(hx, j.0); hy = max(hy, j.1); hz = max(hz, j.2)
        }
        guard (hx + 1) * (hy + 1) * (hz + 1) <= maximumPoints else { return nil }
        origin = lo; self.step = step
        nx = hx + 1; ny = hy + 1; nz = hz + 1
        index = js.map { $0.0 + (hx + 1) * ($0.1 + (hy + 1) * $0.2) }
    }

    /// The lattice of a pass's translations: the coarsest of `step, step/2, … step/2^levels`
    /// they fit (a pass mixes at most the coarse step and its oversampled children).
    static func fitting(_ translations: [Vector3], step: Double, levels: Int) -> TranslationLattice? {
        var s = step > 0 ? step : 1
        for _ in 0...max(0, levels) {
            if let l = TranslationLattice(translations, step: s) { return l }
            s /= 2
        }
        return nil
    }
}

/// The voxels of a 3D ``FourierPixelSet`` as runs along x (constant `ky`, `kz`, consecutive
/// `kx`), the runs of one `kz` plane consecutive, which is the order the set is built in.
struct PixelColumns: Sendable {
    /// First pixel of run `r`; `runStart[runCount]` is the pixel count.
    var runStart: [Int] = [0]
    /// `kx` of the first pixel of each run.
    var runKx: [Int] = []
    /// `ky` of each run.
    var runKy: [Int] = []
    /// First run of plane `p`; `planeStart[planeCount]` is the run count.
    var planeStart: [Int] = [0]
    /// `kz` of each plane.
    var planeKz: [Int] = []

    /// Largest `kx` (the x stage works on `0…maxKx` for every run).
    var maxKx = 0

    var runCount: Int { runKx.count }
    var planeCount: Int { planeKz.count }

    /// Nil for 2D sets or when the pixel order is not runs along x within planes of `kz`.
    init?(_ pixels: FourierPixelSet) {
        guard pixels.threeDimensional, pixels.count > 0 else { return nil }
        var seenPlanes = Set<Int>()
        for p in 0..<pixels.count {
            let x = Int(pixels.kx[p]), y = Int(pixels.ky[p]), z = Int(pixels.kz[p])
            guard x >= 0 else { return nil }
            maxKx = max(maxKx, x)
            let continues = p > 0 && Int(pixels.ky[p - 1]) == y && Int(pixels.kz[p - 1]) == z && Int(pixels.kx[p - 1]) + 1 == x
            if continues { continue }
            if p > 0 { runStart.append(p) }
            if planeKz.last != z {
                guard seenPlanes.insert(z).inserted else { return nil }
                if !planeKz.isEmpty { planeStart.append(runKx.count) }
                planeKz.append(z)
            }
            runKx.append(x); runKy.append(y)
        }
        runStart.append(pixels.count)
        planeStart.append(runKx.count)
    }
}
