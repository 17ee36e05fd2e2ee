import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoKernels
import TomoSimulation

/// Small simulated datasets shared by the tests of this target (each simulated once per process),
/// and helpers to see them as extraction inputs.
enum Fixture {
    /// 2 tomograms of 320²×64 px at 10 Å, box 48 (480 Å, the phantom is ~350 Å), 31 tilts
    /// (−60…60° every 4°, dose-symmetric, 3 e/Å² per tilt).
    static func parameters(particles: Int, snr: Double?, seed: UInt64 = 7) -> SimulationParameters {
        var p = SimulationParameters()
        p.particleCount = particles
        p.tomogramCount = 2
        p.pixelSize = 10
        p.imageSize = 320
        p.tomogramThickness = 64
        p.boxSize = 48
        p.tiltScheme = .doseSymmetric(minimum: -60, maximum: 60, step: 4, dosePerTilt: 3)
        p.snr = snr
        p.seed = seed
        return p
    }

    static let noiseFree = Task { try await TiltSeriesSimulation.run(parameters(particles: 100, snr: nil)) }
    static let noisy = Task { try await TiltSeriesSimulation.run(parameters(particles: 120, snr: 0.0004, seed: 11)) }

    /// The tilt series of tomogram `t` as extraction sees it (CTF without dose; dose separately).
    static func series(_ sim: TiltSeriesSimulation, tomogram t: Int) -> ExtractionTiltSeries {
        let p = sim.dataset.parameters
        let tomo = sim.dataset.tomograms[t]
        let frames = tomo.tilts.indices.map { f -> ExtractionFrame in
            var ctf = tomo.ctf(f, parameters: p)
            ctf.dose = nil
            return ExtractionFrame(projection: tomo.projection(f, size: p.tomogramSize, imageSize: p.imageSize, pixelSize: p.pixelSize),
                                   ctf: ctf, preExposure: tomo.tilts[f].preExposure)
        }
        return ExtractionTiltSeries(frames: frames, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand,
                                    imageWidth: p.imageSize, imageHeight: p.imageSize)
    }

    /// Reads a window of frame `f` of tomogram `t` from memory.
    static func reader(_ sim: TiltSeriesSimulation, tomogram t: Int) -> (Int, TiltImageWindow) -> [Float] {
        let n = sim.dataset.parameters.imageSize
        return { f, w in
            let image = sim.frames[t][f]
            var out: [Float] = []
            out.reserveCapacity(w.readX.count * w.readY.count)
            for y in w.readY { out.append(contentsOf: image[(w.readX.lowerBound + n * y)..<(w.readX.upperBound + n * y)]) }
            return out
        }
    }

    /// Back-projects the particles `indices` (true poses) of `sim` from 2D-stack images (extract, write the
    /// c×c stack image, FFT, insert with `R_f·A_s·A_p`) or, with `threeD`, from pseudo-subtomograms
    /// (inserted with `A_p`, CTF² weights after the multiplicity threshold).
    static func backProject(_ sim: TiltSeriesSimulation, indices: [Int], settings: ExtractionSettings,
                            halves: [Int], threeD: Bool = false, into acc: inout ReconstructionAccumulator) {
        let seriesByTomo = sim.dataset.tomograms.indices.map { series(sim, tomogram: $0) }
        for i in indices {
            let particle = sim.dataset.particles[i]
            let s = seriesByTomo[particle.tomogram]
            let pose = particle.truth
            let extracted = SubtomogramExtraction.extract(pose, series: s, settings: settings,
                                                          read: reader(sim, tomogram: particle.tomogram))
            if threeD {
                let sub = PseudoSubtomogram.make(extracted, pose: pose, series: s, settings: settings)
                let t = sub.thresholded()
                acc.insert(volume: t.data, rotation: pose.particleMatrix, weights: t.weights, half: halves[i])
            } else {
                for f in extracted.frames {
                    let image = SubtomogramExtraction.stackImage(f, settings: settings)
                    acc.insert(slice: FFT.forward(image), rotation: SubtomogramExtraction.imageRotation(pose, series: s, frame: f.frame),
                               weights: Self.cropWeights(f.weight, from: settings.boxSize, to: settings.cropSize), half: halves[i])
                }
            }
            acc.countParticle(half: halves[i])
        }
    }

    /// CTF² weights of a b×b frame resampled to the c×c stack image's half grid (same physical
    /// frequencies: pixel k of c ↔ k·b/c of b, nearest).
    static func cropWeights(_ w: [Float], from b: Int, to c: Int) -> [Float] {
        if b == c { return w }
        var out = [Float](repeating: 0, count: (c / 2 + 1) * c)
        for y in 0..<c { for x in 0...(c / 2) {
            let ky = FourierFrequency.signed(index: y, size: c)
            let bx = Int((Double(x) * Double(b) / Double(c)).rounded())
            let by = Int((Double(ky) * Double(b) / Double(c)).rounded())
            out[x + (c / 2 + 1) * y] = w[min(bx, b / 2) + (b / 2 + 1) * FourierFrequency.index(frequency: by, size: b)]
        } }
        return out
    }

    /// FSC (per shell) between two maps after a soft spherical mask (radius `r`, 3 px edge) on both.
    static func maskedFSC(_ a: RealVolume, _ b: RealVolume, radius r: Double) -> [Double] {
        var x = a, y = b
        SphericalMask.apply(&x, radius: r, edgeWidth: 3)
        SphericalMask.apply(&y, radius: r, edgeWidth: 3)
        return FSC.curve(FFT.forward(x), FFT.forward(y))
    }

    /// The truth map Fourier-cropped from the simulation box to `n` (pixel size × box/n).
    static func truth(_ sim: TiltSeriesSimulation, size n: Int) -> RealVolume {
        let v = sim.maps[1]!
        return v.nx == n ? v : FourierResize.resample(v, nx: n, ny: n, nz: n)
    }

    /// Last shell `s ≥ 1` such that every shell 1…s has FSC ≥ `threshold`.
    static func lastShellAbove(_ fsc: [Double], _ threshold: Double) -> Int {
        var s = 0
        while s + 1 < fsc.count && fsc[s + 1] >= threshold { s += 1 }
        return s
    }
}
