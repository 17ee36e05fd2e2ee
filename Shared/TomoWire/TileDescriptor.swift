/// The element type of a tile. Elements are little-endian IEEE 754.
public enum TileDType: UInt8, Hashable, Sendable, CaseIterable {
    /// binary32, 4 bytes.
    case float32 = 1
    /// binary16, 2 bytes (RELION writes float16 particles; values round to nearest even).
    case float16 = 2

    /// Bytes per element.
    public var byteWidth: Int { self == .float32 ? 4 : 2 }
}

/// How a payload's data frame is encoded.
public enum PayloadEncoding: UInt8, Hashable, Sendable, CaseIterable {
    /// The uncompressed bytes.
    case raw = 0
    /// One zstd frame with content size and content checksum.
    case zstd = 1
    /// Byte-shuffled (see `ByteShuffle`), then one zstd frame. Tiles only.
    case shuffleZstd = 2
}

/// The 48-byte descriptor frame that precedes a tile's data frame (docs/protocol.md §7.1).
///
/// A tile is a volume (`nz` slices) or a stack of `nz` 2-D images, stored x fastest, then y, then
/// z: element `(x, y, z)` is at index `x + nx * (y + ny * z)`. Python reads the descriptor with
/// `struct.unpack_from('<BBBBIIIdQQII', frame)`:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | kind = 1 (tile) |
/// | 1 | 1 | dtype (1 float32, 2 float16) |
/// | 2 | 1 | encoding (0 raw, 1 zstd, 2 shuffle+zstd) |
/// | 3 | 1 | reserved, zero |
/// | 4 | 4 | nx (u32) |
/// | 8 | 4 | ny (u32) |
/// | 12 | 4 | nz (u32; image count for stacks) |
/// | 16 | 8 | voxel size in Å (f64; 0 when unknown) |
/// | 24 | 8 | tile id (u64; the particle id for particle tiles) |
/// | 32 | 8 | uncompressed byte count (u64) = nx·ny·nz·element size |
/// | 40 | 4 | CRC-32 of the uncompressed element bytes |
/// | 44 | 4 | reserved, zero |
public struct TileDescriptor: Hashable, Sendable {
    /// The descriptor's length in bytes.
    public static let byteCount = 48
    /// The kind byte that marks a tile descriptor.
    public static let kind: UInt8 = 1

    /// Element type.
    public var dtype: TileDType
    /// Data frame encoding.
    public var encoding: PayloadEncoding
    /// Width (fastest axis).
    public var nx: UInt32
    /// Height.
    public var ny: UInt32
    /// Depth, or number of images in a stack.
    public var nz: UInt32
    /// Voxel (pixel) size in Å; 0 when unknown.
    public var voxelSize: Double
    /// The tile's id (the particle id for particle tiles).
    public var tileID: UInt64
    /// Uncompressed bytes: `nx * ny * nz * dtype.byteWidth`.
    public var byteCount: UInt64
    /// CRC-32 (zlib) of the uncompressed little-endian element bytes.
    public var crc32: UInt32

    /// Creates a descriptor.
    public init(dtype: TileDType, encoding: PayloadEncoding, nx: UInt32, ny: UInt32, nz: UInt32, voxelSize: Double,
                tileID: UInt64, byteCount: UInt64, crc32: UInt32) {
        self.dtype = dtype
        self.encoding = encoding
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.voxelSize = voxelSize
        self.tileID = tileID
        self.byteCount = byteCount
        self.crc32 = crc32
    }

    /// `nx * ny * nz * dtype.byteWidth`, or `nil` when it overflows `UInt64`.
    public var shapeByteCount: UInt64? {
        let (xy, o1) = UInt64(nx).multipliedReportingOverflow(by: UInt64(ny))
        let (xyz, o2) = xy.multipliedReportingOverflow(by: UInt64(nz))
        let (bytes, o3) = xyz.multipliedReportingOverflow(by: UInt64(dtype.byteWidth))
        return o1 || o2 || o3 ? nil : bytes
    }

    /// The 48 descriptor bytes.
    public func encode() -> [UInt8] {
        var w = ByteWriter(capacity: Self.byteCount)
        w.u8(Self.kind)
        w.u8(dtype.rawValue)
        w.u8(encoding.rawValue)
        w.u8(0)
        w.u32(nx)
        w.u32(ny)
        w.u32(nz)
        w.f64(voxelSize)
        w.u64(tileID)
        w.u64(byteCount)
        w.u32(crc32)
        w.u32(0)
        return w.bytes
    }

    /// Decodes and validates a descriptor frame: known dtype and encoding, a finite voxel size,
    /// `byteCount` equal to the shape times the element width (no overflow) and within
    /// `limits.maxTileBytes` (413 otherwise). Trailing bytes are ignored.
    public static func decode(_ bytes: [UInt8], frame: Int, limits: WireLimits = .protocolDefault) throws(WireError)
        -> TileDescriptor
    {
        var r = ByteReader(bytes, frame: frame)
        guard bytes.count >= byteCount else { throw r.fail("tile descriptor is \(bytes.count) bytes, needs \(byteCount)") }
        let kind = try r.u8("kind")
        guard kind == Self.kind else { throw r.fail("descriptor kind \(kind) is not a tile (1)") }
        let rawType = try r.u8("dtype")
        guard let dtype = TileDType(rawValue: rawType) else { throw r.fail("unknown tile dtype \(rawType)") }
        let rawEncoding = try r.u8("encoding")
        guard let encoding = PayloadEncoding(rawValue: rawEncoding) else { throw r.fail("unknown tile encoding \(rawEncoding)") }
        _ = try r.u8("reserved")
        let nx = try r.u32("nx"), ny = try r.u32("ny"), nz = try r.u32("nz")
        let voxel = try r.f64("voxel size")
        guard voxel.isFinite, voxel >= 0 else { throw r.fail("voxel size \(voxel) Å is not a finite non-negative number") }
        let id = try r.u64("tile id")
        let count = try r.u64("byte count")
        let crc = try r.u32("crc32")
        let d = TileDescriptor(dtype: dtype, encoding: encoding, nx: nx, ny: ny, nz: nz, voxelSize: voxel, tileID: id,
                               byteCount: count, crc32: crc)
        guard d.shapeByteCount == count else {
            throw .at(.malformed, frame: frame, offset: 32,
                      "byte count \(count) is not \(nx)×\(ny)×\(nz)×\(dtype.byteWidth)")
        }
        guard count <= UInt64(limits.maxTileBytes) else {
            throw .at(.tooLarge, frame: frame, offset: 32,
                      "tile declares \(count) bytes, the limit is \(limits.maxTileBytes)")
        }
        return d
    }
}
