/// A list of Fourier pixels (2D) or voxels (3D) of an `N`-box half layout inside a radius, with
/// their frequencies, shells and storage indices, so hot loops run over flat arrays.
///
/// Frequencies are in Fourier pixels of the `N` box (RELION core convention: index `i ≤ N/2 ↦ i`,
/// else `i − N`); shell `s = round(|k|)`.
/// * E-step sets (`nonRedundantOnly`): shells `1 ≤ s < size/2`, the half of the `kx = 0` column
///   (plane in 3D) with negative `ky` (then `kz`) left out, as RELION's likelihood sum (§5.2).
/// * M-step sets: every element of the `size`-box half layout with `|k| ≤ size/2`; `outputIndex`
///   is the index in that smaller box (for building slices to insert).
struct FourierPixelSet: Sendable {
    /// Data box `N`.
    let boxSize: Int
    /// Box of the (cropped) image these pixels describe.
    let size: Int
    /// Whether frequencies are 3D.
    let threeDimensional: Bool
    var kx: [Float] = [], ky: [Float] = [], kz: [Float] = []
    var shell: [Int] = []
    /// Index into the `N`-box half layout.
    var dataIndex: [Int] = []
    /// Index into the `size`-box half layout.
    var outputIndex: [Int] = []
    /// False for the redundant half of the `kx = 0` column/plane.
    var nonRedundant: [Bool] = []
    /// The voxels as runs along x (3D sets), for ``LatticeTransform``.
    private(set) var columns: PixelColumns?

    var count: Int { shell.count }

    init(boxSize n: Int, size m: Int, threeDimensional: Bool, nonRedundantOnly: Bool) {
        boxSize = n; size = m; self.threeDimensional = threeDimensional
        let hm = m / 2 + 1, hn = n / 2 + 1
        let zs = threeDimensional ? m : 1
        let rMax = Double(m) / 2
        for z in 0..<zs {
            let fz = threeDimensional ? (z <= m / 2 ? z : z - m) : 0
            for y in 0..<m {
                let fy = y <= m / 2 ? y : y - m
                for x in 0..<hm {
                    let r = Double(x * x + fy * fy + fz * fz).squareRoot()
                    let s = Int(r.rounded())
                    let redundant = x == 0 && (fy < 0 || (fy == 0 && fz < 0))
                    if nonRedundantOnly {
                        if s < 1 || Double(s) >= rMax || redundant { continue }
                    } else if r > rMax { continue }
                    // Same frequency in the N box (Nyquist of a smaller box is inside N).
                    let iy = (fy + n) % n, iz = threeDimensional ? (fz + n) % n : 0
                    kx.append(Float(x)); ky.append(Float(fy)); kz.append(Float(fz))
                    shell.append(s)
                    dataIndex.append(x + hn * (iy + n * iz))
                    outputIndex.append(x + hm * (y + m * z))
                    nonRedundant.append(!redundant)
                }
            }
        }
        columns = PixelColumns(self)
    }
}
