import TomoCore

/// The unmasked images of one particle shifted by the translations of its significant samples,
/// at the M-step pixels, each computed once however many (class, orientation) candidates share
/// the translation (the M-step adds `Σ_t w_t·X̃_t` per candidate).
struct ShiftedImages {
    let images: [PreparedImage]
    let pixels: FourierPixelSet
    /// Interleaved (re, im) values by image, then translation index.
    private var cache: [[Int: [Float]]]

    init(images: [PreparedImage], pixels: FourierPixelSet) {
        self.images = images; self.pixels = pixels
        cache = Array(repeating: [:], count: images.count)
    }

    /// Calls `body` with image `j` shifted by `offset` (pixels, the image frame), cached under
    /// `translation` (the index of the translation in the particle's pass).
    mutating func withShifted(image j: Int, translation: Int, offset: Vector3, _ body: (UnsafePointer<Float>) -> Void) {
        if cache[j][translation] == nil {
            var v = [Float](repeating: 0, count: 2 * pixels.count)
            v.withUnsafeMutableBufferPointer { ExpectationStep.shift(images[j].data, by: offset, pixels: pixels, into: $0.baseAddress!) }
            cache[j][translation] = v
        }
        cache[j][translation]!.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Frees image `j`'s shifted copies.
    mutating func drop(image j: Int) { cache[j] = [:] }
}
