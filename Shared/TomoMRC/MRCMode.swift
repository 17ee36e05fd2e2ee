/// The data type of the voxels of an MRC file (the header's `mode` word, MRC2014 Table 1).
///
/// Modes 3 (complex int16) and 101 (packed 4-bit) are valid MRC2014 but not supported here;
/// opening such a file fails with ``MRCError/Code-swift.enum/unsupportedMode``.
public enum MRCMode: Int32, Sendable, CaseIterable {
    /// Signed 8-bit integer (RELION and mrcfile read mode 0 as signed).
    case int8 = 0
    /// Signed 16-bit integer.
    case int16 = 1
    /// IEEE-754 binary32; RELION's default.
    case float32 = 2
    /// Complex number as two binary32 values (real, imaginary). Not an image: read it with
    /// ``MRCFile/readComplexInterleaved()``.
    case complex64 = 4
    /// Unsigned 16-bit integer.
    case uint16 = 6
    /// IEEE-754 binary16 (RELION `--float16`).
    case float16 = 12

    /// Bytes one voxel occupies in the file.
    public var bytesPerVoxel: Int {
        switch self {
        case .int8: 1
        case .int16, .uint16, .float16: 2
        case .float32: 4
        case .complex64: 8
        }
    }

    /// Whether the voxels are real numbers that ``MRCFile/readAll()`` can convert to `Float`.
    public var isReal: Bool { self != .complex64 }

    /// Whether ``MRCWriter`` can write this mode (every real mode).
    public var isWritable: Bool { isReal }
}
