import TomoCore

/// RELION's contrast transfer function (spec §10.4, `src/ctf.h` of RELION 5).
///
/// Units: defoci in Å (positive = underfocus), `defocusAngle` in degrees (direction of U from the
/// x axis), `voltage` in kV, `sphericalAberration` (Cs) in mm, `phaseShift` in degrees, `bFactor`
/// and `bFactorPerElectronDose` in Å², `dose` in e⁻/Å², spatial frequencies in Å⁻¹.
///
/// ```
/// λ    = 12.2643247 / sqrt(V·(1 + 0.978466e−6·V))              V = voltage·1000 (V), λ in Å
/// γ(κ) = −π·λ·Δf(θ)·|κ|² + (π/2)·Cs·λ³·|κ|⁴ − φ − atan(Q0/√(1−Q0²))
/// CTF  = −sin γ · E(|κ|) · scale,  with |CTF| raised to 1e−8 where smaller (sign kept, 0 ↦ +)
/// ```
/// `Δf(θ)·|κ|²` is evaluated as the quadratic form `U·(κ·u)² + V·(κ·v)²` with `u` the unit vector
/// at `defocusAngle` and `v ⊥ u`, which equals `(U cos²(θ−θa) + V sin²(θ−θa))·|κ|²` and has no
/// singularity at κ = 0. At κ = 0 the CTF is `+Q0·E(0)·scale` (RELION's CTF is positive at low
/// frequency).
///
/// Envelope `E` (`envelope(k:)`): when `dose` is set it is the tomography dose weight
/// (`DoseWeight.weight`, spec §2.5: Grant–Grigorieff, or `exp(−B_e·N·k²/4)` when
/// `bFactorPerElectronDose > 0`) and `bFactor` is ignored, as in `relion_refine`'s 2D-stack mode
/// (§5.1); otherwise it is `exp(−bFactor·k²/4)`.
///
/// `intactFirstPeak` reproduces `--ctf_intact_first_peak`: wherever `|γ| < π/2` the `−sin γ` factor
/// is replaced by 1 (the envelope and scale still apply). RELION applies exactly this test on γ,
/// not a radius; for the usual positive defoci `|γ| < π/2` holds from κ = 0 up to the first peak
/// (γ = −π/2), which is the intended effect.
public struct CTF: Hashable, Sendable {
    /// Defocus along the U direction (Å, positive = underfocus); `rlnDefocusU`.
    public var defocusU: Double
    /// Defocus along the V direction (Å); `rlnDefocusV`.
    public var defocusV: Double
    /// Angle of the U direction from the x axis (degrees); `rlnDefocusAngle`.
    public var defocusAngle: Double
    /// Acceleration voltage (kV); `rlnVoltage`.
    public var voltage: Double
    /// Spherical aberration Cs (mm); `rlnSphericalAberration`.
    public var sphericalAberration: Double
    /// Amplitude contrast Q0 (0…1); `rlnAmplitudeContrast`.
    public var amplitudeContrast: Double
    /// Phase-plate phase shift (degrees); `rlnPhaseShift`.
    public var phaseShift: Double
    /// Overall scale factor; `rlnCtfScalefactor`.
    public var scale: Double
    /// Envelope B-factor (Å²); `rlnCtfBfactor`. Ignored when `dose` is set.
    public var bFactor: Double
    /// Cumulative electron dose of this image (e⁻/Å²), e.g. `rlnMicrographPreExposure` of a tilt;
    /// when set, the envelope is the dose weight instead of the B-factor.
    public var dose: Double?
    /// `rlnCtfBfactorPerElectronDose` (Å² per e⁻/Å²); when > 0 and `dose` is set the envelope is
    /// `exp(−B_e·N·k²/4)` instead of the Grant–Grigorieff curve.
    public var bFactorPerElectronDose: Double
    /// `--ctf_intact_first_peak`: replace `−sin γ` by 1 wherever `|γ| < π/2`.
    public var intactFirstPeak: Bool

    /// Builds a CTF; defaults are RELION's (`scale` 1, no B-factor, no phase shift, no dose).
    public init(defocusU: Double, defocusV: Double, defocusAngle: Double = 0,
                voltage: Double, sphericalAberration: Double, amplitudeContrast: Double,
                phaseShift: Double = 0, scale: Double = 1, bFactor: Double = 0,
                dose: Double? = nil, bFactorPerElectronDose: Double = 0, intactFirstPeak: Bool = false) {
        self.defocusU = defocusU
        self.defocusV = defocusV
        self.defocusAngle = defocusAngle
        self.voltage = voltage
        self.sphericalAberration = sphericalAberration
        self.amplitudeContrast = amplitudeContrast
        self.phaseShift = phaseShift
        self.scale = scale
        self.bFactor = bFactor
        self.dose = dose
        self.bFactorPerElectronDose = bFactorPerElectronDose
        self.intactFirstPeak = intactFirstPeak
    }

    /// Relativistic electron wavelength λ (Å) at `voltage`.
    public var wavelength: Double {
        let v = voltage * 1000
        return 12.2643247 / (v * (1 + 0.978466e-6 * v)).squareRoot()
    }

    /// Phase aberration γ (radians) at spatial frequency (kx, ky) in Å⁻¹.
    public func gamma(kx: Double, ky: Double) -> Double {
        let lambda = wavelength
        let csAngstrom = sphericalAberration * 1e7
        let (c, s) = cosSin(degrees: defocusAngle)
        let alongU = kx * c + ky * s
        let alongV = -kx * s + ky * c
        let defocusTimesK2 = defocusU * alongU * alongU + defocusV * alongV * alongV
        let k2 = kx * kx + ky * ky
        let q0 = amplitudeContrast
        let amplitudePhase = _atan2(q0, (1 - q0 * q0).squareRoot())
        return -Double.pi * lambda * defocusTimesK2
            + Double.pi / 2 * csAngstrom * lambda * lambda * lambda * k2 * k2
            - phaseShift * Double.pi / 180
            - amplitudePhase
    }

    /// Envelope E at spatial frequency magnitude `k` (Å⁻¹): dose weight when `dose` is set,
    /// otherwise `exp(−bFactor·k²/4)`.
    public func envelope(k: Double) -> Double {
        if let dose {
            return DoseWeight.weight(k: k, dose: dose, bFactorPerElectronDose: bFactorPerElectronDose)
        }
        return _exp(-bFactor * k * k / 4)
    }

    /// CTF value at spatial frequency (kx, ky) in Å⁻¹ (dimensionless), as RELION's `getCTF`.
    public func value(kx: Double, ky: Double) -> Double {
        let g = gamma(kx: kx, ky: ky)
        let oscillation = (intactFirstPeak && abs(g) < Double.pi / 2) ? 1 : -_sin(g)
        let k = (kx * kx + ky * ky).squareRoot()
        let v = oscillation * envelope(k: k) * scale
        if abs(v) < 1e-8 { return v < 0 ? -1e-8 : 1e-8 }
        return v
    }
}
