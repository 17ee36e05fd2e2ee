import TomoFiles

/// Writes whole maps and stacks as RELION does (spec §10.5), atomically.
///
/// Header choices: no extended header (data at byte 1024), `mx, my, mz = nx, ny, nz`,
/// cell = `n · voxelSize` on each axis (for a stack `c = N · voxelSize`), angles 90°,
/// `mapc, mapr, maps = 1, 2, 3`, `nxstart… = 0`, origin as given, `dmin/dmax/dmean/rms` of the
/// values as stored (after float16 rounding or integer clamping), `MAP `, machine stamp
/// `44 41 00 00`, `nversion 20141`, one label.
///
/// `ispg`: RELION writes 0 for volumes too. `mrcfile.validate` accepts 0 and 1 alike (it only
/// rejects negatives), but `mrcfile` (and MRC2014) read `ispg 0` as an image stack and `ispg 1`
/// as a volume, so we write 1 for volumes and 0 for stacks; RELION ignores the field on reading.
public enum MRCWriter {
    /// The label written when none is given.
    public static let defaultLabel = "sta TomoMRC"

    /// Writes `data` (`nx·ny·nz` values, x fastest) to `path` in `mode`, atomically: the file
    /// appears complete or, on failure, the previous file at `path` is untouched.
    /// - Parameters:
    ///   - voxelSize: Å per voxel (cubic).
    ///   - isStack: `true` for an image stack (`.mrcs`, `ispg 0`), `false` for a volume (`ispg 1`).
    ///   - origin: the header origin in Å.
    ///   - label: the header's single label (at most 80 ASCII bytes; longer is cut).
    /// - Precondition: `data.count == nx·ny·nz`, sizes non-negative.
    /// - Throws: `.unsupportedMode` for mode 4; `.ioError` if the file cannot be written.
    public static func write(_ data: [Float], nx: Int, ny: Int, nz: Int, voxelSize: Double, to path: String,
                             mode: MRCMode = .float32, isStack: Bool = false,
                             origin: (Double, Double, Double) = (0, 0, 0),
                             label: String = defaultLabel) throws(MRCError) {
        precondition(nx >= 0 && ny >= 0 && nz >= 0, "negative MRC size \(nx)×\(ny)×\(nz)")
        precondition(data.count == nx * ny * nz, "MRC data has \(data.count) values, \(nx)×\(ny)×\(nz) needs \(nx * ny * nz)")
        guard mode.isWritable else {
            throw MRCError(code: .unsupportedMode, path: path, message: "cannot write mode \(mode.rawValue) (complex64); write a real mode")
        }
        var header = relionHeader(nx: nx, ny: ny, nz: nz, voxelSize: voxelSize, mode: mode, isStack: isStack,
                                  origin: origin, label: label)
        try writeAtomically(path: path) { (file) throws(MRCError) in
            var accumulator = MRCStatistics.Accumulator()
            try typedThrows { try data.withUnsafeBufferPointer { (values) in
                try writeVoxels(values, mode: mode, to: file, at: header.dataOffset, statistics: &accumulator)
            } }
            header.setStatistics(accumulator.statistics)
            try mrcIO { () throws(FileError) in try file.write(header.encoded(), at: 0) }
        }
    }

    /// The header RELION would write for these sizes (statistics not yet set).
    public static func relionHeader(nx: Int, ny: Int, nz: Int, voxelSize: Double, mode: MRCMode = .float32,
                                    isStack: Bool = false, origin: (Double, Double, Double) = (0, 0, 0),
                                    label: String = defaultLabel) -> MRCHeader {
        var h = MRCHeader(nx: nx, ny: ny, nz: nz, mode: mode, voxelSize: voxelSize)
        h.ispg = isStack ? 0 : 1
        h.origin = MRCCell(Float(origin.0), Float(origin.1), Float(origin.2))
        let text = String(decoding: Array(label.utf8.prefix(80)), as: UTF8.self)
        h.labels = text.isEmpty ? [] : [text]
        h.nlabl = Int32(h.labels.count)
        return h
    }

    /// Encodes `values` in chunks of 1 Mi voxels, writes them from byte `offset` on, and adds the
    /// stored (quantised) values to `statistics`.
    static func writeVoxels(_ values: UnsafeBufferPointer<Float>, mode: MRCMode, to file: AtomicFileWriter, at offset: Int,
                            statistics: inout MRCStatistics.Accumulator) throws(MRCError) {
        let chunk = 1 << 20
        var bytes: [UInt8] = []
        var quantized: [Float] = []
        var start = 0
        while start < values.count {
            let part = UnsafeBufferPointer(rebasing: values[start ..< min(values.count, start + chunk)])
            bytes.removeAll(keepingCapacity: true)
            VoxelCodec.encode(part, mode: mode, into: &bytes)
            if mode == .float32 {
                statistics.add(part)
            } else {
                quantized.removeAll(keepingCapacity: true)
                quantized.append(contentsOf: part.lazy.map { VoxelCodec.quantized($0, mode: mode) })
                statistics.add(quantized)
            }
            try mrcIO { () throws(FileError) in try file.write(bytes, at: offset + start * mode.bytesPerVoxel) }
            start += part.count
        }
    }
}
