import TomoFiles

extension Canvas {
    /// The canvas encoded as an 8-bit RGB PNG (colour type 2, no alpha) by libpng.
    /// - Throws: ``PlotError`` `.encodingFailed` if libpng refuses the image.
    public func pngData() throws(PlotError) -> [UInt8] {
        try PNGWriter.encode(width: width, height: height, channels: 3, pixels: pixels)
    }

    /// Writes the canvas to `path` as an 8-bit RGB PNG, atomically: a hidden temporary file
    /// beside `path` is flushed and renamed over it, so a viewer polling the file never sees
    /// half an image, and on failure `path` keeps its previous content and no temporary is left.
    /// - Throws: ``PlotError`` naming `path` (`.ioError` with `strerror` for an unwritable
    ///   folder, `.encodingFailed` from libpng).
    public func writePNG(to path: String) throws(PlotError) {
        let bytes = try PNGWriter.encode(width: width, height: height, channels: 3, pixels: pixels, path: path)
        do { try AtomicFile.write(bytes, to: path) } catch { throw PlotError(code: .ioError, path: path, message: error.message) }
    }
}
