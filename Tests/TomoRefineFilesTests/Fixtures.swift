import Foundation
import TomoCore
import TomoRelion
import TomoSTAR
@testable import TomoRefineFiles

/// A small Class3D iteration built in code: K = 2, box 64 at 5.4 Å, 6 particles in 2 tomograms.
enum Fixture {
    static let root = "Class3D/job012/run"
    static let names = RefineFileNames(root: root, iteration: 25)

    static func shells(_ k: Int) -> [RefineSpectralShell] {
        var out: [RefineSpectralShell] = []
        for i in 0 ... 32 {
            let x = Double(i)
            let ssnr: Double = 100.0 / (x + 1) + Double(k)
            let completeness: Double = i < 20 ? 1 : 0.5
            let s2: Double = 1.5e-5 * (x + 1)
            let t2: Double = 0.25 / (x + 1)
            out.append(RefineSpectralShell(index: i, boxSize: 64, pixelSize: 5.4, ssnr: ssnr, goldStandardFsc: 0,
                                           fourierCompleteness: completeness, referenceSigma2: s2, referenceTau2: t2,
                                           orientability: 0.01 * x))
        }
        return out
    }

    static var model: RefineModel {
        var g = RefineModelGeneral(originalImageSize: 64, currentResolution: 21.6, currentImageSize: 52, pixelSize: 5.4,
                                   nrClasses: 2, nrGroups: 2, nrOpticsGroups: 1, sigmaOffsetsAngst: 6.214,
                                   logLikelihood: 1.234567e8, averagePmax: 0.873)
        g.dataDimensionality = 2
        let classes = (1 ... 2).map { (k: Int) -> RefineModelClass in
            let dist: Double = k == 1 ? 0.612 : 0.388
            let est: Double = k == 1 ? 21.6 : 24.685714
            let pdf: [Double] = (0 ..< 12).map { Double($0 + k) / 100 }
            return RefineModelClass(referenceImage: names.classMap(k), distribution: dist,
                             accuracyRotations: 3.21 + Double(k), accuracyTranslationsAngst: 2.4, estimatedResolution: est,
                             overallFourierCompleteness: 0.981, spectrum: shells(k),
                             orientationDistribution: pdf)
        }
        let groups = [RefineModelGroup(number: 1, name: "TS_01", particleCount: 4, scaleCorrection: 1),
                      RefineModelGroup(number: 2, name: "TS_02", particleCount: 2, scaleCorrection: 0.95)]
        let idx = Array(0 ... 32)
        let res: [Double] = idx.map { Double($0) / 345.6 }
        let s2: [Double] = idx.map { i -> Double in i == 32 ? 0 : 2.5e-4 / Double(i + 1) }
        let noise = RefineNoiseSpectrum(number: 1, indices: idx, resolutions: res, sigma2: s2)
        return RefineModel(general: g, classes: classes, groups: groups, noiseSpectra: [noise])
    }

    static var optimiser: RefineOptimiser {
        var o = RefineOptimiser(relionVersion: "5.0-sta", commandLine: "--o \(root) --ios Extract/job010/optimisation_set.star --K 2 --iter 25")
        o.numberOfIterations = 25
        o.randomSeed = 1_564_557_917
        o.particleDiameter = 230
        o.tomogramsFile = "Tomograms/job006/tomograms.star"
        o.bestResolutionThusFar = 1 / 21.6
        o.changesOptimalOrientations = 12.5
        o.changesOptimalOffsets = 1.766044
        o.changesOptimalClasses = 0.011179
        o.overallAccuracyRotations = 3.21
        o.overallAccuracyTranslationsAngst = 2.4
        return o
    }

    static var sampling: RefineSampling {
        var dirs: [(rot: Double, tilt: Double)] = []
        for i in 0 ..< 12 {
            let rot: Double = Double(i) * 30 - 165
            let tilt: Double = 45 + Double(i % 3) * 30
            dirs.append((rot: rot, tilt: tilt))
        }
        return RefineSampling(healpixOrder: 2, symmetryGroup: "C1", psiStep: 15, offsetRange: 27, offsetStep: 10.8,
                              perturbInstance: 0.174287, directions: dirs)
    }

    static var optics: StarBlock {
        var o = StarBlock(name: "optics")
        o.setColumn("rlnOpticsGroup", ints: [1])
        o.setColumn("rlnOpticsGroupName", ["opticsGroup1"])
        o.setColumn("rlnVoltage", doubles: [300])
        o.setColumn("rlnSphericalAberration", doubles: [2.7])
        o.setColumn("rlnAmplitudeContrast", doubles: [0.1])
        o.setColumn("rlnTomoTiltSeriesPixelSize", doubles: [1.35])
        o.setColumn("rlnCtfDataAreCtfPremultiplied", ints: [1])
        o.setColumn("rlnImageDimensionality", ints: [2])
        o.setColumn("rlnTomoSubtomogramBinning", doubles: [4])
        o.setColumn("rlnImagePixelSize", doubles: [5.4])
        o.setColumn("rlnImageSize", ints: [64])
        return o
    }

    /// 6 particles, 4 in TS_01 and 2 in TS_02, as extracted (2D stacks).
    static var particles: ParticleSet {
        let ps = (0 ..< 6).map { i -> TomoParticle in
            let t = i < 4 ? "TS_01" : "TS_02"
            let n = i < 4 ? i + 1 : i - 3
            return TomoParticle(tomoName: t, particleName: "\(t)/\(n)",
                                pose: ParticlePose(centeredPositionAngst: Vector3(Double(i) * 100, 50, -20)),
                                visibleFrames: [1, 1, 0, 1], imageName: "Extract/job010/Subtomograms/\(t)/\(n)_stack2d.mrcs")
        }
        return ParticleSet(particles: ps, optics: optics, subTomogramsAre2DStacks: true)
    }

    static var results: [RefineParticleResult] {
        let groups = RefineData.groups(of: particles).numbers
        var out: [RefineParticleResult] = []
        for i in 0 ..< 6 {
            let x = Double(i)
            let angles = EulerAngles(rot: x * 10, tilt: 90, psi: -45)
            let cls = i % 3 == 0 ? 2 : 1
            let ll: Double = 6.789623e6 + x
            let pmax: Double = 0.5 + x / 20
            out.append(RefineParticleResult(angles: angles, originAngst: Vector3(1.35, -2.7, 0.5), classNumber: cls,
                                            logLikelihoodContribution: ll, maxValueProbability: pmax,
                                            significantSamples: i + 1, groupNumber: groups[i]))
        }
        return out
    }

    static var iteration: RefineIterationFiles {
        let data = RefineData.applying(results, to: particles)
        let ios = RefineOptimisationSetFile.make(input: nil, dataFile: names.data, tomogramsFile: "Tomograms/job006/tomograms.star",
                                                 trajectoriesFile: nil)
        return RefineIterationFiles(names: names, optimiser: optimiser, models: [model], sampling: sampling, data: data,
                                    optimisationSet: ios)
    }

    /// A fresh temporary project directory with the fixture iteration written into it.
    static func writtenProject() throws -> String {
        let dir = NSTemporaryDirectory() + "refinefiles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/Class3D/job012", withIntermediateDirectories: true)
        try iteration.write(in: dir)
        return dir
    }

    /// Labels per block of a STAR file.
    static func labelsPerBlock(_ doc: StarDocument) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for b in doc.blocks { out[b.name, default: []].formUnion(b.labels) }
        return out
    }
}
