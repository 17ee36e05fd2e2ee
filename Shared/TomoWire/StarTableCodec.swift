/// Turns STAR text (a whole STAR file as UTF-8) into a table payload and back
/// (docs/protocol.md §7.3). Parsing the text is `TomoSTAR`'s job; this codec only moves bytes.
public enum StarTableCodec {
    /// Encodes `text` under `name`, zstd-compressed by default.
    /// - Precondition: `encoding` is `.raw` or `.zstd`.
    public static func encode(_ text: String, name: String, encoding: PayloadEncoding = .zstd,
                              level: Int32 = Zstd.defaultLevel) throws(WireError) -> EncodedStarTable {
        precondition(encoding != .shuffleZstd, "STAR tables are raw or zstd")
        let raw = Array(text.utf8)
        let data: [UInt8]
        if encoding == .zstd {
            do { data = try Zstd.compress(raw, level: level) } catch {
                throw WireError(code: .internalError, message: "zstd compression of \(name) failed: \(error.message)")
            }
        } else {
            data = raw
        }
        let d = StarTableDescriptor(encoding: encoding, crc32: CRC32.checksum(raw), byteCount: UInt64(raw.count), name: name)
        return EncodedStarTable(descriptor: d, data: data)
    }

    /// Decodes the UTF-8 text. Throws 413 when the declared size exceeds `limits.maxStarBytes`,
    /// and 400 when the data is corrupt, of another size, fails its CRC-32 or is not UTF-8.
    public static func decode(_ table: EncodedStarTable, limits: WireLimits = .protocolDefault) throws(WireError) -> String {
        let d = table.descriptor
        guard d.byteCount <= UInt64(limits.maxStarBytes) else {
            throw WireError(code: .tooLarge, message: "STAR table \(d.name) declares \(d.byteCount) bytes, the limit is \(limits.maxStarBytes)")
        }
        let raw: [UInt8]
        switch d.encoding {
        case .raw: raw = table.data
        case .zstd:
            do { raw = try Zstd.decompress(table.data, maxSize: Int(d.byteCount)) } catch {
                throw WireError(code: .malformed, message: "STAR table \(d.name): \(error.message)")
            }
        case .shuffleZstd:
            throw WireError(code: .malformed, message: "STAR table \(d.name): shuffle+zstd is for tiles only")
        }
        guard UInt64(raw.count) == d.byteCount else {
            throw WireError(code: .malformed, message: "STAR table \(d.name) is \(raw.count) bytes, descriptor declares \(d.byteCount)")
        }
        let crc = CRC32.checksum(raw)
        guard crc == d.crc32 else {
            throw WireError(code: .malformed, message: "STAR table \(d.name): CRC-32 \(crc) does not match the descriptor's \(d.crc32)")
        }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw WireError(code: .malformed, message: "STAR table \(d.name) is not valid UTF-8")
        }
        return text
    }
}
