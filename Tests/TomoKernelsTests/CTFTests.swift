import Testing
import TomoCore
@testable import TomoKernels

@Suite struct CTFTests {
    static let base = CTF(defocusU: 25000, defocusV: 25000, voltage: 300, sphericalAberration: 2.7,
                          amplitudeContrast: 0.1)

    /// λ(300 kV) from the relativistic formula of spec §10.4 (numpy: 0.01968761530923358 Å).
    @Test func wavelengthAt300kV() {
        #expect(abs(Self.base.wavelength - 0.01968761530923358) < 1e-14)
    }

    /// At κ = 0 the CTF is +Q0 (no envelope), whatever the defocus, astigmatism or B-factor.
    @Test func zeroFrequencyIsAmplitudeContrast() {
        for q0 in [0.07, 0.1, 0.2] {
            let c = CTF(defocusU: 18000, defocusV: 21000, defocusAngle: 33, voltage: 300,
                        sphericalAberration: 2.7, amplitudeContrast: q0, bFactor: 200)
            #expect(abs(c.value(kx: 0, ky: 0) - q0) < 1e-12)
        }
    }

    /// RELION clamps |CTF| below 1e−8 to ±1e−8 (positive at exactly 0): Q0 = 0 gives 0 at κ = 0.
    @Test func tinyValuesAreClampedLikeRelion() {
        var c = Self.base
        c.amplitudeContrast = 0
        #expect(c.value(kx: 0, ky: 0) == 1e-8)
    }

    /// With intactFirstPeak the CTF is 1 (times envelope) for all κ up to the first peak, where
    /// γ = −π/2, and unchanged beyond it.
    @Test func intactFirstPeakFlattensUpToFirstPeak() {
        var intact = Self.base
        intact.intactFirstPeak = true
        intact.bFactor = 40
        var plain = Self.base
        plain.bFactor = 40
        // First peak: −π·λ·Δf·k² − atan(Q0/√(1−Q0²)) = −π/2, ignoring Cs (negligible there).
        let lambda = plain.wavelength
        let q0Phase = _atan2(0.1, (1 - 0.01).squareRoot())
        let kPeak = ((Double.pi / 2 - q0Phase) / (Double.pi * lambda * 25000)).squareRoot()
        var checkedBelow = 0
        for i in 0..<50 {
            let k = kPeak * Double(i) / 50 * 0.98
            #expect(abs(intact.value(kx: k, ky: 0) - plain.envelope(k: k)) < 1e-12)
            if plain.value(kx: k, ky: 0) < 0.99 * plain.envelope(k: k) { checkedBelow += 1 }
        }
        #expect(checkedBelow > 40, "the plain CTF should be visibly below 1 before the first peak")
        for i in 1..<40 {
            let k = kPeak * (1.02 + Double(i) * 0.05)
            let g = plain.gamma(kx: 0, ky: k)
            if abs(g) >= Double.pi / 2 {
                #expect(intact.value(kx: 0, ky: k) == plain.value(kx: 0, ky: k))
            }
        }
        #expect(abs(plain.value(kx: kPeak, ky: 0) - plain.envelope(k: kPeak)) < 1e-4)
    }

    /// The envelope with a dose is the dose weight, and the B-factor is then ignored.
    @Test func doseEnvelopeReplacesBFactor() {
        var c = Self.base
        c.bFactor = 300
        c.dose = 25
        var bare = Self.base
        bare.bFactor = 0
        for k in [0.0, 0.05, 0.12, 0.2] {
            let w = DoseWeight.weight(k: k, dose: 25)
            #expect(abs(c.value(kx: k, ky: 0) - bare.value(kx: k, ky: 0) * w) < 1e-12)
        }
    }

    /// Half-layout image: index x + (n/2+1)·y with ky = y ≤ n/2 ? y : y − n, frequencies k/(n·px).
    @Test func imageUsesHalfLayoutAndSquaredMatches() {
        let c = CTF(defocusU: 12000, defocusV: 14000, defocusAngle: 25, voltage: 300, sphericalAberration: 2.7,
                    amplitudeContrast: 0.07, bFactor: 60)
        let n = 8, px = 2.0, w = n / 2 + 1
        let img = c.image(size: n, pixelSize: px)
        let sq = c.squaredImage(size: n, pixelSize: px)
        #expect(img.count == 40 && sq.count == 40)
        for y in 0..<n {
            for x in 0..<w {
                let ky = Double(y <= n / 2 ? y : y - n) / (Double(n) * px)
                let v = c.value(kx: Double(x) / (Double(n) * px), ky: ky)
                #expect(abs(Double(img[x + w * y]) - v) < 1e-6)
                #expect(abs(Double(sq[x + w * y]) - v * v) < 1e-6)
            }
        }
        // Row 5 is ky = −3 and row 4 (Nyquist) is +4.
        #expect(abs(Double(img[1 + w * 5]) - c.value(kx: 1 / 16.0, ky: -3 / 16.0)) < 1e-6)
        #expect(abs(Double(img[1 + w * 4]) - c.value(kx: 1 / 16.0, ky: 4 / 16.0)) < 1e-6)
    }

    /// Depth term of spec §2.4 added to both defoci, angle unchanged.
    @Test func depthOffsetShiftsBothDefoci() {
        let dz = depthDefocusOffset(handedness: -1, pixelSize: 1.35, defocusSlope: 1, depth: 100)
        #expect(abs(dz + 135) < 1e-12)
        let c = CTF(defocusU: 20000, defocusV: 19000, defocusAngle: 45, voltage: 300, sphericalAberration: 2.7,
                    amplitudeContrast: 0.07).withDepthOffset(dz)
        #expect(abs(c.defocusU - 19865) < 1e-9 && abs(c.defocusV - 18865) < 1e-9 && c.defocusAngle == 45)
        #expect(depthDefocusOffset(handedness: 1, pixelSize: 2, defocusSlope: 0.5, depth: -40) == -40)
    }
}
