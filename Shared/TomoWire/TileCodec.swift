/// Turns `[Float]` volumes and image stacks into tile payloads and back (docs/protocol.md §7).
///
/// Values are stored x fastest, then y, then z (index `x + nx * (y + ny * z)`), as little-endian
/// float32 or IEEE binary16 (`Binary16`: round to nearest, ties to even; magnitudes from 65,520
/// up become ±infinity). Decoding checks the declared size against `WireLimits` before
/// allocating, the zstd frame's own content size and checksum, and the CRC-32 of the
/// uncompressed bytes.
public enum TileCodec {
    /// Encodes `values` (count `nx * ny * nz`) as a tile.
    /// - Precondition: `values.count == nx * ny * nz`.
    public static func encode(_ values: [Float], nx: Int, ny: Int, nz: Int, voxelSize: Double, tileID: UInt64,
                              dtype: TileDType = .float32, encoding: PayloadEncoding = .shuffleZstd,
                              level: Int32 = Zstd.defaultLevel) throws(WireError) -> EncodedTile {
        precondition(nx >= 0 && ny >= 0 && nz >= 0 && values.count == nx * ny * nz,
                     "\(values.count) values for a \(nx)×\(ny)×\(nz) tile")
        let raw = elementBytes(values, dtype)
        let data: [UInt8]
        switch encoding {
        case .raw: data = raw
        case .zstd: data = try compress(raw, level)
        case .shuffleZstd: data = try compress(ByteShuffle.shuffle(raw, elementSize: dtype.byteWidth), level)
        }
        let d = TileDescriptor(dtype: dtype, encoding: encoding, nx: UInt32(nx), ny: UInt32(ny), nz: UInt32(nz),
                               voxelSize: voxelSize, tileID: tileID, byteCount: UInt64(raw.count),
                               crc32: CRC32.checksum(raw))
        return EncodedTile(descriptor: d, data: data)
    }

    /// Decodes a tile's values (as `Float`, widening float16).
    ///
    /// Throws 413 when the declared size exceeds `limits.maxTileBytes` and 400 when the data frame
    /// is corrupt, decompresses to another size, or fails its CRC-32.
    public static func decode(_ tile: EncodedTile, limits: WireLimits = .protocolDefault) throws(WireError) -> [Float] {
        let d = tile.descriptor
        guard d.byteCount <= UInt64(limits.maxTileBytes) else {
            throw WireError(code: .tooLarge, message: "tile \(d.tileID) declares \(d.byteCount) bytes, the limit is \(limits.maxTileBytes)")
        }
        guard d.shapeByteCount == d.byteCount else {
            throw WireError(code: .malformed, message: "tile \(d.tileID): byte count \(d.byteCount) is not \(d.nx)×\(d.ny)×\(d.nz)×\(d.dtype.byteWidth)")
        }
        let n = Int(d.byteCount)
        let raw: [UInt8]
        switch d.encoding {
        case .raw: raw = tile.data
        case .zstd: raw = try decompress(tile.data, n, d.tileID)
        case .shuffleZstd: raw = ByteShuffle.unshuffle(try decompress(tile.data, n, d.tileID), elementSize: d.dtype.byteWidth)
        }
        guard raw.count == n else {
            throw WireError(code: .malformed, message: "tile \(d.tileID): data is \(raw.count) bytes, descriptor declares \(n)")
        }
        let crc = CRC32.checksum(raw)
        guard crc == d.crc32 else {
            throw WireError(code: .malformed, message: "tile \(d.tileID): CRC-32 \(crc) does not match the descriptor's \(d.crc32)")
        }
        return floats(raw, d.dtype)
    }

    /// Little-endian element bytes of `values` in `dtype`.
    static func elementBytes(_ values: [Float], _ dtype: TileDType) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: values.count * dtype.byteWidth)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                switch dtype {
                case .float32:
                    for i in 0..<v.count {
                        let b = v[i].bitPattern
                        o[4 * i] = UInt8(truncatingIfNeeded: b)
                        o[4 * i + 1] = UInt8(truncatingIfNeeded: b >> 8)
                        o[4 * i + 2] = UInt8(truncatingIfNeeded: b >> 16)
                        o[4 * i + 3] = UInt8(truncatingIfNeeded: b >> 24)
                    }
                case .float16:
                    for i in 0..<v.count {
                        let b = Binary16.bits(from: v[i])
                        o[2 * i] = UInt8(truncatingIfNeeded: b)
                        o[2 * i + 1] = UInt8(truncatingIfNeeded: b >> 8)
                    }
                }
            }
        }
        return out
    }

    /// Values from little-endian element bytes.
    static func floats(_ raw: [UInt8], _ dtype: TileDType) -> [Float] {
        let n = raw.count / dtype.byteWidth
        var out = [Float](repeating: 0, count: n)
        raw.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                switch dtype {
                case .float32:
                    for i in 0..<n {
                        let b = UInt32(r[4 * i]) | UInt32(r[4 * i + 1]) << 8 | UInt32(r[4 * i + 2]) << 16 | UInt32(r[4 * i + 3]) << 24
                        o[i] = Float(bitPattern: b)
                    }
                case .float16:
                    for i in 0..<n { o[i] = Binary16.float(fromBits: UInt16(r[2 * i]) | UInt16(r[2 * i + 1]) << 8) }
                }
            }
        }
        return out
    }

    private static func compress(_ bytes: [UInt8], _ level: Int32) throws(WireError) -> [UInt8] {
        do { return try Zstd.compress(bytes, level: level) } catch { throw WireError(code: .internalError, message: "zstd compression failed: \(error.message)") }
    }

    private static func decompress(_ frame: [UInt8], _ n: Int, _ id: UInt64) throws(WireError) -> [UInt8] {
        do { return try Zstd.decompress(frame, maxSize: n) } catch {
            // The descriptor's size already passed the limit, so a larger frame is a mismatch: 400.
            throw WireError(code: .malformed, message: "tile \(id): \(error.message)")
        }
    }
}
