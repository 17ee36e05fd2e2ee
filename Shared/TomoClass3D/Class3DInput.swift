import Foundation
import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoJobs
import TomoKernels
import TomoMRC
import TomoRefine
import TomoRelion

/// The particles of a Class3D job, read from `--i`/`--tomograms` or `--ios` (spec §5.10), and
/// their extracted images turned into ``ParticleObservation``s.
///
/// Conventions: 2D stacks (`rlnImageName` `.mrcs`, one section per visible frame of
/// `rlnTomoVisibleFrames`) are premultiplied by `CTF·W` and contrast-inverted by the extractor, so
/// each tilt becomes `X = FFT(image)`, `C = (CTF·W)²`, rotation `R_f·A_s`; 3D pseudo-subtomograms
/// are `FFT(volume)` with the `rlnCtfImage` CTF² thresholded at `--subtomo_multi_thr`. Offsets are
/// `rlnOrigin*Angst / px` (px = `rlnImagePixelSize`). Noise groups are one per tomogram, in order
/// of first appearance (`rlnGroupNumber`, §6.2).
public struct Class3DInput: Sendable {
    /// The particle set as read.
    public var particles: ParticleSet
    /// The tomogram set.
    public var tomograms: TomogramSet
    /// The input optimisation set (`--ios`), kept for `_optimisation_set.star`.
    public var optimisationSet: OptimisationSet?
    /// Project-relative path of the tomogram set.
    public var tomogramsFile: String
    /// Project-relative trajectories file, if any.
    public var trajectoriesFile: String?

    /// Reads particles and tomograms as `--ios` or `--i` + `--tomograms` name them, paths relative
    /// to `projectDirectory`.
    public static func load(_ o: Class3DOptions, projectDirectory: String) throws -> Class3DInput {
        let full = { (p: String) in p.hasPrefix("/") || projectDirectory.isEmpty ? p : projectDirectory + "/" + p }
        var set: OptimisationSet?
        var particlesFile = o.particlesFile, tomogramsFile = o.tomogramsFile, trajectories = o.trajectoriesFile
        if let ios = o.optimisationSetFile {
            let s = try OptimisationSet.read(path: full(ios))
            set = s
            particlesFile = particlesFile ?? s.particlesFile
            tomogramsFile = tomogramsFile ?? s.tomogramsFile
            trajectories = trajectories ?? s.trajectoriesFile
        }
        guard let pf = particlesFile else { throw Class3DError("class3d: no particles: give --i or --ios (with rlnTomoParticlesFile)") }
        guard let tf = tomogramsFile else { throw Class3DError("class3d: no tomogram set: give --tomograms or --ios (with rlnTomoTomogramsFile)") }
        let t = try TomogramSet.read(path: full(tf), projectDirectory: projectDirectory.isEmpty ? nil : projectDirectory)
        let p = try ParticleSet.read(path: full(pf), tomograms: t)
        guard !p.particles.isEmpty else { throw Class3DError("class3d: \(pf) has no particles") }
        return Class3DInput(particles: p, tomograms: t, optimisationSet: set, tomogramsFile: tf,
                            trajectoriesFile: trajectories.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `rlnImagePixelSize` of the first optics group (Å).
    public var pixelSize: Double {
        get throws {
            guard let px = particles.opticsGroups.first?.imagePixelSize else {
                throw Class3DError("class3d: the particles' optics group has no rlnImagePixelSize; extract them first")
            }
            return px
        }
    }

    /// Noise group (1-based, per tomogram) of every particle and the group names.
    public var groups: (numbers: [Int], names: [String]) {
        var index: [String: Int] = [:], names: [String] = []
        let numbers = particles.particles.map { p -> Int in
            if let g = index[p.tomoName] { return g }
            names.append(p.tomoName); index[p.tomoName] = names.count
            return names.count
        }
        return (numbers, names)
    }

    /// Builds the observations from the extracted images (see the type doc).
    /// - Parameter ctfIntactFirstPeak: `--ctf_intact_first_peak`: the 2D stacks' CTF is 1 up to
    ///   its first peak (`|γ| < π/2`) in the E- and M-step weights.
    public func observations(projectDirectory: String, multiplicityThreshold: Float = 0.01,
                             ctfIntactFirstPeak: Bool = false) throws -> [ParticleObservation] {
        let source = TiltImageSource(projectDirectory: projectDirectory)
        let px = try pixelSize
        let g = groups.numbers
        var cache: [String: ExtractionTiltSeries] = [:]
        var out: [ParticleObservation] = []
        out.reserveCapacity(particles.particles.count)
        for (i, p) in particles.particles.enumerated() {
            guard let image = p.imageName else {
                throw Class3DError("class3d: particle \(p.particleName) has no rlnImageName; run Extract subtomos first")
            }
            let data: ParticleData
            if particles.subTomogramsAre2DStacks {
                guard let tomo = tomograms[p.tomoName] else {
                    throw Class3DError("class3d: particle \(p.particleName) names tomogram \(p.tomoName), absent from the tomogram set")
                }
                let s = try cache[p.tomoName] ?? ExtractionTiltSeries(tomogram: tomo, source: source)
                cache[p.tomoName] = s
                data = .stack(try stack(p, image: image, series: s, pixelSize: px, projectDirectory: projectDirectory,
                                        ctfIntactFirstPeak: ctfIntactFirstPeak))
            } else {
                let row = particles.otherColumns.rowCount == particles.particles.count
                    ? particles.otherColumns.string("rlnCtfImage", row: i) : nil
                guard let weights = row else { throw Class3DError("class3d: particle \(p.particleName) has no rlnCtfImage") }
                let sub = PseudoSubtomogram(realSpaceData: try Self.readVolume(image, projectDirectory),
                                            weightVolume: try Self.readVolume(weights, projectDirectory))
                let t = sub.thresholded(multiplicity: multiplicityThreshold)
                data = .subtomogram(data: t.data, ctfSquared: t.weights)
            }
            out.append(ParticleObservation(data: data, angles: p.pose.angles, offset: p.pose.originAngst / px,
                                           opticsGroup: g[i] - 1, randomSubset: p.randomSubset,
                                           classNumber: p.classNumber ?? 0))
        }
        return out
    }

    func stack(_ p: TomoParticle, image: String, series s: ExtractionTiltSeries, pixelSize px: Double,
               projectDirectory: String, ctfIntactFirstPeak: Bool = false) throws -> [TiltImage] {
        guard let flags = p.visibleFrames else { throw Class3DError("class3d: particle \(p.particleName) has no rlnTomoVisibleFrames") }
        let stack = try Self.readVolume(image, projectDirectory)
        let c = stack.nx
        let visible = flags.indices.filter { flags[$0] != 0 }
        guard visible.count == stack.nz else {
            throw Class3DError("class3d: \(image) has \(stack.nz) images but rlnTomoVisibleFrames flags \(visible.count)")
        }
        return visible.enumerated().map { j, f in
            let img = RealImage(nx: c, ny: c, data: Array(stack.data[(j * c * c)..<((j + 1) * c * c)]))
            var model = s.ctf(p.pose, frame: f)
            model.intactFirstPeak = ctfIntactFirstPeak
            let ctf = model.image(size: c, pixelSize: px)
            let dose = DoseWeight.image(size: c, pixelSize: px, dose: s.frames[f].preExposure,
                                        bFactorPerElectronDose: s.bFactorPerElectronDose)
            var w = [Float](repeating: 0, count: (c / 2 + 1) * c)
            for k in w.indices { let cw = ctf[k] * dose[k]; w[k] = cw * cw }
            return TiltImage(data: FFT.forward(img), ctfSquared: w,
                             rotation: s.frames[f].projection.rotation * p.pose.subtomogramMatrix,
                             dose: s.frames[f].preExposure)
        }
    }

    static func readVolume(_ name: String, _ projectDirectory: String) throws -> RealVolume {
        let path = name.hasPrefix("/") || projectDirectory.isEmpty ? name : projectDirectory + "/" + name
        let f = try MRCFile.open(path: path)
        let (nx, ny, nz) = f.shape
        return RealVolume(nx: nx, ny: ny, nz: nz, data: try f.readAll())
    }
}
