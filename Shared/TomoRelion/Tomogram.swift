import TomoCore
import TomoSTAR

/// One tilt series / tomogram: a row of `data_global` in `tomograms.star` (spec §2.1) plus its
/// per-tilt-series table.
///
/// Units: kV, mm, Å/px; `size` in tilt-series pixels. Optional labels: `rlnTomoDefocusSlope`
/// defaults to 1, `rlnCtfBfactorPerElectronDose` to 0 (Grant–Grigorieff dose curve).
public struct Tomogram: Equatable, Sendable {
    /// `rlnTomoName`.
    public var name: String
    /// `rlnVoltage` (kV).
    public var voltage: Double
    /// `rlnSphericalAberration` (mm).
    public var sphericalAberration: Double
    /// `rlnAmplitudeContrast` (fraction).
    public var amplitudeContrast: Double
    /// `rlnTomoHand` (+1 or −1).
    public var hand: Double
    /// `rlnTomoTiltSeriesPixelSize` (Å/px), `px_ts`.
    public var tiltSeriesPixelSize: Double
    /// `rlnMicrographOriginalPixelSize` (Å/px of the raw movies), if present.
    public var originalPixelSize: Double?
    /// `rlnTomoSizeX/Y/Z` (tilt-series pixels).
    public var size: TomogramSize
    /// `rlnTomoTomogramBinning`, if present.
    public var tomogramBinning: Double?
    /// `rlnTomoReconstructedTomogram`, if present.
    public var reconstructedTomogram: String?
    /// `rlnOpticsGroupName`, if present.
    public var opticsGroupName: String?
    /// `rlnTomoImportFractionalDose` (e/Å² per tilt), if present.
    public var fractionalDose: Double?
    /// `rlnTomoDefocusSlope` (default 1).
    public var defocusSlope: Double
    /// `rlnCtfBfactorPerElectronDose` (default 0: use the Grant–Grigorieff curve).
    public var bFactorPerElectronDose: Double
    /// `rlnTomoTiltSeriesStarFile` as written in the file (project-relative), nil in the RELION-4
    /// single-file layout.
    public var tiltSeriesStarFile: String?
    /// The tilt images (empty when the per-tilt file was missing and that was allowed).
    public var tiltSeries: TiltSeries
    /// `data_global` cells the model does not interpret (e.g. `rlnTomoReconstructedTomogramHalf1`).
    public var otherValues: StarRowValues

    /// A tomogram from its compulsory fields; optional ones take their defaults.
    public init(name: String, voltage: Double, sphericalAberration: Double, amplitudeContrast: Double,
                hand: Double, tiltSeriesPixelSize: Double, size: TomogramSize, tiltSeries: TiltSeries) {
        self.name = name
        self.voltage = voltage
        self.sphericalAberration = sphericalAberration
        self.amplitudeContrast = amplitudeContrast
        self.hand = hand
        self.tiltSeriesPixelSize = tiltSeriesPixelSize
        self.size = size
        self.tiltSeries = tiltSeries
        defocusSlope = 1
        bFactorPerElectronDose = 0
        otherValues = StarRowValues()
    }

    /// The optics group name particles of this tomogram share: `rlnOpticsGroupName` or the tomogram name.
    public var effectiveOpticsGroupName: String { opticsGroupName ?? name }

    /// `P_f` of frame `frame` (spec §2.3); see ``TiltSeries/projection(frame:tomogram:imageWidth:imageHeight:)``.
    public func projection(frame: Int, imageWidth: Int, imageHeight: Int) -> TiltProjection {
        tiltSeries.projection(frame: frame, tomogram: self, imageWidth: imageWidth, imageHeight: imageHeight)
    }

    static let globalLabels: Set<String> = [
        "rlnTomoName", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnTomoHand",
        "rlnTomoTiltSeriesPixelSize", "rlnMicrographOriginalPixelSize", "rlnTomoSizeX", "rlnTomoSizeY",
        "rlnTomoSizeZ", "rlnTomoTomogramBinning", "rlnTomoReconstructedTomogram", "rlnOpticsGroupName",
        "rlnTomoImportFractionalDose", "rlnTomoDefocusSlope", "rlnCtfBfactorPerElectronDose",
        "rlnTomoTiltSeriesStarFile",
    ]
}
