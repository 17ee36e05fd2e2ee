import TomoCore
import TomoKernels
import TomoRefine
import TomoSimulation

/// Builds 2D-stack `ParticleObservation`s from an in-memory simulation with
/// `StackExtraction` (as `relion_tomo_subtomo --stack2d` would, §3.3–3.4), cutting around the
/// particle's projected *prior* position (or the truth). Offsets start at zero (the position is
/// folded into the coordinates), angles at the prior (or true) `A_p`.
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
        let pxb = p.pixelSize * Double(bin)
        let tilts = sim.dataset.tomograms.indices.map { t in
            let tomo = sim.dataset.tomograms[t]
            return tomo.tilts.indices.map { f in
                StackExtraction.Tilt(image: sim.frames[t][f],
                                     projection: tomo.projection(f, size: p.tomogramSize, imageSize: p.imageSize, pixelSize: p.pixelSize),
                                     ctf: tomo.ctf(f, parameters: p))
            }
        }
        var obs: [ParticleObservation] = [], angles: [EulerAngles] = [], offsets: [Vector3] = [], states: [Int] = []
        for particle in sim.dataset.particles {
            let pose = usePriors ? particle.prior : particle.truth
            let images = StackExtraction.extract(pose: pose, tilts: tilts[particle.tomogram], imageSize: p.imageSize,
                                                 tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand,
                                                 box: b, bin: bin)
            obs.append(ParticleObservation(data: .stack(images), angles: pose.angles))
            angles.append(particle.truth.angles)
            // p_true = p_pose − A_s·o/px_ts  ⇒  o = A_sᵀ(p_pose − p_true), in binned pixels.
            let d = (pose.centeredPositionAngst - particle.truth.centeredPositionAngst) / pxb
            offsets.append(pose.subtomogramMatrix.transposed * d)
            states.append(particle.state)
        }
        observations = obs; pixelSize = pxb; trueAngles = angles; trueOffsets = offsets; self.states = states
    }
}
