import TomoCore

/// Radial (shell) averages over a half-layout transform. Shell index `round(r)` with `r` in
/// Fourier pixels of the x axis (`|k|` for cubes, RELION §10.3); shells `0…nx/2`, corner
/// elements beyond are ignored. Averages count each element with its Friedel multiplicity
/// (1 on the self-conjugate `kx = 0` and x-Nyquist planes, else 2), i.e. over the full sphere.
public enum RadialAverage {
    /// Number of shells, `nx/2 + 1`.
    public static func shellCount(nx: Int) -> Int { nx / 2 + 1 }

    /// Full-transform voxel count per shell.
    public static func shellVoxelCounts(nx: Int, ny: Int, nz: Int) -> [Double] {
        var c = [Double](repeating: 0, count: shellCount(nx: nx))
        forEachFrequency(nx: nx, ny: ny, nz: nz) { _, kx, ky, kz in
            let s = Int(frequencyRadius(kx, ky, kz, nx: nx, ny: ny, nz: nz).rounded())
            if s < c.count { c[s] += friedelMultiplicity(kx: kx, nx: nx) }
        }
        return c
    }

    /// Shell averages of `value(index)` over a half layout of real size `nx×ny×nz`.
    public static func average(nx: Int, ny: Int, nz: Int, _ value: (Int) -> Double) -> [Double] {
        var sum = [Double](repeating: 0, count: shellCount(nx: nx)), cnt = sum
        forEachFrequency(nx: nx, ny: ny, nz: nz) { i, kx, ky, kz in
            let s = Int(frequencyRadius(kx, ky, kz, nx: nx, ny: ny, nz: nz).rounded())
            guard s < sum.count else { return }
            let m = friedelMultiplicity(kx: kx, nx: nx)
            sum[s] += m * value(i); cnt[s] += m
        }
        return zip(sum, cnt).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// Rotationally averaged power `⟨|F|²⟩` per shell.
    public static func power(_ f: FourierVolume) -> [Double] {
        average(nx: f.nx, ny: f.ny, nz: f.nz) { Double(f.data[$0].normSquared) }
    }
    /// Rotationally averaged amplitude `⟨|F|⟩` per shell.
    public static func amplitude(_ f: FourierVolume) -> [Double] {
        average(nx: f.nx, ny: f.ny, nz: f.nz) { Double(f.data[$0].magnitude) }
    }
    /// Shell averages of real half-layout values (e.g. a CTF² or weight volume of real size `nx×ny×nz`).
    /// - Precondition: `values.count == (nx/2+1)·ny·nz`.
    public static func of(_ values: [Float], nx: Int, ny: Int, nz: Int) -> [Double] {
        precondition(values.count == (nx / 2 + 1) * ny * nz, "RadialAverage.of: \(values.count) values for \(nx)×\(ny)×\(nz)")
        return average(nx: nx, ny: ny, nz: nz) { Double(values[$0]) }
    }
}
