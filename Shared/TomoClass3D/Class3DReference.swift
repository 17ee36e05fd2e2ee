import Foundation
import TomoCore
import TomoFFT
import TomoKernels
import TomoMRC

/// The `--ref` map brought to the particles' box and pixel size (spec §5.5).
///
/// Without `--trust_ref_size` a reference whose header pixel size differs from the particles'
/// (by more than 0.1 %) is Fourier-rescaled to the particle pixel size first; then, with or
/// without the flag, a box that differs is centre-cropped or zero-padded (centre at `N/2`) to `N`.
/// No `--ref` is an error, as in `relion_refine` for classification.
public enum Class3DReference {
    /// Reads and resizes the reference for particles of box `boxSize` at `pixelSize` Å.
    public static func load(_ o: Class3DOptions, boxSize n: Int, pixelSize px: Double,
                            projectDirectory: String) throws -> RealVolume {
        guard let ref = o.referenceFile, ref != "None", !ref.isEmpty else {
            throw Class3DError("class3d: no reference: give --ref (relion_refine needs one for 3D classification; make it with Reconstruct particle or an initial model)")
        }
        let path = ref.hasPrefix("/") || projectDirectory.isEmpty ? ref : projectDirectory + "/" + ref
        let f = try MRCFile.open(path: path)
        let (nx, ny, nz) = f.shape
        guard nx == ny, ny == nz else { throw Class3DError("class3d: reference \(ref) is \(nx)×\(ny)×\(nz), not a cube") }
        var v = RealVolume(nx: nx, ny: ny, nz: nz, data: try f.readAll())
        let refPx = f.voxelSize.x
        if !o.trustReferenceSize, refPx > 0, abs(refPx - px) > 0.001 * px {
            var m = Int((Double(nx) * refPx / px).rounded())
            m += m % 2
            v = FFT.inverse(FourierResize.resize(FFT.forward(v), nx: m, ny: m, nz: m))
        }
        return v.nx == n ? v : window(v, to: n)
    }

    /// Centre-crops or zero-pads a cube to `n³`, keeping voxel `N/2` at the centre.
    public static func window(_ v: RealVolume, to n: Int) -> RealVolume {
        var out = RealVolume(cube: n)
        let shift = v.nx / 2 - n / 2
        for z in 0..<n {
            let zz = z + shift
            guard zz >= 0, zz < v.nz else { continue }
            for y in 0..<n {
                let yy = y + shift
                guard yy >= 0, yy < v.ny else { continue }
                for x in 0..<n {
                    let xx = x + shift
                    guard xx >= 0, xx < v.nx else { continue }
                    out.data[x + n * (y + n * z)] = v.data[xx + v.nx * (yy + v.ny * zz)]
                }
            }
        }
        return out
    }
}
