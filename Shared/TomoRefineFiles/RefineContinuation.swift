import Foundation
import TomoRelion

/// What `relion_refine --continue run_itNNN_optimiser.star` recovers (spec §6.4): the optimiser,
/// the model(s), the sampling and the particle data of iteration NNN, with their paths resolved.
///
/// Paths inside the optimiser are relative to the project directory RELION ran in. They are
/// resolved against the project directory inferred from the optimiser's own path (the part
/// before `<rlnOutputRootName>_itNNN_optimiser.star`); if the optimiser was moved, against its
/// own directory (same file name).
public struct RefineContinuation: Sendable {
    /// The optimiser read.
    public var optimiser: RefineOptimiser
    /// Root and iteration of the run (iteration from `rlnCurrentIteration`).
    public var names: RefineFileNames
    /// Resolved paths of the model file(s) (two while the halves are split).
    public var modelPaths: [String]
    /// The model(s), in ``modelPaths`` order.
    public var models: [RefineModel]
    /// Resolved path of `_data.star`.
    public var dataPath: String
    /// Resolved path of `_sampling.star`.
    public var samplingPath: String
    /// The sampling.
    public var sampling: RefineSampling
    /// The tomogram set path named by the optimiser (resolved), or nil when it names none.
    public var tomogramsPath: String?

    /// The iteration to continue from.
    public var iteration: Int { optimiser.currentIteration }
    /// The number of classes K (`rlnNrClasses` of the first model).
    public var classCount: Int { models.first?.general.nrClasses ?? 0 }
    /// The class maps of the iteration (resolved), from `rlnReferenceImage` of the first model.
    public var classMapPaths: [String] = []

    /// Reads the optimiser at `optimiserPath` and the model(s) and sampling it names. The data
    /// file is only located (``dataPath``); read it with ``readData()``.
    ///
    /// - Throws: ``RefineFilesError`` naming the file that is missing or malformed.
    public static func read(optimiserPath: String) throws(RefineFilesError) -> RefineContinuation {
        let o = try RefineOptimiser.read(path: optimiserPath)
        let resolver = Resolver(optimiserPath: optimiserPath, optimiser: o)
        var modelRel = [o.modelStarFile]
        if let m2 = o.modelStarFile2, !m2.isEmpty { modelRel.append(m2) }
        let modelPaths = try modelRel.map { r throws(RefineFilesError) in try resolver.existing(r, what: "model") }
        var models: [RefineModel] = []
        for p in modelPaths { models.append(try RefineModel.read(path: p)) }
        let samplingPath = try resolver.existing(o.samplingStarFile, what: "sampling")
        let dataPath = try resolver.existing(o.experimentalDataStarFile, what: "data")
        var c = RefineContinuation(
            optimiser: o, names: RefineFileNames(root: o.outputRootName, iteration: o.currentIteration),
            modelPaths: modelPaths, models: models, dataPath: dataPath, samplingPath: samplingPath,
            sampling: try RefineSampling.read(path: samplingPath),
            tomogramsPath: o.tomogramsFile.isEmpty ? nil : resolver.resolve(o.tomogramsFile))
        c.classMapPaths = models.first?.classes.map { resolver.resolve($0.referenceImage) } ?? []
        return c
    }

    /// Reads the particle data of the iteration.
    public func readData() throws(RefineFilesError) -> ParticleSet {
        try RefineData.read(path: dataPath)
    }

    /// Resolves project-relative names stored in an optimiser file.
    struct Resolver {
        let projectDirectory: String?
        let optimiserDirectory: String

        init(optimiserPath: String, optimiser o: RefineOptimiser) {
            optimiserDirectory = RefinePaths.directory(of: optimiserPath)
            let own = RefineFileNames(root: o.outputRootName, iteration: o.currentIteration).optimiser
            let finalOwn = RefineFileNames(root: o.outputRootName, iteration: nil).optimiser
            if optimiserPath == own || optimiserPath == finalOwn {
                projectDirectory = ""
            } else if optimiserPath.hasSuffix("/" + own) {
                projectDirectory = String(optimiserPath.dropLast(own.count + 1))
            } else if optimiserPath.hasSuffix("/" + finalOwn) {
                projectDirectory = String(optimiserPath.dropLast(finalOwn.count + 1))
            } else {
                projectDirectory = nil
            }
        }

        func resolve(_ stored: String) -> String {
            if stored.hasPrefix("/") { return stored }
            if let projectDirectory { return RefinePaths.join(projectDirectory, stored) }
            return RefinePaths.join(optimiserDirectory, RefinePaths.basename(stored))
        }

        func existing(_ stored: String, what: String) throws(RefineFilesError) -> String {
            let first = resolve(stored)
            if FileManager.default.fileExists(atPath: first) { return first }
            let sibling = RefinePaths.join(optimiserDirectory, RefinePaths.basename(stored))
            if FileManager.default.fileExists(atPath: sibling) { return sibling }
            throw RefineFilesError(file: first, message: "the \(what) file named by the optimiser ('\(stored)') does not exist")
        }
    }
}
