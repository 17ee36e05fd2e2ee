/// A real-space 2D image: `nx·ny` `Float` pixels, x fastest, pixel `(x, y)` at `data[x + nx*y]`.
///
/// The centre is pixel `(nx/2, ny/2)` (integer division; RELION §10.2). The Fourier transform
/// is a different type, ``FourierImage`` (see docs/conventions.md).
public struct RealImage: Hashable, Sendable {
    /// Size along x (fastest axis).
    public let nx: Int
    /// Size along y.
    public let ny: Int
    /// Pixels, `data[x + nx*y]`, count `nx*ny`.
    public var data: [Float]

    /// A zero-filled image.
    /// - Precondition: both sizes are ≥ 1.
    public init(nx: Int, ny: Int) {
        precondition(nx >= 1 && ny >= 1, "RealImage sizes must be ≥ 1, got \(nx)×\(ny)")
        self.nx = nx; self.ny = ny
        data = [Float](repeating: 0, count: nx * ny)
    }
    /// Wraps existing pixels.
    /// - Precondition: `data.count == nx*ny`.
    public init(nx: Int, ny: Int, data: [Float]) {
        precondition(nx >= 1 && ny >= 1, "RealImage sizes must be ≥ 1, got \(nx)×\(ny)")
        precondition(data.count == nx * ny, "RealImage \(nx)×\(ny) needs \(nx * ny) pixels, got \(data.count)")
        self.nx = nx; self.ny = ny; self.data = data
    }
    /// An image whose pixel `(x, y)` is `value(x, y)`.
    public init(nx: Int, ny: Int, _ value: (Int, Int) -> Float) {
        var d = [Float](repeating: 0, count: nx * ny)
        for y in 0..<ny { for x in 0..<nx { d[x + nx * y] = value(x, y) } }
        self.init(nx: nx, ny: ny, data: d)
    }

    /// Number of pixels.
    @inlinable public var count: Int { nx * ny }
    /// The centre pixel `(nx/2, ny/2)`.
    public var centre: (x: Int, y: Int) { (nx / 2, ny / 2) }
    /// Pixel `(x, y)` (0-based).
    @inlinable public subscript(x: Int, y: Int) -> Float {
        get { data[x + nx * y] }
        set { data[x + nx * y] = newValue }
    }
    /// Mean pixel value.
    public var mean: Double { data.reduce(0.0) { $0 + Double($1) } / Double(count) }
    /// The same pixels as a volume with `nz = 1`.
    public var asVolume: RealVolume { RealVolume(nx: nx, ny: ny, nz: 1, data: data) }
    /// An image from a volume with `nz = 1`.
    /// - Precondition: `volume.nz == 1`.
    public init(_ volume: RealVolume) {
        precondition(volume.nz == 1, "RealImage(volume) needs nz = 1, got \(volume.nz)")
        self.init(nx: volume.nx, ny: volume.ny, data: volume.data)
    }
}
