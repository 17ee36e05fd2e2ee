import Testing
import TomoCore
@testable import TomoRefine

@Suite struct ExpectationKernelTests {
    /// The separable phase-table shift equals `x·exp(−2πi κ·u/N)` evaluated per pixel with
    /// `cos`/`sin` (3D E-step set of a 16 box, a non-integer shift): worst error ≤ 1e-5 relative.
    @Test func tabulatedShiftMatchesDirectPhases() {
        let n = 16
        let pixels = FourierPixelSet(boxSize: n, size: n, threeDimensional: true, nonRedundantOnly: true)
        var rng = SplitMix64(seed: 4)
        let x = (0..<((n / 2 + 1) * n * n)).map { _ in ComplexF(Float(rng.gaussian()), Float(rng.gaussian())) }
        let u = Vector3(1.37, -0.62, 2.11)
        var out = [Float](repeating: 0, count: 2 * pixels.count)
        out.withUnsafeMutableBufferPointer { ExpectationStep.shift(x, by: u, pixels: pixels, into: $0.baseAddress!) }
        var worst = 0.0
        for p in 0..<pixels.count {
            let phase = -2 * Double.pi / Double(n) * (Double(pixels.kx[p]) * u.x + Double(pixels.ky[p]) * u.y + Double(pixels.kz[p]) * u.z)
            let v = x[pixels.dataIndex[p]]
            let re = Double(v.re) * _cos(phase) - Double(v.im) * _sin(phase)
            let im = Double(v.re) * _sin(phase) + Double(v.im) * _cos(phase)
            let scale = max(1e-3, (re * re + im * im).squareRoot())
            worst = max(worst, abs(Double(out[2 * p]) - re) / scale, abs(Double(out[2 * p + 1]) - im) / scale)
        }
        #expect(worst < 1e-5)
    }

    /// The blocked scoring gives the same cross terms as a plain per-translation dot product
    /// in the same eight-lane order (bit-identical), for 7 translations (one block of 4 + 3).
    @Test func blockedScoringIsBitIdenticalToSingleTranslations() {
        let np = 101, nt = 7
        var rng = SplitMix64(seed: 9)
        func r(_ c: Int) -> [Float] { (0..<c).map { _ in Float(rng.gaussian()) } }
        let projection = r(2 * np), ctf = r(np).map { $0 * $0 }, inv = r(np).map { 1 + abs($0) }, shifted = r(nt * 2 * np)
        var a = [Float](repeating: 0, count: 2 * np)
        var blocked = [Double](repeating: 0, count: nt), single = blocked
        _ = ExpectationStep.scoreImage(projection: projection, ctf: ctf, inverseSigma2: inv, pixels: np, shifted: shifted,
                                       stride: 2 * np, translations: nt, scratch: &a, cross: &blocked)
        for t in 0..<nt {
            var one = [0.0]
            shifted.withUnsafeBufferPointer { s in
                _ = ExpectationStep.scoreImage(projection: projection, ctf: ctf, inverseSigma2: inv, pixels: np,
                                               shifted: s.baseAddress! + t * 2 * np, stride: 2 * np, translations: 1,
                                               scratch: &a, cross: &one)
            }
            single[t] = one[0]
        }
        #expect(blocked == single)
    }
}
