import TomoCore

/// One image of a particle shifted by the translations of its significant samples, at the
/// M-step pixels, each computed once however many (class, orientation) samples share the
/// translation (the M-step adds `Σ_t w_t·X̃_t` per sample). Holds one image at a time, in one
/// buffer with a slot per translation of the pass.
struct ShiftedImages {
    let images: [PreparedImage]
    let pixels: FourierPixelSet
    /// Floats per slot: interleaved (re, im) at every pixel.
    var stride: Int { 2 * pixels.count }
    private var buffer: [Float]
    private var filled: [Bool]
    private var image = -1

    /// Room for `translations` slots.
    init(images: [PreparedImage], pixels: FourierPixelSet, translations: Int) {
        self.images = images; self.pixels = pixels
        buffer = [Float](repeating: 0, count: translations * 2 * pixels.count)
        filled = [Bool](repeating: false, count: translations)
    }

    /// Makes slot `translation` hold image `j` shifted by `offset` (pixels, the image frame);
    /// moving to another image empties every slot.
    mutating func fill(image j: Int, translation: Int, offset: Vector3) {
        if j != image {
            image = j
            for i in filled.indices { filled[i] = false }
        }
        if filled[translation] { return }
        let s = stride
        buffer.withUnsafeMutableBufferPointer {
            ExpectationStep.shift(images[j].data, by: offset, pixels: pixels, into: $0.baseAddress! + translation * s)
        }
        filled[translation] = true
    }

    /// Calls `body` with the buffer (slot `t` at `t·stride`).
    func withSlots<R>(_ body: (UnsafePointer<Float>) -> R) -> R {
        buffer.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
