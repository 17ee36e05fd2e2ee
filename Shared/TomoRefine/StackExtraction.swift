import TomoCore
import TomoFFT
import TomoKernels

/// In-memory 2D-stack extraction of one particle from tilt images (`relion_tomo_subtomo
/// --stack2d`, spec §3.3–3.4), so observations can be built without files.
///
/// Per tilt: cut `box·bin` pixels whose top-left is `round(x) − box·bin/2` around the projected
/// position (edges clamped), FFT, Fourier-crop to `box` when `bin > 1`, phase-shift the sub-pixel
/// remainder so the projected centre lands on `box/2`, and premultiply by `−CTF·W` (depth
/// defocus `hand·px·d` of §2.4 added, dose envelope from the CTF's `dose`); the weight is
/// `(CTF·W)²`. The rotation is `R_f·A_s`. No circular crop (the engine masks the images).
public enum StackExtraction {
    /// One tilt of the tilt series as the extractor needs it.
    public struct Tilt: Sendable {
        /// The image (`imageSize²` floats, x fastest).
        public var image: [Float]
        /// `P_f`.
        public var projection: TiltProjection
        /// The tilt's CTF at the tilt-series centre, with `dose` set for the dose envelope.
        public var ctf: CTF
        /// A tilt with its image, projection and CTF.
        public init(image: [Float], projection: TiltProjection, ctf: CTF) {
            self.image = image; self.projection = projection; self.ctf = ctf
        }
    }

    /// The tilt images of the particle at `pose` (position, origin and `A_s` are used).
    /// - Parameters:
    ///   - imageSize: tilt-image width = height (pixels).
    ///   - pixelSize: tilt-series pixel size (Å); the output pixel size is `bin·pixelSize`.
    ///   - hand: `rlnTomoHand`.
    public static func extract(pose: ParticlePose, tilts: [Tilt], imageSize n: Int, tomogramSize: TomogramSize,
                               pixelSize: Double, hand: Double, box b: Int, bin: Int = 1) -> [TiltImage] {
        let s0 = b * bin
        let pxb = pixelSize * Double(bin)
        return tilts.map { tilt in
            let at = pose.projectedPosition(tilt.projection, tomogramSize: tomogramSize, pixelSize: pixelSize)
            let rx = Int(at.x.rounded()), ry = Int(at.y.rounded())
            var window = RealImage(nx: s0, ny: s0)
            for y in 0..<s0 {
                let yy = min(n - 1, max(0, ry - s0 / 2 + y))
                for x in 0..<s0 {
                    let xx = min(n - 1, max(0, rx - s0 / 2 + x))
                    window[x, y] = tilt.image[xx + n * yy]
                }
            }
            var ft = FFT.forward(window)
            if bin > 1 { ft = FourierResize.resize(ft, nx: b, ny: b) }
            FourierShift.apply(&ft, sx: -(at.x - Double(rx)) / Double(bin), sy: -(at.y - Double(ry)) / Double(bin))
            let dz = pose.defocusOffset(tilt.projection, tomogramSize: tomogramSize, pixelSize: pixelSize, hand: hand)
            let ctf = tilt.ctf.withDepthOffset(dz).image(size: b, pixelSize: pxb)
            for k in ft.data.indices { ft.data[k] = (-ctf[k]) * ft.data[k] }
            return TiltImage(data: ft, ctfSquared: ctf.map { $0 * $0 },
                             rotation: tilt.projection.rotation * pose.subtomogramMatrix, dose: tilt.ctf.dose ?? 0)
        }
    }
}
