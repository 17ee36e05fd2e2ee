import TomoFiles

/// Writes an image stack (or a volume) section by section, for outputs too large to hold at once
/// (extraction of many particles). Sections go to a temporary file; ``finish()`` writes the header
/// (`nz` = sections appended, `c = nz · voxelSize`, statistics of all values) and renames the file
/// into place. A writer dropped or failing before ``finish()`` removes its temporary file and
/// leaves any previous file at ``path`` untouched.
///
/// Not thread-safe: one owner appends.
public final class MRCStackWriter {
    /// Destination path.
    public let path: String
    /// Image width and height in voxels.
    public let nx: Int, ny: Int
    /// Voxel size in Å.
    public let voxelSize: Double
    /// Storage mode.
    public let mode: MRCMode
    /// `true` writes `ispg 0` (image stack), `false` `ispg 1` (volume).
    public let isStack: Bool
    /// Header label.
    public let label: String
    /// Number of sections appended so far.
    public private(set) var sectionCount = 0
    private let file: AtomicFileWriter
    private var statistics = MRCStatistics.Accumulator()

    /// Starts a stack at `path` (the temporary file is created now).
    /// - Throws: `.unsupportedMode` for mode 4; `.ioError` if the folder is not writable.
    public init(path: String, nx: Int, ny: Int, voxelSize: Double, mode: MRCMode = .float32,
                isStack: Bool = true, label: String = MRCWriter.defaultLabel) throws(MRCError) {
        precondition(nx >= 0 && ny >= 0, "negative MRC size \(nx)×\(ny)")
        guard mode.isWritable else {
            throw MRCError(code: .unsupportedMode, path: path, message: "cannot write mode \(mode.rawValue) (complex64); write a real mode")
        }
        self.path = path; self.nx = nx; self.ny = ny; self.voxelSize = voxelSize
        self.mode = mode; self.isStack = isStack; self.label = label
        file = try mrcIO { () throws(FileError) in try AtomicFileWriter(path: path) }
    }

    /// Appends one section of `nx·ny` values, x fastest.
    /// - Precondition: `section.count == nx·ny`, and ``finish()`` not yet called.
    public func append(_ section: [Float]) throws(MRCError) {
        precondition(section.count == nx * ny, "section has \(section.count) values, \(nx)×\(ny) needs \(nx * ny)")
        let offset = MRCHeader.byteCount + sectionCount * nx * ny * mode.bytesPerVoxel
        do {
            try typedThrows { try section.withUnsafeBufferPointer { (values) in
                try MRCWriter.writeVoxels(values, mode: mode, to: file, at: offset, statistics: &statistics)
            } }
        } catch {
            file.abandon()
            throw error
        }
        sectionCount += 1
    }

    /// Writes the header and renames the file into place.
    public func finish() throws(MRCError) {
        var header = MRCWriter.relionHeader(nx: nx, ny: ny, nz: sectionCount, voxelSize: voxelSize, mode: mode,
                                            isStack: isStack, label: label)
        header.setStatistics(statistics.statistics)
        do {
            try mrcIO { () throws(FileError) in try file.write(header.encoded(), at: 0) }
        } catch {
            file.abandon()
            throw error
        }
        try mrcIO { () throws(FileError) in try file.commit() }
    }

    /// Abandons the stack: the temporary file is removed, the destination untouched.
    public func cancel() { file.abandon() }
}
