import TomoCore

/// The square window of a tilt image that one extracted frame is cut from (spec §3.3 step 1):
/// `size = s0` pixels with top-left pixel `(x0, y0) = (round(x) − s0/2, round(y) − s0/2)`.
///
/// The caller reads only `readX × readY` (the window clipped to the image, never empty for a
/// visible frame) and passes the values to ``assemble(_:)``, which clamps: window pixels outside
/// the image take the value of the nearest image pixel (RELION clamps edge pixels).
public struct TiltImageWindow: Hashable, Sendable {
    /// Top-left pixel of the window in the tilt image (may be negative).
    public var x0: Int, y0: Int
    /// Side `s0` in tilt-series pixels.
    public var size: Int
    /// Columns and rows of the tilt image to read.
    public var readX: Range<Int>, readY: Range<Int>

    /// The window around projected centre `(x, y)` in an image of `width×height`.
    public init(centreX x: Double, centreY y: Double, size s0: Int, imageWidth: Int, imageHeight: Int) {
        x0 = Int(x.rounded()) - s0 / 2
        y0 = Int(y.rounded()) - s0 / 2
        size = s0
        let lx = min(max(x0, 0), imageWidth - 1), ly = min(max(y0, 0), imageHeight - 1)
        readX = lx ..< max(lx + 1, min(x0 + s0, imageWidth))
        readY = ly ..< max(ly + 1, min(y0 + s0, imageHeight))
    }

    /// The `s0×s0` patch from the values of `readX × readY` (x fastest), edge pixels clamped.
    /// - Precondition: `values.count == readX.count·readY.count`.
    public func assemble(_ values: [Float]) -> RealImage {
        let w = readX.count
        precondition(values.count == w * readY.count, "window read \(values.count) values, expected \(w)×\(readY.count)")
        return RealImage(nx: size, ny: size) { x, y in
            let ix = min(max(x0 + x, readX.lowerBound), readX.upperBound - 1) - readX.lowerBound
            let iy = min(max(y0 + y, readY.lowerBound), readY.upperBound - 1) - readY.lowerBound
            return values[ix + w * iy]
        }
    }
}
