import Foundation
import TomoCore
import TomoMRC
import TomoRefine
import TomoRefineFiles
import TomoRelion

/// `--continue <o>_itNNN_optimiser.star` (spec §6.4): the engine rebuilt from the files of
/// iteration NNN.
///
/// Recovered: the options (the optimiser's `rlnCommandLine` re-parsed, then `--iter`, `--j` and
/// the compute flags of the new command line on top), the seed, class maps (float32, as the engine
/// keeps them), class and direction distributions, per-class resolution and SSNR, σ² per group,
/// σ_offset, the current resolution, and every particle's angles, origin and class from
/// `_data.star`. τ² is recomputed from the maps, as the M-step does.
/// Not exact: numbers stored as text (σ², distributions, σ_offset, angles, origins in Å) carry
/// the STAR files' decimal rounding, so continued iterations agree with an uninterrupted run to
/// that rounding, not bit for bit; the statistics of iterations before NNN other than their
/// resolution and class distribution (for the convergence plot) are not kept.
public struct Class3DContinuation: Sendable {
    /// Merged options.
    public var options: Class3DOptions
    /// `rlnOutputRootName`.
    public var outputRoot: String
    /// The particles (`_data.star` of NNN) and tomograms.
    public var input: Class3DInput
    /// The restored engine (``ClassificationEngine/iteration`` = NNN).
    public var engine: ClassificationEngine
    /// `rlnRandomSeed`.
    public var seed: Int
    /// Resolution and class distribution of iterations 0…NNN whose model files exist.
    public var convergence: [Class3DConvergencePoint]

    /// Reads iteration NNN's files, paths relative to `projectDirectory`.
    public static func read(_ optimiserPath: String, given: Class3DOptions, projectDirectory: String) throws -> Class3DContinuation {
        let full = { (p: String) in p.hasPrefix("/") || projectDirectory.isEmpty ? p : projectDirectory + "/" + p }
        let c = try RefineContinuation.read(optimiserPath: full(optimiserPath))
        var args = Class3DArguments.split(c.optimiser.commandLine)
        if args.first?.hasPrefix("relion_refine") == true || args.first?.hasSuffix("sta") == true { args.removeFirst() }
        var o = try Class3DArguments.parse(args)
        let newArgs = Class3DArguments.split(given.commandLine).dropFirst()
        if newArgs.contains("--iter") { o.refinement.iterations = given.refinement.iterations }
        if newArgs.contains("--j") { o.threads = given.threads }
        o.notes += given.notes
        o.continueFrom = optimiserPath
        let seed = c.optimiser.randomSeed
        o.randomSeedArgument = seed
        o.refinement.randomSeed = UInt64(max(0, seed))
        guard let model = c.models.first else { throw Class3DError("class3d: \(optimiserPath) names no model file") }
        o.refinement.classCount = model.general.nrClasses
        o.refinement.tau2Fudge = model.general.tau2FudgeFactor

        let tomogramsFile = c.optimiser.tomogramsFile
        let tomograms = try TomogramSet.read(path: full(tomogramsFile), projectDirectory: projectDirectory.isEmpty ? nil : projectDirectory)
        let particles = try ParticleSet.read(path: c.dataPath, tomograms: tomograms)
        let setPath = full(c.names.optimisationSet)
        let set = FileManager.default.fileExists(atPath: setPath) ? try OptimisationSet.read(path: setPath) : nil
        let traj = c.optimiser.trajectoriesFile
        let input = Class3DInput(particles: particles, tomograms: tomograms, optimisationSet: set,
                                 tomogramsFile: tomogramsFile, trajectoriesFile: traj.isEmpty ? nil : traj)
        let obs = try input.observations(projectDirectory: projectDirectory,
                                         multiplicityThreshold: o.subtomogramMultiplicityThreshold,
                                         ctfIntactFirstPeak: o.ctfIntactFirstPeak)
        let px = model.general.pixelSize
        var classes: [ClassModel] = []
        for (k, mc) in model.classes.enumerated() {
            let path = k < c.classMapPaths.count ? c.classMapPaths[k] : full(c.names.classMap(k + 1))
            let f = try MRCFile.open(path: path)
            let (nx, ny, nz) = f.shape
            let map = RealVolume(nx: nx, ny: ny, nz: nz, data: try f.readAll())
            var cm = ClassModel(map: map, distribution: mc.distribution, estimatedResolution: mc.estimatedResolution,
                                ssnr: mc.spectrum.map(\.ssnr), tau2: mc.spectrum.map(\.referenceTau2),
                                directionDistribution: mc.orientationDistribution)
            cm.accuracyRotations = mc.accuracyRotations
            cm.accuracyTranslations = mc.accuracyTranslationsAngst
            classes.append(cm)
        }
        let sigma2 = model.noiseSpectra.sorted { $0.number < $1.number }.map(\.sigma2)
        // Earlier iterations: resolution and distribution for the plot; statistics stand-ins.
        var points: [Class3DConvergencePoint] = []
        var history: [IterationStatistics] = []
        for it in 0...c.iteration {
            let names = RefineFileNames(root: c.names.root, iteration: it)
            let path = full(names.model)
            let m = it == c.iteration ? model : (FileManager.default.fileExists(atPath: path) ? try? RefineModel.read(path: path) : nil)
            if let m {
                points.append(Class3DConvergencePoint(iteration: it, resolution: m.general.currentResolution,
                                                      classDistribution: m.classes.map(\.distribution)))
            }
            if it > 0 {
                let last = it == c.iteration
                history.append(IterationStatistics(
                    restoring: it, currentResolution: m?.general.currentResolution ?? model.general.currentResolution,
                    currentImageSize: m?.general.currentImageSize ?? model.general.currentImageSize,
                    expectationImageSize: m?.general.currentImageSize ?? model.general.currentImageSize,
                    changesOrientations: last ? c.optimiser.changesOptimalOrientations : 999,
                    changesOffsets: last ? c.optimiser.changesOptimalOffsets : 999,
                    changesClasses: last ? c.optimiser.changesOptimalClasses : 1,
                    averagePmax: m?.general.averagePmax ?? 0, logLikelihood: m?.general.logLikelihood ?? 0,
                    sigmaOffset: m?.general.sigmaOffsetsAngst ?? model.general.sigmaOffsetsAngst,
                    samplingPerturbation: last ? c.sampling.perturbInstance : 0,
                    overallAccuracyRotations: last ? c.optimiser.overallAccuracyRotations : 999,
                    overallAccuracyTranslations: last ? c.optimiser.overallAccuracyTranslationsAngst : 999))
            }
        }
        let engine: ClassificationEngine
        do {
            engine = try ClassificationEngine(restoring: obs, classes: classes, sigma2: sigma2,
                                              sigmaOffset: model.general.sigmaOffsetsAngst,
                                              currentResolution: model.general.currentResolution,
                                              completedIterations: history, pixelSize: px, options: o.refinement)
        } catch { throw Class3DError("class3d: cannot continue from \(optimiserPath): \(error.description)") }
        return Class3DContinuation(options: o, outputRoot: c.names.root, input: input, engine: engine, seed: seed,
                                   convergence: points)
    }
}
