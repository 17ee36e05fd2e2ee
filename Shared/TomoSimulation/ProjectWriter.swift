import Foundation
import TomoCore
import TomoMRC
import TomoRelion
import TomoSTAR

/// Writes a simulation as a complete RELION 5 tomography project under `directory`:
///
/// ```
/// tomograms.star                 data_global, one row per tilt series
/// tilt_series/TS_01.star         per-tilt alignment, CTF and dose (RELION §2.2)
/// tilt_series/TS_01.mrcs         the tilt images, frame f = slice f+1 (`N@` names in the STAR file)
/// particles.star                 picked particles: centred Å, angles = truth + prior error
/// optimisation_set.star          particles + tomograms
/// truth/state1.mrc, state2.mrc   ground-truth maps at the tilt-series pixel size
/// truth/truth.star               true poses and classes (rlnClassNumber 1, 2; 0 = junk)
/// truth/simulation.star          the parameters, seed and measured noise level
/// ```
/// Every file is written atomically.
public enum ProjectWriter {
    public static func write(_ sim: TiltSeriesSimulation, to directory: String) throws {
        let p = sim.dataset.parameters
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory + "/tilt_series", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: directory + "/truth", withIntermediateDirectories: true)

        // Tilt images and the tomogram set.
        var tomograms: [Tomogram] = []
        for (t, tomo) in sim.dataset.tomograms.enumerated() {
            let stack = "tilt_series/\(tomo.name).mrcs"
            let writer = try MRCStackWriter(path: directory + "/" + stack, nx: p.imageSize, ny: p.imageSize,
                                            voxelSize: p.pixelSize, mode: p.float16 ? .float16 : .float32)
            for image in sim.frames[t] { try writer.append(image) }
            try writer.finish()
            let frames = tomo.tilts.enumerated().map { f, tilt in
                TiltSeriesFrame(micrographName: "\(f + 1)@\(stack)", preExposure: tilt.preExposure,
                                defocusU: tilt.defocusU, defocusV: tilt.defocusV, defocusAngle: tilt.defocusAngle,
                                xTilt: tilt.xTilt, yTilt: tilt.yTilt, zRot: tilt.zRot,
                                xShiftAngst: tilt.xShiftAngst, yShiftAngst: tilt.yShiftAngst,
                                nominalStageTiltAngle: tilt.stageAngle)
            }
            var tomogram = Tomogram(name: tomo.name, voltage: p.voltage, sphericalAberration: p.sphericalAberration,
                                    amplitudeContrast: p.amplitudeContrast, hand: p.hand,
                                    tiltSeriesPixelSize: p.pixelSize, size: p.tomogramSize,
                                    tiltSeries: TiltSeries(name: tomo.name, frames: frames))
            tomogram.originalPixelSize = p.pixelSize
            tomogram.tomogramBinning = 1
            tomogram.fractionalDose = p.tiltScheme.dosePerTilt
            tomogram.opticsGroupName = "optics1"
            tomograms.append(tomogram)
        }
        let set = TomogramSet(tomograms: tomograms)
        try set.write(to: directory + "/tomograms.star", projectDirectory: directory)

        // Picked particles (priors) and the truth.
        let optics = ParticleSet.opticsTable(from: set)
        func particles(_ pose: (SimulatedParticle) -> ParticlePose, classes: Bool) -> ParticleSet {
            let list = sim.dataset.particles.map { s in
                TomoParticle(tomoName: sim.dataset.tomograms[s.tomogram].name, particleName: s.name, pose: pose(s),
                             opticsGroup: optics.groupOfTomogram[sim.dataset.tomograms[s.tomogram].name] ?? 1,
                             classNumber: classes ? s.state : nil)
            }
            return ParticleSet(particles: list, optics: optics.block, subTomogramsAre2DStacks: false)
        }
        try particles(\.prior, classes: false).write(to: directory + "/particles.star")
        try particles(\.truth, classes: true).write(to: directory + "/truth/truth.star")
        var opt = OptimisationSet()
        opt.particlesFile = "particles.star"
        opt.tomogramsFile = "tomograms.star"
        try opt.write(to: directory + "/optimisation_set.star")

        for (state, map) in sim.maps.sorted(by: { $0.key < $1.key }) {
            try MRCWriter.write(map.data, nx: map.nx, ny: map.ny, nz: map.nz, voxelSize: p.pixelSize,
                                to: directory + "/truth/state\(state).mrc")
        }
        try simulationRecord(sim).write(to: directory + "/truth/simulation.star")
    }

    /// The parameters and the measured noise, as a list block a person (or a test) can read back.
    static func simulationRecord(_ sim: TiltSeriesSimulation) -> StarDocument {
        let p = sim.dataset.parameters
        var b = StarBlock(name: "simulation", isLoop: false)
        let values: [(String, String)] = [
            ("staSeed", String(p.seed)),
            ("staParticleCount", String(p.particleCount)),
            ("staTomogramCount", String(p.tomogramCount)),
            ("staPixelSize", StarFormat.double(p.pixelSize)),
            ("staImageSize", String(p.imageSize)),
            ("staBoxSize", String(p.boxSize)),
            ("staTiltCount", String(p.tiltScheme.angles.count)),
            ("staDosePerTilt", StarFormat.double(p.tiltScheme.dosePerTilt)),
            ("staSNR", p.snr.map(StarFormat.double) ?? "inf"),
            ("staNoiseSigma", StarFormat.double(sim.noiseSigma)),
            ("staSecondStateFraction", StarFormat.double(p.secondStateFraction)),
            ("staJunkFraction", StarFormat.double(p.junkFraction)),
            ("staFactorFraction", StarFormat.double(p.factorFraction)),
            ("staAngularPriorError", StarFormat.double(p.angularPriorError)),
            ("staOffsetPriorError", StarFormat.double(p.offsetPriorError)),
        ]
        for (k, v) in values { b.setColumn(k, [v]) }
        return StarDocument(blocks: [b])
    }
}
