import TomoCore
import TomoFFT
import TomoKernels
import TomoRefine
import TomoSimulation

/// Builds 2D-stack `ParticleObservation`s from an in-memory simulation, as
/// `relion_tomo_subtomo --stack2d` would (spec §3.3–3.4): per tilt, cut `b·bin` pixels around the
/// particle's projected *prior* position, FFT, Fourier-crop to `b`, move the sub-pixel remainder
/// to the centre by a phase shift, premultiply by `−CTF·W` (depth defocus and dose included), and
/// keep `(CTF·W)²` as the weight. Offsets start at zero (the prior position is folded into the
/// coordinates), angles at the prior `A_p`.
struct SimulatedObservations {
    var observations: [ParticleObservation]
    /// Binned pixel size (Å).
    var pixelSize: Double
    /// True `A_p` per particle.
    var trueAngles: [EulerAngles]
    /// True origin (binned pixels, sub-tomogram frame) relative to the extraction centre.
    var trueOffsets: [Vector3]
    /// Simulated state per particle (1, 2; 0 junk).
    var states: [Int]

    init(_ sim: TiltSeriesSimulation, box b: Int, bin: Int = 1, usePriors: Bool = true) {
        let p = sim.dataset.parameters
        let s0 = b * bin, n = p.imageSize
        let pxb = p.pixelSize * Double(bin)
        var obs: [ParticleObservation] = [], angles: [EulerAngles] = [], offsets: [Vector3] = [], states: [Int] = []
        for particle in sim.dataset.particles {
            let pose = usePriors ? particle.prior : particle.truth
            let tomo = sim.dataset.tomograms[particle.tomogram]
            var tilts: [TiltImage] = []
            for f in 0..<tomo.tilts.count {
                let projection = tomo.projection(f, size: p.tomogramSize, imageSize: n, pixelSize: p.pixelSize)
                let at = pose.projectedPosition(projection, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize)
                let rx = Int(at.x.rounded()), ry = Int(at.y.rounded())
                var window = RealImage(nx: s0, ny: s0)
                let frame = sim.frames[particle.tomogram][f]
                for y in 0..<s0 {
                    let yy = min(n - 1, max(0, ry - s0 / 2 + y))
                    for x in 0..<s0 {
                        let xx = min(n - 1, max(0, rx - s0 / 2 + x))
                        window[x, y] = frame[xx + n * yy]
                    }
                }
                var ft = FFT.forward(window)
                if bin > 1 { ft = FourierResize.resize(ft, nx: b, ny: b) }
                FourierShift.apply(&ft, sx: -(at.x - Double(rx)) / Double(bin), sy: -(at.y - Double(ry)) / Double(bin))
                let dz = pose.defocusOffset(projection, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand)
                let ctf = tomo.ctf(f, parameters: p).withDepthOffset(dz).image(size: b, pixelSize: pxb)
                for k in ft.data.indices { ft.data[k] = (-ctf[k]) * ft.data[k] }
                tilts.append(TiltImage(data: ft, ctfSquared: ctf.map { $0 * $0 },
                                       rotation: projection.rotation * pose.subtomogramMatrix,
                                       dose: tomo.tilts[f].preExposure))
            }
            obs.append(ParticleObservation(data: .stack(tilts), angles: pose.angles))
            angles.append(particle.truth.angles)
            // p_true = p_pose − A_s·o/px_ts  ⇒  o = A_sᵀ(p_pose − p_true), in binned pixels.
            let d = (pose.centeredPositionAngst - particle.truth.centeredPositionAngst) / pxb
            offsets.append(pose.subtomogramMatrix.transposed * d)
            states.append(particle.state)
        }
        observations = obs; pixelSize = pxb; trueAngles = angles; trueOffsets = offsets; self.states = states
    }
}
