/// The byte shuffle of encoding 2 (shuffle+zstd): for `n` elements of `size` bytes, output byte
/// `b * n + i` is input byte `i * size + b`, so all first bytes come first, then all second
/// bytes, and so on. Exponent bytes of nearby floats are alike, so the shuffled stream
/// compresses better (the same filter as HDF5/Blosc "shuffle").
public enum ByteShuffle {
    /// Shuffles `bytes` as elements of `size` bytes.
    /// - Precondition: `bytes.count` is a multiple of `size`.
    public static func shuffle(_ bytes: [UInt8], elementSize size: Int) -> [UInt8] {
        precondition(size > 0 && bytes.count % size == 0, "\(bytes.count) bytes are not whole \(size)-byte elements")
        let n = bytes.count / size
        var out = [UInt8](repeating: 0, count: bytes.count)
        bytes.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                for b in 0..<size { for e in 0..<n { o[b * n + e] = i[e * size + b] } }
            }
        }
        return out
    }

    /// Inverts `shuffle`.
    /// - Precondition: `bytes.count` is a multiple of `size`.
    public static func unshuffle(_ bytes: [UInt8], elementSize size: Int) -> [UInt8] {
        precondition(size > 0 && bytes.count % size == 0, "\(bytes.count) bytes are not whole \(size)-byte elements")
        let n = bytes.count / size
        var out = [UInt8](repeating: 0, count: bytes.count)
        bytes.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                for b in 0..<size { for e in 0..<n { o[e * size + b] = i[b * n + e] } }
            }
        }
        return out
    }
}
