/// The discrete Fourier transform of a ``RealVolume`` in FFTW half layout.
///
/// - Sizes `nx, ny, nz` are those of the **real-space** volume; `halfX = nx/2 + 1` values are
///   stored along x, so `data.count == halfX·ny·nz`, element `(x, y, z)` at
///   `data[x + halfX*(y + ny*z)]`, x fastest.
/// - Origin (zero frequency) at index 0, not centred. Frequencies: `kx = x` (0…nx/2),
///   `ky = y ≤ ny/2 ? y : y − ny`, likewise `kz` (``FourierFrequency``); the Nyquist plane of
///   an even axis reads +N/2.
/// - Negative `kx` are implied by Friedel symmetry `F(−k) = conj F(k)`.
/// - Normalisation (RELION): the forward transform is divided by `nx·ny·nz`, the inverse is
///   unscaled, so `F(0)` is the mean voxel value.
public struct FourierVolume: Hashable, Sendable {
    /// Real-space size along x.
    public let nx: Int
    /// Real-space size along y.
    public let ny: Int
    /// Real-space size along z.
    public let nz: Int
    /// Complex values, `data[x + halfX*(y + ny*z)]`, count `(nx/2+1)·ny·nz`.
    public var data: [ComplexF]

    /// A zero-filled transform of an `nx×ny×nz` real volume.
    /// - Precondition: every size is ≥ 1.
    public init(nx: Int, ny: Int, nz: Int) {
        precondition(nx >= 1 && ny >= 1 && nz >= 1, "FourierVolume sizes must be ≥ 1, got \(nx)×\(ny)×\(nz)")
        self.nx = nx; self.ny = ny; self.nz = nz
        data = [ComplexF](repeating: .zero, count: (nx / 2 + 1) * ny * nz)
    }
    /// Wraps existing values.
    /// - Precondition: `data.count == (nx/2+1)·ny·nz`.
    public init(nx: Int, ny: Int, nz: Int, data: [ComplexF]) {
        precondition(nx >= 1 && ny >= 1 && nz >= 1, "FourierVolume sizes must be ≥ 1, got \(nx)×\(ny)×\(nz)")
        precondition(data.count == (nx / 2 + 1) * ny * nz,
                     "FourierVolume of \(nx)×\(ny)×\(nz) needs \((nx / 2 + 1) * ny * nz) values, got \(data.count)")
        self.nx = nx; self.ny = ny; self.nz = nz; self.data = data
    }

    /// Stored size along x, `nx/2 + 1`.
    @inlinable public var halfX: Int { nx / 2 + 1 }
    /// Number of stored complex values.
    @inlinable public var count: Int { (nx / 2 + 1) * ny * nz }
    /// Number of real-space voxels `nx·ny·nz`.
    @inlinable public var realCount: Int { nx * ny * nz }
    /// Linear index of stored element `(x, y, z)`.
    @inlinable public func index(_ x: Int, _ y: Int, _ z: Int) -> Int { x + (nx / 2 + 1) * (y + ny * z) }
    /// Stored element `(x, y, z)` (array indices, not frequencies).
    @inlinable public subscript(x: Int, y: Int, z: Int) -> ComplexF {
        get { data[x + (nx / 2 + 1) * (y + ny * z)] }
        set { data[x + (nx / 2 + 1) * (y + ny * z)] = newValue }
    }
    /// The value at signed frequency `(kx, ky, kz)`, using Friedel symmetry when `kx < 0`.
    /// - Precondition: `|kx| ≤ nx/2` and ky, kz within the axis range.
    public func value(kx: Int, ky: Int, kz: Int) -> ComplexF {
        if kx < 0 {
            return self[-kx, FourierFrequency.index(frequency: -ky, size: ny),
                        FourierFrequency.index(frequency: -kz, size: nz)].conjugate
        }
        return self[kx, FourierFrequency.index(frequency: ky, size: ny), FourierFrequency.index(frequency: kz, size: nz)]
    }
}
