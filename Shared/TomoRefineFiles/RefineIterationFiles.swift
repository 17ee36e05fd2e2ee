import TomoRelion

/// Everything `relion_refine` writes as STAR files for one iteration (spec §6.1): optimiser,
/// model(s), sampling, data, for tomography the optimisation set, and (joined model with
/// orientation distributions) one `_classKKK_angdist.bild` per class. Class maps are written by
/// the engine; their names come from ``names``.
///
/// With one model the files are `<stem>_model.star`; with two (gold-standard halves while split)
/// `<stem>_half1_model.star` and `<stem>_half2_model.star`, and the optimiser names both.
public struct RefineIterationFiles: Sendable {
    /// File names (root and iteration).
    public var names: RefineFileNames
    /// The optimiser record; ``write(in:)`` fills in its file names, root and iteration.
    public var optimiser: RefineOptimiser
    /// One model (joined) or two (halves 1 and 2).
    public var models: [RefineModel]
    /// The sampling record.
    public var sampling: RefineSampling
    /// The particle set with this iteration's results (see ``RefineData/applying(_:to:)``).
    public var data: ParticleSet
    /// The optimisation set to write (tomography), or nil for none.
    public var optimisationSet: OptimisationSet?

    /// A bundle of records for one iteration.
    public init(names: RefineFileNames, optimiser: RefineOptimiser, models: [RefineModel], sampling: RefineSampling,
                data: ParticleSet, optimisationSet: OptimisationSet?) {
        self.names = names
        self.optimiser = optimiser
        self.models = models
        self.sampling = sampling
        self.data = data
        self.optimisationSet = optimisationSet
    }

    /// The model file names, in ``models`` order.
    public var modelFiles: [String] {
        models.count == 2 ? [names.halfModel(1), names.halfModel(2)] : [names.model]
    }

    /// The optimiser with root, iteration and file names set from ``names`` (paths as RELION
    /// writes them: `<root>_itNNN_…`, relative to the project directory).
    public var resolvedOptimiser: RefineOptimiser {
        var o = optimiser
        o.outputRootName = names.root
        if let it = names.iteration { o.currentIteration = it }
        let m = modelFiles
        o.modelStarFile = m[0]
        o.modelStarFile2 = m.count == 2 ? m[1] : nil
        o.doSplitRandomHalves = m.count == 2 || o.doSplitRandomHalves
        o.experimentalDataStarFile = names.data
        o.samplingStarFile = names.sampling
        return o
    }

    /// Writes optimiser, model(s), sampling, data and optimisation set under `projectDirectory`
    /// (the directory the relative names are resolved against; `""` = current directory).
    /// Returns the paths written.
    ///
    /// - Throws: ``RefineFilesError`` naming the file that could not be written.
    @discardableResult
    public func write(in projectDirectory: String = "") throws(RefineFilesError) -> [String] {
        func p(_ rel: String) -> String { RefinePaths.join(projectDirectory, rel) }
        var written: [String] = []
        try RefineData.write(data, to: p(names.data)); written.append(p(names.data))
        for (m, f) in zip(models, modelFiles) { try m.write(to: p(f)); written.append(p(f)) }
        try sampling.write(to: p(names.sampling)); written.append(p(names.sampling))
        try resolvedOptimiser.write(to: p(names.optimiser)); written.append(p(names.optimiser))
        if let s = optimisationSet {
            try RefineOptimisationSetFile.write(s, to: p(names.optimisationSet)); written.append(p(names.optimisationSet))
        }
        // `_classKKK_angdist.bild` for every class with an orientation distribution (joined model only).
        if models.count == 1 {
            for k in models[0].classes.indices {
                guard let text = RefineAngularDistribution.bild(model: models[0], classIndex: k, sampling: sampling) else { continue }
                let path = p(names.angularDistribution(k + 1))
                try RefineStarIO.writeBytes(Array(text.utf8), to: path); written.append(path)
            }
        }
        return written
    }
}

/// Path helpers for project-relative names.
enum RefinePaths {
    static func join(_ dir: String, _ rel: String) -> String {
        if dir.isEmpty || rel.hasPrefix("/") { return rel }
        return dir.hasSuffix("/") ? dir + rel : dir + "/" + rel
    }

    static func directory(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "" }
        return String(path[..<i])
    }

    static func basename(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: i)...])
    }
}
