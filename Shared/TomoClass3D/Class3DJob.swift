import Foundation
import TomoCore
import TomoMRC
import TomoRefine
import TomoRefineFiles
import TomoRelion

/// `relion_refine` 3D classification on tomographic particles, with and without alignment
/// (spec §5, files §6), run in-process.
///
/// The job reads the particles and their extracted images (``Class3DInput``), the reference
/// (``Class3DReference``) or, with `--continue`, the state of a written iteration
/// (``Class3DContinuation``), then runs `--iter` iterations through a ``Class3DExecutor``. After
/// the initial state (`it000`) and after every iteration it writes `<o>_itNNN_data.star`,
/// `_model.star`, `_optimiser.star`, `_sampling.star`, `_classKKK.mrc`, `_optimisation_set.star`
/// as ``RefineIterationFiles`` lays them out, plus `<o>_itNNN_classes.png` (central slices of every
/// class) and `<o>_convergence.png` (resolution and class distribution per iteration).
/// All paths are relative to `projectDirectory`.
public struct Class3DJob: Sendable {
    /// The options (after merging a continued run's command line).
    public let options: Class3DOptions
    /// Project directory.
    public let projectDirectory: String
    /// Output root (`--o`).
    public let outputRoot: String
    /// The input.
    public let input: Class3DInput
    /// The engine in its current state.
    public private(set) var engine: ClassificationEngine
    /// `rlnRandomSeed` used.
    public let seed: Int
    /// Per-iteration points of the convergence plot so far (from it000 or the continued run).
    public private(set) var convergence: [Class3DConvergencePoint]

    /// Sets up a new run (`--ref`) or a continued one (`--continue`).
    public init(options given: Class3DOptions, projectDirectory: String) throws {
        self.projectDirectory = projectDirectory
        if let cont = given.continueFrom {
            let c = try Class3DContinuation.read(cont, given: given, projectDirectory: projectDirectory)
            options = c.options; outputRoot = c.outputRoot; input = c.input; engine = c.engine; seed = c.seed
            convergence = c.convergence
            return
        }
        guard let root = given.outputRoot else { throw Class3DError("class3d: no output root: give --o, e.g. Class3D/job013/run") }
        outputRoot = root
        var o = given
        seed = o.randomSeedArgument >= 0 ? o.randomSeedArgument : Int(Date().timeIntervalSince1970) % 1_000_000_000
        o.refinement.randomSeed = UInt64(seed)
        options = o
        input = try Class3DInput.load(o, projectDirectory: projectDirectory)
        let obs = try input.observations(projectDirectory: projectDirectory,
                                         multiplicityThreshold: o.subtomogramMultiplicityThreshold,
                                         ctfIntactFirstPeak: o.ctfIntactFirstPeak)
        let px = try input.pixelSize
        let reference = try Class3DReference.load(o, boxSize: obs[0].boxSize, pixelSize: px, projectDirectory: projectDirectory)
        do {
            engine = try ClassificationEngine(particles: obs, references: [reference], pixelSize: px, options: o.refinement)
        } catch { throw Class3DError("class3d: \(error.description)") }
        convergence = []
    }

    /// File names of iteration `it`.
    public func names(_ it: Int) -> RefineFileNames { RefineFileNames(root: outputRoot, iteration: it) }

    /// Writes the files of the engine's current iteration (`it000` before the first) and updates
    /// the convergence plot; returns the project-relative paths written.
    @discardableResult
    public mutating func writeIteration() throws -> [String] {
        let it = engine.iteration, n = names(it)
        try FileManager.default.createDirectory(atPath: full(RefinePathsPublic.directory(of: outputRoot)),
                                                withIntermediateDirectories: true)
        let groups = input.groups
        var written: [String] = []
        for (k, c) in engine.classes.enumerated() {
            let path = n.classMap(k + 1)
            try MRCWriter.write(c.map.data, nx: c.map.nx, ny: c.map.ny, nz: c.map.nz, voxelSize: engine.pixelSize, to: full(path))
            written.append(path)
        }
        let data = RefineData.applying(Class3DRecords.particleResults(engine, groups: groups.numbers), to: input.particles)
        let set = RefineOptimisationSetFile.make(input: input.optimisationSet, dataFile: n.data,
                                                 tomogramsFile: input.tomogramsFile, trajectoriesFile: input.trajectoriesFile)
        var opt = Class3DRecords.optimiser(engine, options: options, tomogramsFile: input.tomogramsFile,
                                           trajectoriesFile: input.trajectoriesFile, seed: seed)
        opt.numberOfIterations = options.refinement.iterations
        let files = RefineIterationFiles(
            names: n, optimiser: opt, models: [Class3DRecords.model(engine, names: n, groups: groups, options: options)],
            sampling: Class3DRecords.sampling(engine), data: data, optimisationSet: set)
        let paths = try files.write(in: projectDirectory)
        written += paths.map { relative($0) }
        convergence.removeAll { $0.iteration >= it }
        convergence.append(Class3DConvergencePoint(iteration: it, resolution: engine.currentResolution,
                                                   classDistribution: engine.classes.map(\.distribution)))
        written += try Class3DFigures.write(engine: engine, names: n, root: outputRoot, convergence: convergence,
                                            projectDirectory: projectDirectory)
        return written
    }

    /// Runs the remaining iterations up to `--iter`, writing the initial state first when starting
    /// afresh. `sink` gets particle progress and one summary per iteration.
    public mutating func run(executor: (any Class3DExecutor)? = nil, sink: (any Class3DProgressSink)? = nil) async throws {
        let exec = executor ?? InProcessClass3DExecutor(threads: options.threads)
        if engine.iteration == 0 { try writeIteration() }
        while engine.iteration < options.refinement.iterations {
            try await exec.iterate(&engine) { p in sink?.particles(p) }
            let files = try writeIteration()
            sink?.iteration(summary(files: files))
        }
    }

    /// The summary of the engine's last iteration.
    public func summary(files: [String] = []) -> Class3DIterationSummary {
        let h = engine.history.last
        return Class3DIterationSummary(
            iteration: engine.iteration, iterations: options.refinement.iterations, resolution: engine.currentResolution,
            changesOrientations: h?.changesOrientations ?? 0, changesOffsets: h?.changesOffsets ?? 0,
            changesClasses: h?.changesClasses ?? 0, classDistribution: engine.classes.map(\.distribution),
            classResolution: engine.classes.map(\.estimatedResolution), averagePmax: h?.averagePmax ?? 0,
            logLikelihood: h?.logLikelihood ?? 0, files: files,
            sections: Class3DClassSections(iteration: engine.iteration, maps: engine.classes.map(\.map),
                                           distributions: engine.classes.map(\.distribution),
                                           resolutions: engine.classes.map(\.estimatedResolution)))
    }

    func full(_ rel: String) -> String {
        rel.hasPrefix("/") || projectDirectory.isEmpty ? rel : projectDirectory + "/" + rel
    }

    func relative(_ path: String) -> String {
        let prefix = projectDirectory.hasSuffix("/") ? projectDirectory : projectDirectory + "/"
        return !projectDirectory.isEmpty && path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// Directory part of a project-relative path.
enum RefinePathsPublic {
    static func directory(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "" }
        return String(path[..<i])
    }
}

/// One point of `run_convergence.png`.
public struct Class3DConvergencePoint: Sendable, Hashable {
    /// Iteration (0 = initial state).
    public var iteration: Int
    /// `rlnCurrentResolution` (Å).
    public var resolution: Double
    /// `rlnClassDistribution` per class.
    public var classDistribution: [Double]
}
