import TomoCore
import TomoFFT
import TomoKernels

/// One image of a particle ready for the E- and M-steps: the rotation into its frame, the
/// unmasked transform (M-step, RELION's `exp_Fimg_nomask`), the masked one (E-step) and `C`.
/// In 3D mode there is one image with the identity rotation and 3D arrays.
struct PreparedImage: Sendable {
    /// `R_ij` (2D stacks) or identity (3D).
    var rotation: Matrix3
    /// Unmasked transform, half layout of the `N` box.
    var data: [ComplexF]
    /// Transform of the particle-masked image (§5.6, `--zero_mask`: background mean outside).
    var masked: [ComplexF]
    /// `C = CTF²`.
    var ctfSquared: [Float]
}

enum ParticlePreparation {
    /// Splits a particle into prepared images, masking each in real space with a soft circle
    /// (sphere in 3D) of `radius` pixels and a raised-cosine edge of `edge` pixels extending
    /// outwards; outside, the mean of the region beyond `radius + edge` (§5.6).
    static func prepare(_ p: ParticleObservation, radius: Double, edge: Double, mask: Bool) -> [PreparedImage] {
        switch p.data {
        case .stack(let tilts):
            return tilts.map { t in
                let masked = mask ? maskedTransform(t.data.asVolume, radius: radius, edge: edge) : t.data.data
                return PreparedImage(rotation: t.rotation, data: t.data.data, masked: masked, ctfSquared: t.ctfSquared)
            }
        case .subtomogram(let v, let c):
            let masked = mask ? maskedTransform(v, radius: radius, edge: edge) : v.data
            return [PreparedImage(rotation: .identity, data: v.data, masked: masked, ctfSquared: c)]
        }
    }

    static func maskedTransform(_ f: FourierVolume, radius: Double, edge: Double) -> [ComplexF] {
        var v = FFT.inverse(f)
        let (cx, cy, cz) = v.centre
        var sum = 0.0, count = 0.0
        for z in 0..<v.nz { for y in 0..<v.ny { for x in 0..<v.nx {
            let dx = Double(x - cx), dy = Double(y - cy), dz = Double(z - cz)
            if (dx * dx + dy * dy + dz * dz).squareRoot() >= radius + edge { sum += Double(v[x, y, z]); count += 1 }
        } } }
        let background = Float(count > 0 ? sum / count : 0)
        SphericalMask.apply(&v, radius: radius, edgeWidth: edge, background: background)
        return FFT.forward(v).data
    }
}
