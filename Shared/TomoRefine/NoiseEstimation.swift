import TomoCore

/// Initial noise spectrum (spec §5.4, "Initial σ²"): per optics group, over its first
/// `particlesPerGroup` particles, `σ²(s) = (⟨|X|²⟩_s − |⟨X⟩|²_s) / 2` — the mean power of the
/// images minus the power of their average, per component (the likelihood divides `|·|²` by `2σ²`).
/// Shells `0…N/2`, `s = round(|k|)`, non-redundant half-layout elements.
enum NoiseEstimation {
    static func initialSigma2(_ particles: [[PreparedImage]], groups: [Int], boxSize n: Int,
                              threeDimensional: Bool, particlesPerGroup: Int) -> [[Double]] {
        let groupCount = (groups.max() ?? 0) + 1
        let shells = n / 2 + 1
        var out: [[Double]] = []
        for g in 0..<groupCount {
            var chosen: [PreparedImage] = []
            var used = 0
            for (i, images) in particles.enumerated() where groups[i] == g && used < max(1, particlesPerGroup) {
                chosen += images; used += 1
            }
            guard let first = chosen.first else { out.append(Array(repeating: 1, count: shells)); continue }
            var mean = [ComplexF](repeating: .zero, count: first.data.count)
            var power = [Double](repeating: 0, count: shells), meanPower = power, count = power
            let hn = n / 2 + 1, zs = threeDimensional ? n : 1
            for img in chosen { for i in mean.indices { mean[i] += img.data[i] } }
            let inv = 1 / Float(chosen.count)
            for z in 0..<zs {
                let fz = threeDimensional ? (z <= n / 2 ? z : z - n) : 0
                for y in 0..<n {
                    let fy = y <= n / 2 ? y : y - n
                    for x in 0..<hn {
                        if x == 0 && (fy < 0 || (fy == 0 && fz < 0)) { continue }
                        let s = Int(Double(x * x + fy * fy + fz * fz).squareRoot().rounded())
                        if s >= shells { continue }
                        let i = x + hn * (y + n * z)
                        for img in chosen { power[s] += Double(img.data[i].normSquared) }
                        meanPower[s] += Double((inv * mean[i]).normSquared) * Double(chosen.count)
                        count[s] += Double(chosen.count)
                    }
                }
            }
            out.append((0..<shells).map { s in
                count[s] > 0 ? max((power[s] - meanPower[s]) / (2 * count[s]), 1e-30) : 1
            })
        }
        return out
    }
}
