import TomoCore
import TomoMRC

/// Brings an input map (e.g. a ribosome map from a PDB entry) to the simulation's box and pixel
/// size: trilinear resampling about the map centres, then normalised to the phantom's mean (0.1).
public enum MapResampling {
    public static func load(path: String, size: Int, pixelSize: Double) throws -> RealVolume {
        let file = try MRCFile.open(path: path)
        let s = file.shape
        let src = RealVolume(nx: s.nx, ny: s.ny, nz: s.nz, data: try file.readAll())
        return resample(src, sourcePixelSize: file.voxelSize.x, size: size, pixelSize: pixelSize)
    }

    public static func resample(_ src: RealVolume, sourcePixelSize: Double, size: Int, pixelSize: Double) -> RealVolume {
        let ratio = pixelSize / sourcePixelSize
        let c = Double(size / 2)
        let cs = (Double(src.nx / 2), Double(src.ny / 2), Double(src.nz / 2))
        // Background: the median-ish edge value, so the density sits on zero.
        var edge = 0.0, n = 0
        for z in [0, src.nz - 1] { for y in 0..<src.ny { for x in 0..<src.nx { edge += Double(src[x, y, z]); n += 1 } } }
        let bg = Float(edge / Double(max(n, 1)))
        var out = RealVolume(nx: size, ny: size, nz: size) { x, y, z in
            let sx = (Double(x) - c) * ratio + cs.0, sy = (Double(y) - c) * ratio + cs.1, sz = (Double(z) - c) * ratio + cs.2
            return trilinear(src, sx, sy, sz, outside: bg) - bg
        }
        let mean = out.mean
        if mean != 0 { let k = Float(0.1 / mean); for i in 0..<out.count { out.data[i] *= k } }
        return out
    }

    static func trilinear(_ v: RealVolume, _ x: Double, _ y: Double, _ z: Double, outside: Float) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down)), z0 = Int(z.rounded(.down))
        guard x0 >= 0, y0 >= 0, z0 >= 0, x0 + 1 < v.nx, y0 + 1 < v.ny, z0 + 1 < v.nz else { return outside }
        let fx = Float(x - Double(x0)), fy = Float(y - Double(y0)), fz = Float(z - Double(z0))
        func at(_ i: Int, _ j: Int, _ k: Int) -> Float { v[x0 + i, y0 + j, z0 + k] }
        let c00 = at(0, 0, 0) * (1 - fx) + at(1, 0, 0) * fx, c10 = at(0, 1, 0) * (1 - fx) + at(1, 1, 0) * fx
        let c01 = at(0, 0, 1) * (1 - fx) + at(1, 0, 1) * fx, c11 = at(0, 1, 1) * (1 - fx) + at(1, 1, 1) * fx
        return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz
    }
}
