import Testing
import TomoTesting
import TomoCore
@testable import TomoKernels

/// Compares `CTF.value` with an independent numpy evaluation of spec §10.4/§2.5 (angular-form
/// defocus `U cos²(θ−θa) + V sin²(θ−θa)`, dose curve written out again in Python).
@Suite struct CTFInteropTests {
    static let parameterSets: [CTF] = [
        CTF(defocusU: 15000, defocusV: 15000, voltage: 300, sphericalAberration: 2.7, amplitudeContrast: 0.1),
        CTF(defocusU: 20000, defocusV: 17000, defocusAngle: 37, voltage: 300, sphericalAberration: 2.7,
            amplitudeContrast: 0.07),
        CTF(defocusU: 8000, defocusV: 9000, defocusAngle: -120, voltage: 200, sphericalAberration: 2.0,
            amplitudeContrast: 0.1, phaseShift: 60, scale: 0.9, bFactor: 80),
        CTF(defocusU: 30000, defocusV: 29000, defocusAngle: 10, voltage: 300, sphericalAberration: 2.7,
            amplitudeContrast: 0.07, bFactor: 100, dose: 30),
        CTF(defocusU: 40000, defocusV: 42000, defocusAngle: 75, voltage: 300, sphericalAberration: 2.7,
            amplitudeContrast: 0.07, dose: 12, bFactorPerElectronDose: 4),
        CTF(defocusU: 25000, defocusV: 25000, voltage: 300, sphericalAberration: 2.7, amplitudeContrast: 0.1,
            bFactor: 50, intactFirstPeak: true),
    ]

    /// 25 sample frequencies (Å⁻¹) covering the origin, the axes, diagonals and all quadrants.
    static let points: [(Double, Double)] = {
        var p: [(Double, Double)] = [(0, 0), (0.01, 0), (0, 0.01), (-0.02, 0.005), (0.003, -0.004)]
        for i in 0..<20 {
            let r = 0.005 + 0.3 * Double(i) / 19
            let a = Double(i) * 47.0 * Double.pi / 180
            p.append((r * _cos(a), r * _sin(a)))
        }
        return p
    }()

    static let script = """
    import sys, numpy as np
    params = np.array([float(v) for v in sys.argv[1].split(',')]).reshape(-1, 13)
    pts = np.array([float(v) for v in sys.argv[2].split(',')]).reshape(-1, 2)
    kx, ky = pts[:, 0], pts[:, 1]
    k2 = kx**2 + ky**2
    k = np.sqrt(k2)
    for (U, V, ang, kv, cs, q0, ps, scale, B, dose, has_dose, be, intact) in params:
        volts = kv * 1000.0
        lam = 12.2643247 / np.sqrt(volts * (1.0 + 0.978466e-6 * volts))
        theta = np.arctan2(ky, kx)
        df = U * np.cos(theta - np.radians(ang))**2 + V * np.sin(theta - np.radians(ang))**2
        gamma = (-np.pi * lam * df * k2 + 0.5 * np.pi * cs * 1e7 * lam**3 * k2**2
                 - np.radians(ps) - np.arctan(q0 / np.sqrt(1 - q0 * q0)))
        if has_dose > 0:
            if be > 0:
                env = np.exp(-be * dose * k2 / 4.0)
            else:
                with np.errstate(divide='ignore'):
                    crit = 0.245 * np.power(np.where(k > 0, k, 1.0), -1.665) + 2.81
                env = np.where(k > 0, np.exp(-dose / (2.0 * crit)), 1.0)
        else:
            env = np.exp(-B * k2 / 4.0)
        osc = -np.sin(gamma)
        if intact > 0:
            osc = np.where(np.abs(gamma) < np.pi / 2, 1.0, osc)
        print(' '.join(repr(float(v)) for v in osc * env * scale))
    """

    @Test(.requiresInteropPython) func matchesNumpyAtSamplePoints() throws {
        let params = Self.parameterSets.flatMap { c -> [Double] in
            [c.defocusU, c.defocusV, c.defocusAngle, c.voltage, c.sphericalAberration, c.amplitudeContrast,
             c.phaseShift, c.scale, c.bFactor, c.dose ?? 0, c.dose == nil ? 0 : 1, c.bFactorPerElectronDose,
             c.intactFirstPeak ? 1 : 0]
        }
        let pts = Self.points.flatMap { [$0.0, $0.1] }
        let out = try InteropPython.run(Self.script, arguments: [
            params.map { "\($0)" }.joined(separator: ","), pts.map { "\($0)" }.joined(separator: ","),
        ])
        let rows = out.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        try #require(rows.count == Self.parameterSets.count)
        var worst = 0.0
        for (ctf, expected) in zip(Self.parameterSets, rows) {
            try #require(expected.count == Self.points.count)
            for ((kx, ky), e) in zip(Self.points, expected) {
                let v = ctf.value(kx: kx, ky: ky)
                worst = max(worst, abs(v - e) / max(1, abs(e)))
            }
        }
        #expect(worst < 1e-5, "largest CTF deviation from numpy: \(worst)")
    }
}

