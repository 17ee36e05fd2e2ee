private import CPNG

/// The one place libpng is called: encodes 8-bit grey or RGB pixels with libpng's simplified
/// write API (libpng ≥ 1.6, which handles its own `setjmp`, so no longjmp crosses Swift).
enum PNGWriter {
    /// Encodes `pixels` (rows top to bottom, `width·channels` bytes each) as PNG bytes.
    /// - Parameter path: the destination named in errors (empty for in-memory use).
    /// - Precondition: `channels` is 1 or 3, sizes ≥ 1 and `pixels.count == width·height·channels`.
    static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8],
                       path: String = "") throws(PlotError) -> [UInt8] {
        precondition(channels == 1 || channels == 3, "PNGWriter: channels must be 1 or 3, got \(channels)")
        precondition(width >= 1 && height >= 1, "PNGWriter: sizes must be ≥ 1, got \(width)×\(height)")
        precondition(pixels.count == width * height * channels,
                     "PNGWriter: \(width)×\(height)×\(channels) needs \(width * height * channels) bytes, got \(pixels.count)")
        let bound = sta_png_size_bound(Int32(width), Int32(height), Int32(channels))
        var memory = [UInt8](repeating: 0, count: bound)
        var written = bound
        var message = [CChar](repeating: 0, count: 64)
        let ok = pixels.withUnsafeBufferPointer { p in
            memory.withUnsafeMutableBufferPointer { m in
                message.withUnsafeMutableBufferPointer { msg in
                    sta_png_encode(Int32(width), Int32(height), Int32(channels), p.baseAddress,
                                   m.baseAddress, &written, msg.baseAddress, msg.count)
                }
            }
        }
        guard ok != 0 else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PlotError(code: .encodingFailed, path: path,
                            message: "libpng could not encode a \(width)×\(height) image: \(reason)")
        }
        memory.removeSubrange(written...)
        return memory
    }
}
