/// The discrete Fourier transform of a ``RealImage`` in FFTW half layout.
///
/// Same conventions as ``FourierVolume`` with `nz = 1`: `nx, ny` are real-space sizes,
/// `data.count == (nx/2+1)·ny`, element `(x, y)` at `data[x + (nx/2+1)*y]`, origin at index 0,
/// `kx = x`, `ky = y ≤ ny/2 ? y : y − ny`; forward divided by `nx·ny`, inverse unscaled.
public struct FourierImage: Hashable, Sendable {
    /// Real-space size along x.
    public let nx: Int
    /// Real-space size along y.
    public let ny: Int
    /// Complex values, `data[x + (nx/2+1)*y]`.
    public var data: [ComplexF]

    /// A zero-filled transform of an `nx×ny` real image.
    /// - Precondition: both sizes are ≥ 1.
    public init(nx: Int, ny: Int) {
        precondition(nx >= 1 && ny >= 1, "FourierImage sizes must be ≥ 1, got \(nx)×\(ny)")
        self.nx = nx; self.ny = ny
        data = [ComplexF](repeating: .zero, count: (nx / 2 + 1) * ny)
    }
    /// Wraps existing values.
    /// - Precondition: `data.count == (nx/2+1)·ny`.
    public init(nx: Int, ny: Int, data: [ComplexF]) {
        precondition(nx >= 1 && ny >= 1, "FourierImage sizes must be ≥ 1, got \(nx)×\(ny)")
        precondition(data.count == (nx / 2 + 1) * ny,
                     "FourierImage of \(nx)×\(ny) needs \((nx / 2 + 1) * ny) values, got \(data.count)")
        self.nx = nx; self.ny = ny; self.data = data
    }
    /// An image from a transform with `nz = 1`.
    /// - Precondition: `volume.nz == 1`.
    public init(_ volume: FourierVolume) {
        precondition(volume.nz == 1, "FourierImage(volume) needs nz = 1, got \(volume.nz)")
        self.init(nx: volume.nx, ny: volume.ny, data: volume.data)
    }

    /// Stored size along x, `nx/2 + 1`.
    @inlinable public var halfX: Int { nx / 2 + 1 }
    /// Number of stored complex values.
    @inlinable public var count: Int { (nx / 2 + 1) * ny }
    /// Stored element `(x, y)` (array indices, not frequencies).
    @inlinable public subscript(x: Int, y: Int) -> ComplexF {
        get { data[x + (nx / 2 + 1) * y] }
        set { data[x + (nx / 2 + 1) * y] = newValue }
    }
    /// The same values as a transform with `nz = 1`.
    public var asVolume: FourierVolume { FourierVolume(nx: nx, ny: ny, nz: 1, data: data) }
    /// The value at signed frequency `(kx, ky)`, using Friedel symmetry when `kx < 0`.
    public func value(kx: Int, ky: Int) -> ComplexF {
        if kx < 0 { return self[-kx, FourierFrequency.index(frequency: -ky, size: ny)].conjugate }
        return self[kx, FourierFrequency.index(frequency: ky, size: ny)]
    }
}
