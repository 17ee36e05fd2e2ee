#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open MRC file: its validated header and a read-only descriptor for `pread`, so sections
/// and sub-volumes are read without reading the whole file.
///
/// Immutable after ``open(path:)`` and therefore `Sendable`: several tasks may read from one
/// `MRCFile` at once (`pread` does not move a shared file position). The descriptor is closed when
/// the last reference goes.
///
/// Voxels come back as `Float`, x fastest, then y, then z (file order; `mapc/mapr/maps` are not
/// applied). Byte-swapped files are swapped on read.
public final class MRCFile: Sendable {
    /// The file's path, as given to ``open(path:)``.
    public let path: String
    /// The decoded main header.
    public let header: MRCHeader
    /// Byte order of the file's numbers.
    public let byteOrder: MRCByteOrder
    /// Non-fatal oddities of the header (missing `MAP ` id, unrecognised machine stamp, unset voxel
    /// size, trailing bytes), one sentence each. Never printed by this library.
    public let warnings: [String]
    /// Size of the file in bytes.
    public let fileSize: Int
    private let descriptor: Int32

    private init(path: String, header: MRCHeader, byteOrder: MRCByteOrder, warnings: [String],
                 fileSize: Int, descriptor: Int32) {
        self.path = path; self.header = header; self.byteOrder = byteOrder
        self.warnings = warnings; self.fileSize = fileSize; self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens `path`, reads and validates the header, and checks the file holds all the data it
    /// declares. No voxel is read.
    /// - Throws: ``MRCError`` with `.ioError` (cannot open), `.unsupportedCompression` (gzip/bzip2
    ///   file), `.truncated` (shorter than `1024 + nsymbt + nx·ny·nz·bytesPerVoxel`; the message
    ///   names the expected and actual byte counts), `.unsupportedMode` or `.badHeader`.
    public static func open(path: String) throws(MRCError) -> MRCFile {
        let fd = try Posix.openForReading(path)
        do throws(MRCError) {
            let size = try Posix.fileSize(fd, path: path)
            var bytes = [UInt8](repeating: 0, count: min(size, MRCHeader.byteCount))
            try typedThrows { try bytes.withUnsafeMutableBytes { (b) in try Posix.read(fd, into: b, count: b.count, at: 0, path: path) } }
            if bytes.count >= 3, (bytes[0] == 0x1f && bytes[1] == 0x8b) || bytes[0 ..< 3].elementsEqual("BZh".utf8) {
                let kind = bytes[0] == 0x1f ? "gzip" : "bzip2"
                throw MRCError(code: .unsupportedCompression, path: path, offset: 0,
                               message: "file is \(kind)-compressed; decompress it first (compressed MRC is not supported)")
            }
            let decoded = try MRCHeader.decode(bytes, path: path)
            let header = decoded.header
            let expected = header.dataOffset + header.dataByteCount
            guard size >= expected else {
                throw MRCError(code: .truncated, path: path, offset: size,
                               message: "file is truncated: header (\(header.nx)×\(header.ny)×\(header.nz), mode \(header.mode.rawValue), nsymbt \(header.nsymbt)) needs \(expected) bytes, file has \(size)")
            }
            var warnings = decoded.warnings
            if size > expected { warnings.append("file has \(size - expected) bytes after the data (ignored)") }
            return MRCFile(path: path, header: header, byteOrder: decoded.byteOrder, warnings: warnings,
                           fileSize: size, descriptor: fd)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Voxel shape `(nx, ny, nz)`.
    public var shape: (nx: Int, ny: Int, nz: Int) { (Int(header.nx), Int(header.ny), Int(header.nz)) }

    /// Voxel size in Å (``MRCHeader/voxelSize``).
    public var voxelSize: MRCVoxelSize { header.voxelSize }

    /// Reads `count` consecutive voxels starting at linear voxel index `first` into
    /// `destination`, in chunks of at most 8 MiB.
    func readVoxels(first: Int, count: Int, into destination: UnsafeMutablePointer<Float>) throws(MRCError) {
        let mode = header.mode
        let perVoxel = mode == .complex64 ? 4 : mode.bytesPerVoxel   // complex64: floats, not voxels
        let chunk = max(1, (8 << 20) / perVoxel)
        var scratch = [UInt8](repeating: 0, count: min(count, chunk) * perVoxel)
        var done = 0
        while done < count {
            let n = min(chunk, count - done)
            let offset = header.dataOffset + (first + done) * perVoxel
            try typedThrows { try scratch.withUnsafeMutableBytes { (b) in
                try Posix.read(descriptor, into: b, count: n * perVoxel, at: offset, path: path)
                VoxelCodec.decode(UnsafeRawBufferPointer(b), mode: mode, order: byteOrder, count: n,
                                  into: destination + done)
            } }
            done += n
        }
    }

    func requireReal(_ what: String) throws(MRCError) {
        guard header.mode.isReal else {
            throw MRCError(code: .unsupportedMode, path: path,
                           message: "\(what): mode 4 (complex64) is not an image; use readComplexInterleaved()")
        }
    }
}
