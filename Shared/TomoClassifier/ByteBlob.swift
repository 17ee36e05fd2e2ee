import TomoWire

/// Opaque bytes (an encoded `IterationState`, batch images, poses or sums) carried as one tile.
///
/// TomoWire tiles hold float32 or float16 elements only, so the bytes travel as a float32 tile
/// of 4-byte words whose values are never read as numbers: the uncompressed data is an 8-byte
/// little-endian length `n`, the `n` bytes, then zeros up to a multiple of 4; descriptor
/// `dtype` float32, `encoding` zstd, `nx` = words, `ny` = `nz` = 1, `voxelSize` 0, `tileID` =
/// `n`; CRC-32 of the uncompressed data as for every tile. In Python:
/// `raw = zstd.decompress(data); n = int.from_bytes(raw[:8], "little"); blob = raw[8:8 + n]`.
public enum ByteBlob {
    /// The tile carrying `bytes`.
    public static func payload(_ bytes: [UInt8]) throws(ClassifierError) -> Payload {
        var raw = [UInt8]()
        raw.reserveCapacity(bytes.count + 12)
        let n = UInt64(bytes.count)
        for i in 0..<8 { raw.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
        raw += bytes
        while raw.count % 4 != 0 { raw.append(0) }
        let data: [UInt8]
        do { data = try Zstd.compress(raw) } catch {
            throw ClassifierError(.internalError, "byte blob of \(bytes.count) bytes: zstd compression failed: \(error.message)")
        }
        let d = TileDescriptor(dtype: .float32, encoding: .zstd, nx: UInt32(raw.count / 4), ny: 1, nz: 1, voxelSize: 0,
                               tileID: n, byteCount: UInt64(raw.count), crc32: CRC32.checksum(raw))
        return .tile(EncodedTile(descriptor: d, data: data))
    }

    /// The bytes of a tile made by ``payload(_:)``; `what` names it in errors.
    /// - Throws: 400 when the payload is not such a tile, is corrupt or fails its checks.
    public static func bytes(_ payload: Payload, what: String,
                             limits: WireLimits = .protocolDefault) throws(ClassifierError) -> [UInt8] {
        guard case .tile(let tile) = payload else {
            throw ClassifierError(.malformed, "\(what): expected a byte-blob tile, got a STAR table")
        }
        let d = tile.descriptor
        guard d.dtype == .float32, d.encoding == .zstd, d.ny == 1, d.nz == 1, d.byteCount == UInt64(d.nx) * 4,
              d.byteCount >= 8, d.byteCount <= UInt64(limits.maxTileBytes) else {
            throw ClassifierError(.malformed, "\(what): tile \(d.nx)×\(d.ny)×\(d.nz) (\(d.byteCount) bytes, encoding \(d.encoding)) is not a byte blob")
        }
        let raw: [UInt8]
        do { raw = try Zstd.decompress(tile.data, maxSize: Int(d.byteCount)) } catch {
            throw ClassifierError(.malformed, "\(what): \(error.message)")
        }
        guard raw.count == Int(d.byteCount), CRC32.checksum(raw) == d.crc32 else {
            throw ClassifierError(.malformed, "\(what): \(raw.count) bytes after zstd with CRC-32 \(CRC32.checksum(raw)); descriptor declares \(d.byteCount) with \(d.crc32)")
        }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(raw[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(raw.count - 8), raw.count - 8 - Int(n) < 4 else {
            throw ClassifierError(.malformed, "\(what): length prefix \(n) does not fit the \(raw.count - 8) bytes that follow")
        }
        return Array(raw[8..<(8 + Int(n))])
    }

    /// The bytes of the first payload of `payloads`.
    static func first(_ payloads: [Payload], what: String) throws(ClassifierError) -> [UInt8] {
        guard let p = payloads.first else { throw ClassifierError(.malformed, "\(what): no payload") }
        return try bytes(p, what: what)
    }
}
