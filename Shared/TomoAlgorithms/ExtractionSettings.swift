/// Options of one extraction (spec §3.1, §3.3), in the units RELION's `relion_tomo_subtomo` uses.
///
/// * `boxSize` `b` (`--b`): box in *binned* pixels used to cut the tilt images.
/// * `cropSize` `c` (`--crop`, default `b`): output box in binned pixels.
/// * `binning` (`--bin`, real): binned pixel size `px = binning·px_ts`.
/// * The tilt-image window is `s0 = round(binning·b)` tilt-series pixels.
/// * Visibility margin: the projected centre must lie more than `visibilityMargin` tilt-series
///   pixels inside every edge (`binning·c/2` for extraction, `b/2` for reconstruction, §3.2, §4.2).
public struct ExtractionSettings: Hashable, Sendable {
    /// `b`, binned pixels.
    public var boxSize: Int
    /// `c`, binned pixels (≤ `b`).
    public var cropSize: Int
    /// Binning factor relative to the tilt-series pixel size.
    public var binning: Double
    /// Multiply the data by −1 (default; `--no_ic` turns it off).
    public var invertContrast: Bool
    /// Premultiply by CTF·dose weight (default; `--no_ctf` turns it off: data unweighted, weights 1).
    public var premultiplyCTF: Bool
    /// Circular crop of the window and of the output images (default; `--no_circle_crop`).
    public var circleCrop: Bool
    /// `--max_dose` (e/Å²): frames with a larger pre-exposure are invisible; ≤ 0 keeps all.
    public var maxDose: Double
    /// `--min_frames`: particles visible in fewer frames are dropped.
    public var minFrames: Int
    /// `--cutoff_fract`: Fourier pixels whose dose weight is below this are left out of 3D
    /// back-projection (pseudo-subtomograms and reconstruction).
    public var doseCutoff: Double
    /// Tilt-series pixels the projected centre must stay inside every edge; nil means
    /// `binning·cropSize/2` (extraction's rule).
    public var visibilityMarginOverride: Double?

    /// Extraction settings with RELION's program defaults (`--crop` = `b`, `--bin 1`, contrast
    /// inverted, CTF premultiplied, circle crop, no dose limit, `--min_frames 1`, cut-off 0.01).
    /// - Precondition: `1 ≤ cropSize ≤ boxSize`, `binning > 0`.
    public init(boxSize: Int, cropSize: Int? = nil, binning: Double = 1, invertContrast: Bool = true,
                premultiplyCTF: Bool = true, circleCrop: Bool = true, maxDose: Double = -1, minFrames: Int = 1,
                doseCutoff: Double = 0.01) {
        let c = cropSize ?? boxSize
        precondition(boxSize >= 2 && c >= 1 && c <= boxSize, "extraction needs 1 ≤ crop (\(c)) ≤ box (\(boxSize)), box ≥ 2")
        precondition(binning > 0, "binning must be positive, got \(binning)")
        self.boxSize = boxSize; self.cropSize = c; self.binning = binning
        self.invertContrast = invertContrast; self.premultiplyCTF = premultiplyCTF; self.circleCrop = circleCrop
        self.maxDose = maxDose; self.minFrames = minFrames; self.doseCutoff = doseCutoff
    }

    /// The settings `relion_tomo_reconstruct_particle` uses to cut its slices (§4.2): box `b`, no crop
    /// of the slices, margin `b/2` tilt-series pixels (not scaled by the binning), no dose limit,
    /// contrast always inverted.
    public static func reconstruction(boxSize: Int, binning: Double = 1, premultiplyCTF: Bool = true,
                                      circleCrop: Bool = true, doseCutoff: Double = 0.01) -> ExtractionSettings {
        var s = ExtractionSettings(boxSize: boxSize, binning: binning, premultiplyCTF: premultiplyCTF,
                                   circleCrop: circleCrop, doseCutoff: doseCutoff)
        s.visibilityMarginOverride = Double(boxSize) / 2
        return s
    }

    /// `s0 = round(binning·b)`: side of the tilt-image window in tilt-series pixels.
    public var windowSize: Int { Int((binning * Double(boxSize)).rounded()) }
    /// The margin of the visibility test in tilt-series pixels.
    public var visibilityMargin: Double { visibilityMarginOverride ?? binning * Double(cropSize) / 2 }
    /// `px = binning·px_ts`, the pixel size of the extracted images (Å).
    public func pixelSize(tiltSeriesPixelSize: Double) -> Double { binning * tiltSeriesPixelSize }
}
