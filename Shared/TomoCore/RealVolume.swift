/// A real-space 3D map: `nx·ny·nz` `Float` voxels, x fastest, voxel `(x, y, z)` at
/// `data[x + nx*(y + ny*z)]`.
///
/// The centre is voxel `(nx/2, ny/2, nz/2)` (integer division, for even and odd sizes;
/// RELION §10.2). Units are pixels; the pixel size is carried by whoever owns the map.
/// The Fourier transform is a different type, ``FourierVolume`` (see docs/conventions.md).
public struct RealVolume: Hashable, Sendable {
    /// Size along x (fastest axis).
    public let nx: Int
    /// Size along y.
    public let ny: Int
    /// Size along z (slowest axis).
    public let nz: Int
    /// Voxels, `data[x + nx*(y + ny*z)]`, count `nx*ny*nz`.
    public var data: [Float]

    /// A zero-filled volume.
    /// - Precondition: every size is ≥ 1.
    public init(nx: Int, ny: Int, nz: Int) {
        precondition(nx >= 1 && ny >= 1 && nz >= 1, "RealVolume sizes must be ≥ 1, got \(nx)×\(ny)×\(nz)")
        self.nx = nx; self.ny = ny; self.nz = nz
        data = [Float](repeating: 0, count: nx * ny * nz)
    }
    /// A cubic zero-filled volume of side `n`.
    public init(cube n: Int) { self.init(nx: n, ny: n, nz: n) }
    /// Wraps existing voxels.
    /// - Precondition: `data.count == nx*ny*nz`.
    public init(nx: Int, ny: Int, nz: Int, data: [Float]) {
        precondition(nx >= 1 && ny >= 1 && nz >= 1, "RealVolume sizes must be ≥ 1, got \(nx)×\(ny)×\(nz)")
        precondition(data.count == nx * ny * nz,
                     "RealVolume \(nx)×\(ny)×\(nz) needs \(nx * ny * nz) voxels, got \(data.count)")
        self.nx = nx; self.ny = ny; self.nz = nz; self.data = data
    }
    /// A volume whose voxel `(x, y, z)` is `value(x, y, z)`.
    public init(nx: Int, ny: Int, nz: Int, _ value: (Int, Int, Int) -> Float) {
        var d = [Float](repeating: 0, count: nx * ny * nz)
        var i = 0
        for z in 0..<nz { for y in 0..<ny { for x in 0..<nx { d[i] = value(x, y, z); i += 1 } } }
        self.init(nx: nx, ny: ny, nz: nz, data: d)
    }

    /// Number of voxels.
    @inlinable public var count: Int { nx * ny * nz }
    /// The centre voxel `(nx/2, ny/2, nz/2)`.
    public var centre: (x: Int, y: Int, z: Int) { (nx / 2, ny / 2, nz / 2) }
    /// Whether all three sizes are equal.
    public var isCubic: Bool { nx == ny && ny == nz }
    /// Linear index of voxel `(x, y, z)`.
    @inlinable public func index(_ x: Int, _ y: Int, _ z: Int) -> Int { x + nx * (y + ny * z) }
    /// Voxel `(x, y, z)` (0-based).
    @inlinable public subscript(x: Int, y: Int, z: Int) -> Float {
        get { data[x + nx * (y + ny * z)] }
        set { data[x + nx * (y + ny * z)] = newValue }
    }
    /// Mean voxel value.
    public var mean: Double { data.reduce(0.0) { $0 + Double($1) } / Double(count) }
}
