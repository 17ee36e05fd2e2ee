import TomoCore
import TomoFFT
import TomoKernels

/// One extracted tilt frame of one particle, in Fourier space (spec §3.3, the output of RELION's
/// `extractAt2D_Fourier` before any 2D/3D output step).
///
/// * `data`: `b×b` transform (forward divided by `b²`) of the binned window, particle centre on
///   pixel `(b/2, b/2)`, multiplied by `−CTF·W` (contrast inversion and CTF·dose premultiplication,
///   each when enabled) and divided by the binning (so grey levels equal the projection of the map
///   Fourier-cropped to the binned pixel size, whatever the binning).
/// * `weight`: `(CTF·W)²` (1 with `--no_ctf`), half layout, same count as `data`.
/// * `doseWeight`: `W` alone, for the back-projection cut-off (`--cutoff_fract`).
public struct ExtractedFrame: Sendable {
    /// Frame index `f` (row of the tilt-series table).
    public var frame: Int
    /// Premultiplied data, see type doc.
    public var data: FourierImage
    /// CTF² weights.
    public var weight: [Float]
    /// Dose weights `W_f(k)`.
    public var doseWeight: [Float]

    /// A frame from its parts (`weight` and `doseWeight` in `data`'s half layout).
    public init(frame: Int, data: FourierImage, weight: [Float], doseWeight: [Float]) {
        self.frame = frame; self.data = data; self.weight = weight; self.doseWeight = doseWeight
    }

    /// This frame with data and weight set to 0 wherever the dose weight is below `cutoff`
    /// (§3.5, §4.2 step 2).
    public func applyingDoseCutoff(_ cutoff: Double) -> ExtractedFrame {
        guard cutoff > 0 else { return self }
        var f = self
        let c = Float(cutoff)
        for i in 0..<f.weight.count where f.doseWeight[i] < c { f.weight[i] = 0; f.data.data[i] = .zero }
        return f
    }
}

/// All frames of one particle: the visibility flag of every frame and the extracted visible ones,
/// in increasing frame index (the order of the 2D stack, §3.4).
public struct ExtractedParticle: Sendable {
    /// One flag per tilt-series row (`rlnTomoVisibleFrames`).
    public var visibleFrames: [Bool]
    /// The visible frames, increasing `f`.
    public var frames: [ExtractedFrame]
    /// `rlnTomoVisibleFrames` as RELION writes it (0/1).
    public var visibleFrameFlags: [Int] { visibleFrames.map { $0 ? 1 : 0 } }
}

/// Per-tilt extraction of pseudo-subtomograms (spec §3.2–3.4), single particle, no file I/O.
public enum SubtomogramExtraction {
    /// Visibility of particle `pose` in every frame (§3.2): the projected centre lies more than
    /// `settings.visibilityMargin` tilt-series pixels inside all four image edges, and the frame's
    /// pre-exposure is at most `maxDose` (when `maxDose > 0`).
    public static func visibility(_ pose: ParticlePose, series: ExtractionTiltSeries,
                                  settings: ExtractionSettings) -> [Bool] {
        let r = settings.visibilityMargin
        let w = Double(series.imageWidth), h = Double(series.imageHeight)
        return series.frames.indices.map { f in
            if settings.maxDose > 0 && series.frames[f].preExposure > settings.maxDose { return false }
            let c = series.projectedCentre(pose, frame: f)
            return c.x > r && c.y > r && c.x < w - r && c.y < h - r
        }
    }

    /// The window of frame `f` to read for particle `pose`.
    public static func window(_ pose: ParticlePose, series: ExtractionTiltSeries, frame f: Int,
                              settings: ExtractionSettings) -> TiltImageWindow {
        let c = series.projectedCentre(pose, frame: f)
        return TiltImageWindow(centreX: c.x, centreY: c.y, size: settings.windowSize,
                               imageWidth: series.imageWidth, imageHeight: series.imageHeight)
    }

    /// Steps 1–5 of §3.3 for one frame, from the assembled `s0×s0` window `patch`:
    /// circle crop (radius `s0/2`, 5 px fall-off, outside mean removed); FFT; Fourier crop to `b`
    /// and division by the binning; phase shift of the sub-pixel remainder so the projected centre
    /// lands on `(b/2, b/2)`; multiplication by `−CTF·W` at the depth-dependent defocus.
    public static func extractFrame(patch: RealImage, window: TiltImageWindow, pose: ParticlePose,
                                    series: ExtractionTiltSeries, frame f: Int,
                                    settings: ExtractionSettings) -> ExtractedFrame {
        let s0 = window.size, b = settings.boxSize
        precondition(patch.nx == s0 && patch.ny == s0, "patch is \(patch.nx)×\(patch.ny), window is \(s0)")
        var image = patch
        if settings.circleCrop { CircleCrop.apply(&image, radius: Double(s0) / 2) }
        var ft = FFT.forward(image)
        if s0 != b { ft = FourierResize.resize(ft, nx: b, ny: b) }
        // Where the projected centre sits in the binned window, and the shift onto (b/2, b/2).
        let c = series.projectedCentre(pose, frame: f)
        let scale = Double(b) / Double(s0)
        let cx = (c.x - Double(window.x0)) * scale, cy = (c.y - Double(window.y0)) * scale
        FourierShift.apply(&ft, sx: Double(b / 2) - cx, sy: Double(b / 2) - cy)
        let px = settings.pixelSize(tiltSeriesPixelSize: series.pixelSize)
        let dose = DoseWeight.image(size: b, pixelSize: px, dose: series.frames[f].preExposure,
                                    bFactorPerElectronDose: series.bFactorPerElectronDose)
        let sign: Float = settings.invertContrast ? -1 : 1
        let gain = sign / Float(settings.binning)
        var weight = [Float](repeating: 1, count: ft.count)
        if settings.premultiplyCTF {
            let ctf = series.ctf(pose, frame: f).image(size: b, pixelSize: px)
            for i in 0..<ft.count {
                let cw = ctf[i] * dose[i]
                ft.data[i] *= gain * cw
                weight[i] = cw * cw
            }
        } else {
            for i in 0..<ft.count { ft.data[i] *= gain }
        }
        return ExtractedFrame(frame: f, data: ft, weight: weight, doseWeight: dose)
    }

    /// Visibility and every visible frame of one particle. `read(f, window)` returns the values of
    /// `window.readX × window.readY` of tilt image `f` (x fastest); it is called once per visible
    /// frame, in increasing `f`.
    public static func extract(_ pose: ParticlePose, series: ExtractionTiltSeries, settings: ExtractionSettings,
                               read: (Int, TiltImageWindow) throws -> [Float]) rethrows -> ExtractedParticle {
        let visible = visibility(pose, series: series, settings: settings)
        var frames: [ExtractedFrame] = []
        for f in visible.indices where visible[f] {
            let w = window(pose, series: series, frame: f, settings: settings)
            let patch = w.assemble(try read(f, w))
            frames.append(extractFrame(patch: patch, window: w, pose: pose, series: series, frame: f, settings: settings))
        }
        return ExtractedParticle(visibleFrames: visible, frames: frames)
    }

    /// One 2D-stack image (§3.4): inverse FFT of the `b×b` frame, circle crop at radius `c/2`
    /// (5 px fall-off, outside mean removed) and centre crop to `c×c` (pixel `b/2` ↦ `c/2`).
    public static func stackImage(_ frame: ExtractedFrame, settings: ExtractionSettings) -> RealImage {
        let b = settings.boxSize, c = settings.cropSize
        var image = FFT.inverse(frame.data)
        if settings.circleCrop { CircleCrop.apply(&image, radius: Double(c) / 2) }
        if c == b { return image }
        let off = b / 2 - c / 2
        return RealImage(nx: c, ny: c) { x, y in image[x + off, y + off] }
    }

    /// The rotation of frame `f` that 2D-stack slices are inserted with: `R_f·A_s·A_p`
    /// (reference → tilt image, §10.1).
    public static func imageRotation(_ pose: ParticlePose, series: ExtractionTiltSeries, frame f: Int) -> Matrix3 {
        pose.imageRotation(series.frames[f].projection)
    }
}
