import TomoKernels

extension MapReconstruction {
    /// `rlnFourierCompleteness` per shell `0…N/2` (spec §5.4): the fraction of the shell's voxels
    /// (padded grid, shell `round(r/pad)`) whose per-voxel SSNR `weight·u·T·τ²(s)` is ≥ 1, with
    /// the voxel count of each shell (for the voxel-weighted overall value).
    static func completeness(_ bp: BackProjector, tau2: [Double], fudge: Double,
                             unitFactor: Double) -> (fraction: [Double], voxels: [Double]) {
        let n = bp.size, pad = bp.padding, p = bp.paddedSize
        let k = p / 2 + 1, sx = k + 1, sy = 2 * k + 1
        let nShells = n / 2 + 1, rMax = Double(p) / 2
        var above = [Double](repeating: 0, count: nShells), count = above
        for z in -k...k { for y in -k...k { for x in 0...k {
            let r = Double(x * x + y * y + z * z).squareRoot()
            let s = Int((r / Double(pad)).rounded())
            guard s < nShells, r <= rMax else { continue }
            let t2 = s < tau2.count ? tau2[s] : 0
            count[s] += 1
            if Double(bp.weight[x + sx * ((y + k) + sy * (z + k))]) * unitFactor * fudge * t2 >= 1 { above[s] += 1 }
        } } }
        return ((0..<nShells).map { count[$0] > 0 ? above[$0] / count[$0] : 0 }, count)
    }

    /// `rlnOverallFourierCompleteness`: the voxel-weighted mean of `fraction` over shells
    /// `1…lastShell` (the estimated resolution's shell).
    static func overallCompleteness(fraction: [Double], voxels: [Double], lastShell: Int) -> Double {
        var sum = 0.0, total = 0.0
        for s in 1..<min(fraction.count, lastShell + 1) { sum += fraction[s] * voxels[s]; total += voxels[s] }
        return total > 0 ? sum / total : 0
    }
}
