import TomoCore
import TomoFFT

/// Fourier cropping and padding (resampling a map to another box at the same physical extent).
///
/// Output element at signed frequency `k` (per axis) copies the input element at the same `k`
/// when it is stored there (`|k| ≤ n/2`, with even-size Nyquist reading +n/2, `FourierFrequency`);
/// others are zero. Because the forward transform is divided by the voxel count, values are kept
/// unchanged: cropping a map band-limited below the new Nyquist gives exactly the map sampled
/// coarser, and padding interpolates it (sinc) at finer sampling.
public enum FourierResize {
    /// Crops or pads `f` to a transform of real size `nx×ny×nz`.
    public static func resize(_ f: FourierVolume, nx: Int, ny: Int, nz: Int) -> FourierVolume {
        var out = FourierVolume(nx: nx, ny: ny, nz: nz)
        let hxIn = f.nx / 2 + 1
        let maxKx = min(f.nx / 2, nx / 2)
        func source(_ k: Int, _ n: Int) -> Int? {
            // Signed frequencies stored on an axis of size n: −(n−1)/2 … n/2.
            (k <= n / 2 && k >= -((n - 1) / 2)) ? FourierFrequency.index(frequency: k, size: n) : nil
        }
        f.data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                forEachFrequency(nx: nx, ny: ny, nz: nz) { i, kx, ky, kz in
                    guard kx <= maxKx, let sy = source(ky, f.ny), let sz = source(kz, f.nz) else { return }
                    dst[i] = src[kx + hxIn * (sy + f.ny * sz)]
                }
            }
        }
        return out
    }

    /// Crops or pads an image transform to real size `nx×ny`.
    public static func resize(_ f: FourierImage, nx: Int, ny: Int) -> FourierImage {
        FourierImage(resize(f.asVolume, nx: nx, ny: ny, nz: 1))
    }

    /// Resamples a real map to `nx×ny×nz` by Fourier cropping (binning, smaller box) or padding.
    /// The pixel size scales by `v.nx / nx`.
    public static func resample(_ v: RealVolume, nx: Int, ny: Int, nz: Int, options: FFTOptions = .default) -> RealVolume {
        FFT.inverse(resize(FFT.forward(v, options: options), nx: nx, ny: ny, nz: nz), options: options)
    }

    /// Bins a real image to `nx×ny` by Fourier cropping (or pads to a larger box).
    public static func resample(_ image: RealImage, nx: Int, ny: Int) -> RealImage {
        FFT.inverse(resize(FFT.forward(image), nx: nx, ny: ny))
    }
}
