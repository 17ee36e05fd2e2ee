import TomoCore
import TomoFFT
import TomoKernels

/// Renders the tilt images of one simulated tomogram through exactly the projection model RELION
/// uses (spec §2.3, §2.6.1, §10.1): particle `i` appears in frame `f` as the central slice of its
/// map at rotation `R_f·A_s·A_p`, multiplied by the CTF at its own depth-dependent defocus and by
/// the dose weight of the frame's pre-exposure, centred at the projected position `P_f·p`.
///
/// Particles are dark on a zero background (the raw-image contrast; extraction inverts it).
public struct TiltSeriesRenderer: Sendable {
    public let dataset: SimulatedDataset
    /// Padded Fourier references: index 0 junk is rendered per particle; 1 and 2 are the states.
    let references: [Int: PaddedFourierReference]

    /// - Parameter maps: the ground-truth maps by state (1, and 2 when there is a second state),
    ///   each `boxSize³` at the tilt-series pixel size.
    public init(dataset: SimulatedDataset, maps: [Int: RealVolume]) {
        self.dataset = dataset
        references = maps.mapValues { PaddedFourierReference($0, padding: 2) }
    }

    /// The noise-free image of frame `f` of tomogram `t` (imageSize² floats, x fastest), and the
    /// summed variance of the particle patches drawn into it (for SNR calibration).
    public func renderFrame(tomogram t: Int, frame f: Int,
                            junkReferences: [Int: PaddedFourierReference] = [:]) -> (image: [Float], patchVariance: Double, patches: Int) {
        let p = dataset.parameters
        let n = p.imageSize, b = p.boxSize
        let tomo = dataset.tomograms[t]
        let projection = tomo.projection(f, size: p.tomogramSize, imageSize: n, pixelSize: p.pixelSize)
        let baseCTF = tomo.ctf(f, parameters: p)
        var image = [Float](repeating: 0, count: n * n)
        var varianceSum = 0.0, patches = 0
        for (i, particle) in dataset.particles.enumerated() where particle.tomogram == t {
            guard let reference = particle.state == 0 ? junkReferences[i] : references[particle.state] else { continue }
            let pose = particle.truth
            let rotation = pose.imageRotation(projection)
            let at = pose.projectedPosition(projection, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize)
            let dz = pose.defocusOffset(projection, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand)
            var slice = reference.extractSlice(rotation: rotation)
            let ctf = baseCTF.withDepthOffset(dz).image(size: b, pixelSize: p.pixelSize)
            // Place the box centre (b/2) at the integer pixel below `at`; the remainder is a phase ramp.
            let ix = Int(at.x.rounded(.down)), iy = Int(at.y.rounded(.down))
            for k in 0..<slice.data.count {
                slice.data[k].re *= -ctf[k]
                slice.data[k].im *= -ctf[k]
            }
            FourierShift.apply(&slice, sx: at.x - Double(ix), sy: at.y - Double(iy))
            let patch = FFT.inverse(slice)
            var mean = 0.0, sq = 0.0
            for v in patch.data { mean += Double(v); sq += Double(v) * Double(v) }
            mean /= Double(patch.count)
            varianceSum += sq / Double(patch.count) - mean * mean
            patches += 1
            let x0 = ix - b / 2, y0 = iy - b / 2
            for y in 0..<b {
                let yy = y0 + y
                guard yy >= 0, yy < n else { continue }
                for x in 0..<b {
                    let xx = x0 + x
                    guard xx >= 0, xx < n else { continue }
                    image[xx + n * yy] += patch.data[x + b * y]
                }
            }
        }
        return (image, varianceSum, patches)
    }
}
