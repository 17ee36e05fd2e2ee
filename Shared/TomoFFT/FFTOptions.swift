/// How hard FFTW searches for a fast plan (FFTW's planner "rigor").
public enum FFTEffort: Hashable, Sendable {
    /// `FFTW_ESTIMATE`: heuristic plan, no timing, instant (the default).
    case estimate
    /// `FFTW_MEASURE`: times candidate algorithms once per shape (seconds for large 3D sizes);
    /// worth it for shapes transformed many times.
    case measure
}

/// Planning options for a transform. Plans are cached per shape, batch, direction and options.
public struct FFTOptions: Hashable, Sendable {
    /// Planner rigor (`.estimate` by default).
    public var effort: FFTEffort
    /// Number of threads one transform uses (fftw3f_threads); 1 by default. Useful only for
    /// large 3D transforms (≥ 128³); small transforms are better run concurrently, one per task.
    public var threads: Int

    /// - Precondition: `threads ≥ 1`.
    public init(effort: FFTEffort = .estimate, threads: Int = 1) {
        precondition(threads >= 1, "FFTOptions.threads must be ≥ 1, got \(threads)")
        self.effort = effort; self.threads = threads
    }
    /// `FFTW_ESTIMATE`, one thread.
    public static let `default` = FFTOptions()
}

/// The real-space shape of a transform: `nx` fastest; `nz = 1` for 2D images.
///
/// The half-layout transform holds `(nx/2+1)·ny·nz` complex values (see `FourierVolume`).
public struct FFTShape: Hashable, Sendable, CustomStringConvertible {
    /// Size along x (fastest).
    public let nx: Int
    /// Size along y.
    public let ny: Int
    /// Size along z (1 for 2D).
    public let nz: Int

    /// - Precondition: every size is ≥ 1.
    public init(nx: Int, ny: Int, nz: Int = 1) {
        precondition(nx >= 1 && ny >= 1 && nz >= 1, "FFTShape sizes must be ≥ 1, got \(nx)×\(ny)×\(nz)")
        self.nx = nx; self.ny = ny; self.nz = nz
    }
    /// A cube of side `n`.
    public init(cube n: Int) { self.init(nx: n, ny: n, nz: n) }
    /// Number of real values `nx·ny·nz`.
    public var realCount: Int { nx * ny * nz }
    /// Number of complex half-layout values `(nx/2+1)·ny·nz`.
    public var complexCount: Int { (nx / 2 + 1) * ny * nz }
    /// FFTW dimensions, slowest first (`[nz, ny, nx]`, or `[ny, nx]` when `nz == 1`).
    var fftwDimensions: [Int32] { nz == 1 ? [Int32(ny), Int32(nx)] : [Int32(nz), Int32(ny), Int32(nx)] }
    public var description: String { nz == 1 ? "\(nx)×\(ny)" : "\(nx)×\(ny)×\(nz)" }
}
