/// The contents of a `run_itNNN_model.star` (spec §6.3), as plain values.
///
/// Units are RELION's: `currentResolution` in **Å** (the file holds `1/current_resolution`,
/// spec §13.1), spectral `resolution` in Å⁻¹ and `angstromResolution` in Å (999 at shell 0),
/// `sigmaOffsetsAngst` in Å, prior widths in degrees, accuracies in degrees and Å.
/// Classes are 1-based in block names (`data_model_class_1`) and 0-based in `classes`.
public struct RefineModel: Sendable, Equatable {
    /// `data_model_general`.
    public var general: RefineModelGeneral
    /// One entry per class, in class order (`data_model_classes` rows, `data_model_class_K`,
    /// `data_model_pdf_orient_class_K`).
    public var classes: [RefineModelClass]
    /// `data_model_groups` rows (groups are per tomogram for STA).
    public var groups: [RefineModelGroup]
    /// σ²_noise per optics group (`data_model_optics_group_N`), in optics-group order. Read from
    /// a pre-RELION-4 file, these are the per-group `data_model_group_N` tables.
    public var noiseSpectra: [RefineNoiseSpectrum]

    /// A model from its parts.
    public init(general: RefineModelGeneral, classes: [RefineModelClass], groups: [RefineModelGroup],
                noiseSpectra: [RefineNoiseSpectrum]) {
        self.general = general
        self.classes = classes
        self.groups = groups
        self.noiseSpectra = noiseSpectra
    }
}

/// `data_model_general` (list block), in RELION's write order.
public struct RefineModelGeneral: Sendable, Equatable {
    /// `rlnReferenceDimensionality` (3).
    public var referenceDimensionality: Int = 3
    /// `rlnDataDimensionality`: 2 for 2D tilt stacks, 3 for pseudo-subtomogram volumes.
    public var dataDimensionality: Int = 2
    /// `rlnOriginalImageSize` (box size N, pixels).
    public var originalImageSize: Int
    /// `rlnCurrentResolution`, **Å** (despite the label's help text).
    public var currentResolution: Double
    /// `rlnCurrentImageSize` (pixels).
    public var currentImageSize: Int
    /// `rlnPaddingFactor`.
    public var paddingFactor: Double = 2
    /// `rlnIsHelix`.
    public var isHelix: Bool = false
    /// `rlnFourierSpaceInterpolator` (1 = trilinear).
    public var fourierSpaceInterpolator: Int = 1
    /// `rlnMinRadiusNnInterpolation`.
    public var minRadiusNnInterpolation: Int = 10
    /// `rlnPixelSize` (Å).
    public var pixelSize: Double
    /// `rlnNrClasses`.
    public var nrClasses: Int
    /// `rlnNrBodies`.
    public var nrBodies: Int = 1
    /// `rlnNrGroups`.
    public var nrGroups: Int
    /// `rlnNrOpticsGroups` (absent in RELION 3.1 files: nil when read from one).
    public var nrOpticsGroups: Int?
    /// `rlnTau2FudgeFactor` (T).
    public var tau2FudgeFactor: Double = 1
    /// `rlnNormCorrectionAverage`.
    public var normCorrectionAverage: Double = 1
    /// `rlnSigmaOffsetsAngst` (σ_offset, Å).
    public var sigmaOffsetsAngst: Double
    /// `rlnOrientationalPriorMode` (0 none, 1 rot/tilt/psi prior).
    public var orientationalPriorMode: Int = 0
    /// `rlnSigmaPriorRotAngle` (deg).
    public var sigmaPriorRotAngle: Double = 0
    /// `rlnSigmaPriorTiltAngle` (deg).
    public var sigmaPriorTiltAngle: Double = 0
    /// `rlnSigmaPriorPsiAngle` (deg).
    public var sigmaPriorPsiAngle: Double = 0
    /// `rlnLogLikelihood` (sum of per-particle contributions).
    public var logLikelihood: Double
    /// `rlnAveragePmax` (mean `rlnMaxValueProbDistribution`).
    public var averagePmax: Double

    /// Model-general values; the rest take RELION's values for a non-helical, single-body STA run.
    public init(originalImageSize: Int, currentResolution: Double, currentImageSize: Int, pixelSize: Double,
                nrClasses: Int, nrGroups: Int, nrOpticsGroups: Int?, sigmaOffsetsAngst: Double,
                logLikelihood: Double, averagePmax: Double, dataDimensionality: Int = 2, tau2FudgeFactor: Double = 1) {
        self.originalImageSize = originalImageSize
        self.currentResolution = currentResolution
        self.currentImageSize = currentImageSize
        self.pixelSize = pixelSize
        self.nrClasses = nrClasses
        self.nrGroups = nrGroups
        self.nrOpticsGroups = nrOpticsGroups
        self.sigmaOffsetsAngst = sigmaOffsetsAngst
        self.logLikelihood = logLikelihood
        self.averagePmax = averagePmax
        self.dataDimensionality = dataDimensionality
        self.tau2FudgeFactor = tau2FudgeFactor
    }
}

/// One class of a model: its `data_model_classes` row, its spectral table and its orientation pdf.
public struct RefineModelClass: Sendable, Equatable {
    /// `rlnReferenceImage`: the class map, e.g. `Class3D/job013/run_it025_class001.mrc`.
    public var referenceImage: String
    /// `rlnClassDistribution`: fraction of particles in the class.
    public var distribution: Double
    /// `rlnAccuracyRotations` (deg; 999 for classes with distribution < 0.01).
    public var accuracyRotations: Double
    /// `rlnAccuracyTranslationsAngst` (Å).
    public var accuracyTranslationsAngst: Double
    /// `rlnEstimatedResolution` (Å).
    public var estimatedResolution: Double
    /// `rlnOverallFourierCompleteness`.
    public var overallFourierCompleteness: Double
    /// `data_model_class_K` rows, shells 0…N/2.
    public var spectrum: [RefineSpectralShell]
    /// `data_model_pdf_orient_class_K`: one value per coarse HEALPix direction, in the order of
    /// `data_sampling_directions` (empty for 2D references).
    public var orientationDistribution: [Double]

    /// A class from its values.
    public init(referenceImage: String, distribution: Double, accuracyRotations: Double,
                accuracyTranslationsAngst: Double, estimatedResolution: Double, overallFourierCompleteness: Double,
                spectrum: [RefineSpectralShell], orientationDistribution: [Double]) {
        self.referenceImage = referenceImage
        self.distribution = distribution
        self.accuracyRotations = accuracyRotations
        self.accuracyTranslationsAngst = accuracyTranslationsAngst
        self.estimatedResolution = estimatedResolution
        self.overallFourierCompleteness = overallFourierCompleteness
        self.spectrum = spectrum
        self.orientationDistribution = orientationDistribution
    }
}

/// One row of `data_model_class_K` (one Fourier shell).
public struct RefineSpectralShell: Sendable, Equatable {
    /// `rlnSpectralIndex` (shell number, 0-based).
    public var index: Int
    /// `rlnResolution` (Å⁻¹): `index / (N·pixelSize)`.
    public var resolution: Double
    /// `rlnAngstromResolution` (Å): `1/resolution`, 999 at shell 0.
    public var angstromResolution: Double
    /// `rlnSsnrMap` (data-vs-prior ratio).
    public var ssnr: Double
    /// `rlnGoldStandardFsc` (0 when not gold-standard).
    public var goldStandardFsc: Double
    /// `rlnFourierCompleteness`.
    public var fourierCompleteness: Double
    /// `rlnReferenceSigma2` (σ²_ref).
    public var referenceSigma2: Double
    /// `rlnReferenceTau2` (τ²).
    public var referenceTau2: Double
    /// `rlnSpectralOrientabilityContribution`, written only when accuracies were estimated.
    public var orientability: Double?

    /// A shell from its values.
    public init(index: Int, resolution: Double, angstromResolution: Double, ssnr: Double, goldStandardFsc: Double,
                fourierCompleteness: Double, referenceSigma2: Double, referenceTau2: Double, orientability: Double?) {
        self.index = index
        self.resolution = resolution
        self.angstromResolution = angstromResolution
        self.ssnr = ssnr
        self.goldStandardFsc = goldStandardFsc
        self.fourierCompleteness = fourierCompleteness
        self.referenceSigma2 = referenceSigma2
        self.referenceTau2 = referenceTau2
        self.orientability = orientability
    }

    /// Shell `index` of a box of `boxSize` pixels of `pixelSize` Å, with RELION's resolutions
    /// (`index/(N·px)` Å⁻¹, and its inverse in Å, 999 at shell 0).
    public init(index: Int, boxSize: Int, pixelSize: Double, ssnr: Double, goldStandardFsc: Double,
                fourierCompleteness: Double, referenceSigma2: Double, referenceTau2: Double, orientability: Double?) {
        let r = Double(index) / (Double(boxSize) * pixelSize)
        self.init(index: index, resolution: r, angstromResolution: index == 0 ? 999 : 1 / r, ssnr: ssnr,
                  goldStandardFsc: goldStandardFsc, fourierCompleteness: fourierCompleteness,
                  referenceSigma2: referenceSigma2, referenceTau2: referenceTau2, orientability: orientability)
    }
}

/// One row of `data_model_groups`.
public struct RefineModelGroup: Sendable, Equatable {
    /// `rlnGroupNumber` (1-based).
    public var number: Int
    /// `rlnGroupName` (`rlnTomoName` for STA).
    public var name: String
    /// `rlnGroupNrParticles`.
    public var particleCount: Int
    /// `rlnGroupScaleCorrection`.
    public var scaleCorrection: Double

    /// A group from its values.
    public init(number: Int, name: String, particleCount: Int, scaleCorrection: Double = 1) {
        self.number = number
        self.name = name
        self.particleCount = particleCount
        self.scaleCorrection = scaleCorrection
    }
}

/// σ²_noise of one optics group (`data_model_optics_group_N`). Shells with σ² ≤ 0 are not written.
public struct RefineNoiseSpectrum: Sendable, Equatable {
    /// The 1-based optics group (or, read from a pre-RELION-4 file, group) number.
    public var number: Int
    /// `rlnSpectralIndex` per row.
    public var indices: [Int]
    /// `rlnResolution` (Å⁻¹) per row.
    public var resolutions: [Double]
    /// `rlnSigma2Noise` per row.
    public var sigma2: [Double]

    /// A spectrum from its rows.
    public init(number: Int, indices: [Int], resolutions: [Double], sigma2: [Double]) {
        self.number = number
        self.indices = indices
        self.resolutions = resolutions
        self.sigma2 = sigma2
    }
}
