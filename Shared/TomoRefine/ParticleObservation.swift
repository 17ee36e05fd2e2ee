import TomoCore

/// One visible tilt image of a 2D-stack particle (spec §3.4, §5.1), in Fourier space.
///
/// Conventions: `data` is the FFT (`FFT.forward`, divided by pixels, image centre at `N/2`) of the
/// `N×N` tilt image, already CTF- and dose-premultiplied and contrast-inverted as RELION's 2D stacks
/// are; `ctfSquared` is `(CTF·W)²` on the same half layout (`(N/2+1)·N` values), i.e. the `C` of
/// the forward model `Ŝ = C·Proj`. `rotation` is `R_ij = R_f·A_s` (tilt-series rotation times the
/// sub-tomogram matrix), so the full reference → image rotation is `R_ij·A_p`.
public struct TiltImage: Sendable {
    /// Premultiplied, contrast-inverted Fourier image `X_ij` (half layout, `N×N`).
    public var data: FourierImage
    /// `C = (CTF·W)²` on the half layout of `data`.
    public var ctfSquared: [Float]
    /// `R_ij = R_f·A_s`.
    public var rotation: Matrix3
    /// Cumulative dose of the tilt (e⁻/Å², `rlnMicrographPreExposure`).
    public var dose: Double

    /// An observed tilt; `ctfSquared` must have `data.count` values.
    public init(data: FourierImage, ctfSquared: [Float], rotation: Matrix3, dose: Double) {
        precondition(ctfSquared.count == data.count, "TiltImage: \(ctfSquared.count) CTF² values for \(data.count) Fourier pixels")
        self.data = data; self.ctfSquared = ctfSquared; self.rotation = rotation; self.dose = dose
    }
}

/// The experimental data of one particle: a stack of tilt images (RELION-5 default) or a 3D
/// pseudo-subtomogram with its CTF² weight volume (§3.5), both in the sub-tomogram frame.
public enum ParticleData: Sendable {
    /// 2D-stack mode: the visible tilts.
    case stack([TiltImage])
    /// 3D mode: Fourier volume (half layout, `N³`) of the pseudo-subtomogram and its CTF² weights.
    case subtomogram(data: FourierVolume, ctfSquared: [Float])
}

/// A particle as the EM engine sees it: data plus the metadata `relion_refine` reads and updates.
///
/// Units: `offset` and `priorOffset` are in pixels at the particle pixel size, in the sub-tomogram
/// frame (`rlnOrigin*Angst / px`); angles are RELION ZYZ degrees of `A_p` (`rlnAngleRot/Tilt/Psi`).
public struct ParticleObservation: Sendable {
    /// The images.
    public var data: ParticleData
    /// Current `A_p` angles.
    public var angles: EulerAngles
    /// Current origin offset `o_i` (pixels).
    public var offset: Vector3
    /// `rlnAngle*Prior` when present (used as the centre of local searches only when given).
    public var priorAngles: EulerAngles?
    /// `rlnOrigin*PriorAngst / px` (centre of the offset prior; zero when absent).
    public var priorOffset: Vector3
    /// Optics (noise) group, 0-based.
    public var opticsGroup: Int
    /// `rlnRandomSubset` (1 or 2; 0 when unassigned).
    public var randomSubset: Int
    /// Current class, 1-based (`rlnClassNumber`); 0 when none yet.
    public var classNumber: Int

    /// A particle with its data and current pose.
    public init(data: ParticleData, angles: EulerAngles, offset: Vector3 = .zero, priorAngles: EulerAngles? = nil,
                priorOffset: Vector3 = .zero, opticsGroup: Int = 0, randomSubset: Int = 0, classNumber: Int = 0) {
        self.data = data; self.angles = angles; self.offset = offset; self.priorAngles = priorAngles
        self.priorOffset = priorOffset; self.opticsGroup = opticsGroup; self.randomSubset = randomSubset
        self.classNumber = classNumber
    }

    /// Box size `N` of the images.
    public var boxSize: Int {
        switch data {
        case .stack(let tilts): return tilts.first?.data.nx ?? 0
        case .subtomogram(let v, _): return v.nx
        }
    }

    /// Number of images (visible tilts; 1 in 3D mode). RELION's weighted sums count each once.
    public var imageCount: Int {
        switch data {
        case .stack(let tilts): return tilts.count
        case .subtomogram: return 1
        }
    }
}
