import ArgumentParser
import Foundation
import TomoCore
import TomoMRC
import TomoSimulation

/// `sta simulate --o DIR …`: a RELION 5 tomography project with known truth.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a RELION 5 tomography project (tilt series with CTF, dose and noise) with known poses and classes.",
        discussion: """
        Writes tomograms.star, tilt_series/*.star and *.mrcs, particles.star (priors = truth + the \
        configured error), optimisation_set.star, and the ground truth under truth/ (maps per state, \
        truth.star with the true poses and classes, simulation.star with the parameters and the \
        measured noise level). The same --seed gives the same project.
        """)

    @Option(help: "Output project directory.") var o: String
    @Option(help: "Number of particles.") var particles = 500
    @Option(help: "Number of tomograms (tilt series).") var tomograms = 1
    @Option(help: "Tilt-series pixel size (Å).") var angpix = 5.0
    @Option(help: "Tilt-image size and tomogram X/Y extent (pixels).") var imageSize = 512
    @Option(help: "Tomogram thickness (pixels).") var thickness = 160
    @Option(help: "Box of the truth map and of each rendered particle (pixels at --angpix).") var box = 96
    @Option(help: "Lowest tilt (degrees).") var tiltMin = -60.0
    @Option(help: "Highest tilt (degrees).") var tiltMax = 60.0
    @Option(help: "Tilt step (degrees); the scheme is dose-symmetric from 0.") var tiltStep = 3.0
    @Option(help: "Dose per tilt (e/Å²).") var dosePerTilt = 3.0
    @Option(help: "SNR per tilt image at the particle scale; 0 or omitted for noise-free.") var snr: Double?
    @Option(help: "Fraction of (non-junk) particles in the second state (factor domain removed).") var secondState = 0.0
    @Option(help: "Fraction of junk particles.") var junk = 0.0
    @Option(help: "Mass fraction of the factor domain the second state lacks.") var factorFraction = 0.15
    @Option(help: "Angular error of the priors in particles.star (degrees).") var angleError = 0.0
    @Option(help: "Positional error of the priors in particles.star (Å per axis).") var offsetError = 0.0
    @Flag(help: "Random rlnTomoSubtomogram angles (true pose = A_s·A_p).") var randomSubtomogramAngles = false
    @Option(help: "Use this map (MRC) as the structure instead of the phantom; resampled to --box at --angpix.") var map: String?
    @Flag(help: "Write tilt series as float16 (mode 12).") var float16 = false
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func validate() throws {
        guard particles > 0, tomograms > 0 else { throw ValidationError("--particles and --tomograms must be positive") }
        guard box >= 16, box % 2 == 0 else { throw ValidationError("--box must be even and ≥ 16") }
        guard tiltStep > 0, tiltMin <= 0, tiltMax >= 0 else { throw ValidationError("tilt range must contain 0 and --tilt-step be positive") }
        guard (0...1).contains(secondState), (0...1).contains(junk) else { throw ValidationError("fractions must be in 0…1") }
    }

    func run() async throws {
        var p = SimulationParameters()
        p.particleCount = particles
        p.tomogramCount = tomograms
        p.pixelSize = angpix
        p.imageSize = imageSize
        p.tomogramThickness = thickness
        p.boxSize = box
        p.tiltScheme = .doseSymmetric(minimum: tiltMin, maximum: tiltMax, step: tiltStep, dosePerTilt: dosePerTilt)
        p.snr = (snr ?? 0) > 0 ? snr : nil
        p.secondStateFraction = secondState
        p.junkFraction = junk
        p.factorFraction = factorFraction
        p.angularPriorError = angleError
        p.offsetPriorError = offsetError
        p.randomSubtomogramAngles = randomSubtomogramAngles
        p.float16 = float16
        p.seed = seed
        let input = try map.map { try MapResampling.load(path: $0, size: box, pixelSize: angpix) }
        let start = Date()
        let sim = try await TiltSeriesSimulation.run(p, map: input)
        try ProjectWriter.write(sim, to: o)
        let seconds = Date().timeIntervalSince(start)
        print("simulated \(particles) particles in \(tomograms) tomogram(s), \(p.tiltScheme.angles.count) tilts, "
              + "box \(box) at \(angpix) Å/px" + (p.snr.map { ", SNR \($0)" } ?? ", noise-free")
              + String(format: " in %.1f s", seconds))
        print("project: \(o)/tomograms.star, \(o)/particles.star, \(o)/optimisation_set.star; truth in \(o)/truth/")
    }
}
