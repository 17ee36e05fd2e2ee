/// Converts voxels between file bytes and `Float`, for every real mode.
///
/// Reading: integers become their exact value; float16 is widened exactly. Writing (always
/// little-endian): integer modes round to nearest (ties away from zero), clamp to the type's range
/// and write NaN as 0; float16 rounds as ``Half/half(from:)``.
enum VoxelCodec {
    /// Decodes `count` voxels of `mode` from `source` (raw file bytes in `order`) into `destination`.
    static func decode(_ source: UnsafeRawBufferPointer, mode: MRCMode, order: MRCByteOrder,
                       count: Int, into destination: UnsafeMutablePointer<Float>) {
        let swap = order == .big
        switch mode {
        case .int8:
            for i in 0 ..< count { destination[i] = Float(Int8(bitPattern: source[i])) }
        case .int16:
            for i in 0 ..< count { destination[i] = Float(Int16(bitPattern: u16(source, i, swap))) }
        case .uint16:
            for i in 0 ..< count { destination[i] = Float(u16(source, i, swap)) }
        case .float16:
            for i in 0 ..< count { destination[i] = Half.float(fromHalf: u16(source, i, swap)) }
        case .float32, .complex64:   // complex64: `count` counts floats (two per voxel)
            for i in 0 ..< count {
                let v = source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                destination[i] = Float(bitPattern: swap ? UInt32(bigEndian: v) : UInt32(littleEndian: v))
            }
        }
    }

    @inline(__always)
    private static func u16(_ source: UnsafeRawBufferPointer, _ i: Int, _ swap: Bool) -> UInt16 {
        let v = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
        return swap ? UInt16(bigEndian: v) : UInt16(littleEndian: v)
    }

    /// Encodes `values` as little-endian voxels of `mode`, appending to `bytes`.
    /// - Precondition: `mode.isWritable`.
    static func encode(_ values: UnsafeBufferPointer<Float>, mode: MRCMode, into bytes: inout [UInt8]) {
        precondition(mode.isWritable, "mode \(mode) cannot be written")
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: values.count * mode.bytesPerVoxel))
        bytes.withUnsafeMutableBytes { raw in
            let out = UnsafeMutableRawBufferPointer(rebasing: raw[start...])
            switch mode {
            case .int8:
                for (i, v) in values.enumerated() { out[i] = UInt8(bitPattern: Int8(clamped(v, Int8.self))) }
            case .int16:
                for (i, v) in values.enumerated() {
                    out.storeBytes(of: Int16(clamped(v, Int16.self)).littleEndian, toByteOffset: 2 * i, as: Int16.self)
                }
            case .uint16:
                for (i, v) in values.enumerated() {
                    out.storeBytes(of: UInt16(clamped(v, UInt16.self)).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
                }
            case .float16:
                for (i, v) in values.enumerated() {
                    out.storeBytes(of: Half.half(from: v).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
                }
            case .float32, .complex64:
                for (i, v) in values.enumerated() {
                    out.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
                }
            }
        }
    }

    /// `v` as it will be stored in `mode` and read back (the value statistics must describe).
    @inline(__always)
    static func quantized(_ v: Float, mode: MRCMode) -> Float {
        switch mode {
        case .int8: Float(clamped(v, Int8.self))
        case .int16: Float(clamped(v, Int16.self))
        case .uint16: Float(clamped(v, UInt16.self))
        case .float16: Half.float(fromHalf: Half.half(from: v))
        case .float32, .complex64: v
        }
    }

    /// `v` rounded (ties away from zero) and clamped to `T`'s range; NaN → 0.
    @inline(__always)
    static func clamped<T: FixedWidthInteger>(_ v: Float, _: T.Type) -> Int {
        if v.isNaN { return 0 }
        let r = v.rounded()
        if r <= Float(T.min) { return Int(T.min) }
        if r >= Float(T.max) { return Int(T.max) }
        return Int(r)
    }
}
