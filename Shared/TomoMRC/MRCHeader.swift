/// The 1,024-byte MRC2014 main header, field by field (names as in the MRC2014 paper and
/// `mrcfile`).
///
/// Conventions:
/// - Data are stored x fastest (columns), then y (rows), then z (sections); `nz` is the depth of a
///   volume or the number of images of a stack (`.mrcs`). The extension, not the header, tells a
///   stack from a volume (RELION). This library reads voxels in file order and does not apply
///   `mapc/mapr/maps`; files from RELION, Warp and mrcfile use 1, 2, 3.
/// - Voxel size in Å = cell / sampling (`cellA / (mx, my, mz)`), see ``voxelSize``.
/// - Integer fields are `Int32` and floating fields `Float`, as stored, so a header survives a
///   decode/encode round trip unchanged.
public struct MRCHeader: Sendable, Equatable {
    /// Columns, rows, sections (x, y, z sizes in voxels).
    public var nx: Int32, ny: Int32, nz: Int32
    /// The voxel type.
    public var mode: MRCMode
    /// Index of the first column, row and section (EMDB maps often have non-zero values).
    public var nxstart: Int32, nystart: Int32, nzstart: Int32
    /// Sampling along x, y, z: the number of intervals that make up the unit cell.
    public var mx: Int32, my: Int32, mz: Int32
    /// Cell dimensions in Å (`cella` in mrcfile).
    public var cellA: MRCCell
    /// Cell angles in degrees (`cellb` in mrcfile); 90° for cryo-EM data.
    public var cellAngles: MRCCell
    /// Axis (1 = x, 2 = y, 3 = z) that corresponds to columns, rows and sections.
    public var mapc: Int32, mapr: Int32, maps: Int32
    /// Minimum, maximum and mean density. `dmax < dmin` marks them as not determined.
    public var dmin: Float, dmax: Float, dmean: Float
    /// Space group: 0 for images and image stacks, 1 for a volume (MRC2014), 401–630 for volume
    /// stacks. RELION writes 0 for everything.
    public var ispg: Int32
    /// Size of the extended header in bytes; data start at `1024 + nsymbt`.
    public var nsymbt: Int32
    /// `extra` bytes 0–7 (words 25–26), kept as read.
    public var extra1: [UInt8]
    /// Extended-header type (`CCP4`, `MRCO`, `SERI`, `AGAR`, `FEI1`, `FEI2`, `HDF5`), or empty.
    public var exttyp: String
    /// MRC format version, `20141` for MRC2014 (2014 × 10 + 1).
    public var nversion: Int32
    /// `extra` bytes 16–99 (words 29–49), kept as read.
    public var extra2: [UInt8]
    /// Origin in Å (`origin.x/y/z`).
    public var origin: MRCCell
    /// The file id, `"MAP "` in a conforming file (some writers leave it blank).
    public var map: String
    /// The four machine-stamp bytes: `44 41 00 00` or `44 44 00 00` little-endian,
    /// `11 11 00 00` big-endian.
    public var machineStamp: [UInt8]
    /// Standard deviation of the densities from their mean (MRC2014 "RMS deviation";
    /// negative means not determined).
    public var rms: Float
    /// Number of labels in use.
    public var nlabl: Int32
    /// The label texts (each at most 80 ASCII bytes, trailing blanks and NULs removed); trailing
    /// empty slots are dropped, so `labels.count ≤ 10`.
    public var labels: [String]

    /// Size of the main header in bytes.
    public static let byteCount = 1024
    /// The MRC2014 file id.
    public static let mapID = "MAP "
    /// The little-endian machine stamp RELION writes.
    public static let littleEndianStamp: [UInt8] = [0x44, 0x41, 0x00, 0x00]
    /// The big-endian machine stamp.
    public static let bigEndianStamp: [UInt8] = [0x11, 0x11, 0x00, 0x00]

    /// A header for a float32 map of `nx × ny × nz` voxels of `voxelSize` Å, filled in as
    /// RELION writes one (spec §10.5); statistics marked not determined.
    public init(nx: Int, ny: Int, nz: Int, mode: MRCMode = .float32, voxelSize: Double = 1) {
        self.nx = Int32(nx); self.ny = Int32(ny); self.nz = Int32(nz)
        self.mode = mode
        nxstart = 0; nystart = 0; nzstart = 0
        mx = Int32(nx); my = Int32(ny); mz = Int32(nz)
        cellA = MRCCell(Float(Double(nx) * voxelSize), Float(Double(ny) * voxelSize), Float(Double(nz) * voxelSize))
        cellAngles = MRCCell(90, 90, 90)
        mapc = 1; mapr = 2; maps = 3
        dmin = 0; dmax = -1; dmean = -2
        ispg = 0
        nsymbt = 0
        extra1 = [UInt8](repeating: 0, count: 8)
        exttyp = ""
        nversion = 20141
        extra2 = [UInt8](repeating: 0, count: 84)
        origin = MRCCell(0, 0, 0)
        map = MRCHeader.mapID
        machineStamp = MRCHeader.littleEndianStamp
        rms = -1
        nlabl = 0
        labels = []
    }

    /// Voxel size in Å per axis: `cellA.x / mx` and so on, 0 along an axis whose sampling is 0.
    public var voxelSize: MRCVoxelSize {
        func size(_ cell: Float, _ m: Int32) -> Double { m == 0 ? 0 : Double(cell) / Double(m) }
        return MRCVoxelSize(x: size(cellA.x, mx), y: size(cellA.y, my), z: size(cellA.z, mz))
    }

    /// Byte offset of the first voxel: `1024 + nsymbt`.
    public var dataOffset: Int { MRCHeader.byteCount + Int(nsymbt) }

    /// Number of voxels, `nx · ny · nz`.
    public var voxelCount: Int { Int(nx) * Int(ny) * Int(nz) }

    /// Bytes of voxel data, `voxelCount · bytesPerVoxel`.
    public var dataByteCount: Int { voxelCount * mode.bytesPerVoxel }

    /// Sets `dmin`, `dmax`, `dmean` and `rms` from `statistics`.
    public mutating func setStatistics(_ statistics: MRCStatistics) {
        dmin = statistics.min; dmax = statistics.max
        dmean = statistics.mean; rms = statistics.rms
    }
}

/// Three `Float`s of the header: cell lengths (Å), cell angles (°) or origin (Å).
public struct MRCCell: Sendable, Equatable {
    /// Component along x.
    public var x: Float
    /// Component along y.
    public var y: Float
    /// Component along z.
    public var z: Float
    /// Creates the triple.
    public init(_ x: Float, _ y: Float, _ z: Float) { self.x = x; self.y = y; self.z = z }
}

/// Voxel size in Å along x, y, z (cubic for RELION, possibly anisotropic for crystallographic maps).
public struct MRCVoxelSize: Sendable, Equatable {
    /// Å per voxel along x.
    public var x: Double
    /// Å per voxel along y.
    public var y: Double
    /// Å per voxel along z.
    public var z: Double
    /// Creates a voxel size.
    public init(x: Double, y: Double, z: Double) { self.x = x; self.y = y; self.z = z }
    /// Whether the three sizes agree to `relativeTolerance`.
    public func isCubic(relativeTolerance: Double = 1e-5) -> Bool {
        let m = Swift.max(abs(x), abs(y), abs(z))
        return abs(x - y) <= relativeTolerance * m && abs(x - z) <= relativeTolerance * m
    }
}
