private import CZstd

/// zstd compression, the one place the C library is called (habit 2: wrap once, at the edge).
///
/// Frames are written with the content size and a content checksum, so a receiver can refuse an
/// oversized frame before allocating and detect corruption after decoding.
public enum Zstd {
    /// The default compression level (fast; tiles are re-sent often).
    public static let defaultLevel: Int32 = 3

    /// Compresses `input` into one zstd frame carrying its content size and checksum.
    public static func compress(_ input: [UInt8], level: Int32 = defaultLevel) throws(ZstdError) -> [UInt8] {
        guard let cctx = ZSTD_createCCtx() else { throw ZstdError(code: .memory, message: "ZSTD_createCCtx failed") }
        defer { ZSTD_freeCCtx(cctx) }
        try check(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level))
        try check(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1))
        try check(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1))
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let n = out.withUnsafeMutableBytes { o in
            input.withUnsafeBytes { i in ZSTD_compress2(cctx, o.baseAddress, o.count, i.baseAddress, i.count) }
        }
        try check(n)
        out.removeSubrange(n...)
        return out
    }

    /// Decompresses one zstd frame, refusing frames whose declared or actual content exceeds
    /// `maxSize` bytes, frames without a declared size, and frames whose checksum fails.
    public static func decompress(_ frame: [UInt8], maxSize: Int) throws(ZstdError) -> [UInt8] {
        let declared = frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        if declared == ZSTD_CONTENTSIZE_ERROR { throw ZstdError(code: .corrupt, message: "not a zstd frame") }
        if declared == ZSTD_CONTENTSIZE_UNKNOWN { throw ZstdError(code: .corrupt, message: "zstd frame has no content size") }
        guard declared <= UInt64(maxSize) else {
            throw ZstdError(code: .tooLarge, message: "zstd frame declares \(declared) bytes, limit is \(maxSize)")
        }
        var out = [UInt8](repeating: 0, count: Int(declared))
        let n = out.withUnsafeMutableBytes { o in
            frame.withUnsafeBytes { i in ZSTD_decompress(o.baseAddress, o.count, i.baseAddress, i.count) }
        }
        try check(n)
        guard n == Int(declared) else {
            throw ZstdError(code: .corrupt, message: "zstd frame decoded to \(n) bytes, declared \(declared)")
        }
        return out
    }

    /// The one funnel that maps zstd return codes to typed errors.
    private static func check(_ code: Int) throws(ZstdError) {
        if ZSTD_isError(code) != 0 {
            let name = String(cString: ZSTD_getErrorName(code))
            throw ZstdError(code: .corrupt, message: "zstd: \(name)")
        }
    }
}

/// A zstd failure: what went wrong, in words a user can act on.
public struct ZstdError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable { case corrupt, tooLarge, memory }
    public var code: Code
    public var message: String
    public var description: String { message }
}
