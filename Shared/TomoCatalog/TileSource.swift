import Foundation
import TomoMRC
import TomoWire

/// Reads the voxels of a `TileRequest` from an MRC file under a project root, and encodes them
/// as a tile payload (what `tile.get` answers).
public struct TileSource: Sendable {
    /// The project root that relative paths are resolved against.
    public let root: String

    /// A source for `root`.
    public init(root: String) { self.root = root }

    /// A tile's values (x fastest) and shape, as float32 (float16 rounding is the codec's).
    public struct Tile: Sendable {
        /// Values, `nx·ny·nz`.
        public var values: [Float]
        /// Width.
        public var nx: Int
        /// Height.
        public var ny: Int
        /// Depth.
        public var nz: Int
        /// Å per voxel (x), 0 when unknown.
        public var voxelSize: Double
    }

    /// The absolute path of `path`: absolute paths as they are; relative ones under the root,
    /// refusing `..` components (404-free: 400).
    public func resolve(_ path: String) throws(CatalogError) -> String {
        if path.hasPrefix("/") { return path }
        guard !path.split(separator: "/").contains("..") else {
            throw CatalogError(.badRequest, "path \(path) leaves the project (contains ..)")
        }
        return root + "/" + path
    }

    /// Reads the tile.
    /// - Throws: 404 when the file or section does not exist, 400 for a box outside the map.
    public func read(_ request: TileRequest) throws(CatalogError) -> Tile {
        let path = try resolve(request.path)
        let file: MRCFile
        do { file = try MRCFile.open(path: path) } catch {
            throw CatalogError(.notFound, "cannot open \(request.path): \(error)")
        }
        let (nx, ny, nz) = file.shape
        let voxel = Double(file.voxelSize.x)
        do {
            if let z = request.section {
                guard (0..<nz).contains(z) else {
                    throw CatalogError(.notFound, "\(request.path) has sections 0..<\(nz), not \(z)")
                }
                return Tile(values: try file.readSection(z), nx: nx, ny: ny, nz: 1, voxelSize: voxel)
            }
            if let b = request.box {
                guard b.x.upperBound <= nx, b.y.upperBound <= ny, b.z.upperBound <= nz else {
                    throw CatalogError(.badRequest, "box \(b) lies outside \(request.path) (\(nx)×\(ny)×\(nz))")
                }
                return Tile(values: try file.readSubvolume(x: b.x, y: b.y, z: b.z), nx: b.x.count, ny: b.y.count,
                            nz: b.z.count, voxelSize: voxel)
            }
            return Tile(values: try file.readAll(), nx: nx, ny: ny, nz: nz, voxelSize: voxel)
        } catch let e as CatalogError {
            throw e
        } catch {
            throw CatalogError(.internalError, "reading \(request.path): \(error)")
        }
    }

    /// The tile as a payload in `request.dtype`, encoded with `encoding` (default shuffle+zstd).
    public func encode(_ request: TileRequest, tileID: UInt64 = 0,
                       encoding: PayloadEncoding = .shuffleZstd) throws(CatalogError) -> (Tile, EncodedTile) {
        let t = try read(request)
        do {
            let e = try TileCodec.encode(t.values, nx: t.nx, ny: t.ny, nz: t.nz, voxelSize: t.voxelSize, tileID: tileID,
                                         dtype: request.dtype, encoding: encoding)
            return (t, e)
        } catch {
            throw CatalogError(.internalError, "encoding \(request.path): \(error)")
        }
    }
}
