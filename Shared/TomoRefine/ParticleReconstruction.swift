import TomoCore
import TomoKernels

/// Direct weighted reconstruction of particles at their current poses (no alignment), as
/// `relion_tomo_reconstruct_particle` does from the same data: every image is shifted by
/// `R_j·o`, inserted with weight `C` through `R_j·A_p`, and the sums divided by the
/// regularised weight. Useful as a starting reference and as the "true poses" yardstick.
public enum ParticleReconstruction {
    /// The `N³` map of `particles` (optionally only those of `classNumber`).
    public static func reconstruct(_ particles: [ParticleObservation], classNumber: Int? = nil, padding: Int = 2,
                                   regularisation: ReconstructionRegularisation = .shellFraction(0.001)) -> RealVolume {
        let n = particles.first?.boxSize ?? 2
        var bp = BackProjector(size: n, padding: padding)
        let all = FourierPixelSet(boxSize: n, size: n, threeDimensional: false, nonRedundantOnly: false)
        let all3 = FourierPixelSet(boxSize: n, size: n, threeDimensional: true, nonRedundantOnly: false)
        var buffer = [Float](repeating: 0, count: 2 * all3.count)
        for p in particles where classNumber == nil || p.classNumber == classNumber {
            let a = p.angles.matrix
            switch p.data {
            case .stack(let tilts):
                for t in tilts {
                    buffer.withUnsafeMutableBufferPointer {
                        ExpectationStep.shift(t.data.data, by: t.rotation * p.offset, pixels: all, into: $0.baseAddress!)
                    }
                    var slice = FourierImage(nx: n, ny: n)
                    for q in 0..<all.count { slice.data[all.outputIndex[q]] = ComplexF(buffer[2 * q], buffer[2 * q + 1]) }
                    bp.insert(slice: slice, rotation: t.rotation * a, weights: t.ctfSquared)
                }
            case .subtomogram(let v, let c):
                buffer.withUnsafeMutableBufferPointer {
                    ExpectationStep.shift(v.data, by: p.offset, pixels: all3, into: $0.baseAddress!)
                }
                var vol = FourierVolume(nx: n, ny: n, nz: n)
                for q in 0..<all3.count { vol.data[all3.outputIndex[q]] = ComplexF(buffer[2 * q], buffer[2 * q + 1]) }
                bp.insert(volume: vol, rotation: a, weights: c)
            }
        }
        return bp.reconstruct(regularisation)
    }
}
