import TomoCore

/// Real-to-complex Fourier transforms (FFTW, single precision) in RELION's conventions.
///
/// - Layout: FFTW half layout, `(nx/2+1)·ny·nz` complex values, x fastest, origin at index 0
///   (see `FourierVolume`, `FourierFrequency`).
/// - Sign: the forward transform uses `exp(−2πi k·x/N)`.
/// - Normalisation (stated once, RELION §10.3): **forward divided by the number of real voxels,
///   inverse unscaled**, so `F(0)` is the mean and `inverse(forward(v)) == v`.
/// - Concurrency: plans are made once per (shape, batch, direction, options) under one lock and
///   executed with FFTW's new-array functions, so every function here may be called from many
///   tasks at once. The inverse never modifies its input (it works on a copy).
/// - Alignment: arrays whose address has `fftwf_malloc`'s SIMD alignment use aligned plans;
///   others use plans made with `FFTW_UNALIGNED`, so any Swift array works.
public enum FFT {
    /// Forward transform of a volume, `F(k) = (1/N) Σ v(x) exp(−2πi k·x/n)`.
    public static func forward(_ v: RealVolume, options: FFTOptions = .default) -> FourierVolume {
        let shape = FFTShape(nx: v.nx, ny: v.ny, nz: v.nz)
        var out = [ComplexF](repeating: .zero, count: shape.complexCount)
        v.data.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in forward(i, into: o, shape: shape, options: options) }
        }
        return FourierVolume(nx: v.nx, ny: v.ny, nz: v.nz, data: out)
    }

    /// Inverse transform of a volume (unscaled), `v(x) = Σ F(k) exp(+2πi k·x/n)`.
    public static func inverse(_ f: FourierVolume, options: FFTOptions = .default) -> RealVolume {
        let shape = FFTShape(nx: f.nx, ny: f.ny, nz: f.nz)
        return RealVolume(nx: f.nx, ny: f.ny, nz: f.nz,
                          data: inverseData(f.data, shape: shape, batch: 1, options: options))
    }

    /// Forward transform of an image (divided by `nx·ny`).
    public static func forward(_ image: RealImage, options: FFTOptions = .default) -> FourierImage {
        let shape = FFTShape(nx: image.nx, ny: image.ny)
        var out = [ComplexF](repeating: .zero, count: shape.complexCount)
        image.data.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in forward(i, into: o, shape: shape, options: options) }
        }
        return FourierImage(nx: image.nx, ny: image.ny, data: out)
    }

    /// Inverse transform of an image (unscaled).
    public static func inverse(_ f: FourierImage, options: FFTOptions = .default) -> RealImage {
        let shape = FFTShape(nx: f.nx, ny: f.ny)
        return RealImage(nx: f.nx, ny: f.ny, data: inverseData(f.data, shape: shape, batch: 1, options: options))
    }

    /// Copies `input` (never modified) to a fresh array and runs the c2r plan on it.
    static func inverseData(_ input: [ComplexF], shape: FFTShape, batch: Int, options: FFTOptions) -> [Float] {
        var out = [Float](repeating: 0, count: shape.realCount * batch)
        var scratch = [ComplexF](repeating: .zero, count: shape.complexCount * batch)
        input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in
                    inverse(i, into: o, scratch: s, shape: shape, batch: batch, options: options)
                }
            }
        }
        return out
    }
}
