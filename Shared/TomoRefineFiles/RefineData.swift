import TomoCore
import TomoRelion
import TomoSTAR

/// The `run_itNNN_data.star` file (spec §6.2): the input particle set with the refinement columns
/// set, `data_general` only in 2D-stack mode, `data_optics` untouched.
public enum RefineData {
    /// The columns `relion_refine` adds to the particle table besides angles, origins and class.
    public static let refineColumns = ["rlnNormCorrection", "rlnLogLikeliContribution",
                                       "rlnMaxValueProbDistribution", "rlnNrOfSignificantSamples", "rlnGroupNumber"]

    /// Group numbers as `relion_refine` assigns them for STA: one group per tomogram, numbered
    /// 1, 2, … in order of first appearance. Returns each particle's group and the group names.
    public static func groups(of set: ParticleSet) -> (numbers: [Int], names: [String]) {
        var index: [String: Int] = [:], names: [String] = []
        let numbers = set.particles.map { p -> Int in
            if let g = index[p.tomoName] { return g }
            names.append(p.tomoName)
            index[p.tomoName] = names.count
            return names.count
        }
        return (numbers, names)
    }

    /// `set` with one iteration's `results` (one per particle, in particle order) written in:
    /// angles, origins, class numbers (and random subsets, if given) in the typed particles;
    /// `rlnNormCorrection`, `rlnLogLikeliContribution`, `rlnMaxValueProbDistribution`,
    /// `rlnNrOfSignificantSamples` and `rlnGroupNumber` as columns. Every other column is kept.
    ///
    /// # Panics
    /// If `results.count != set.particles.count`.
    public static func applying(_ results: [RefineParticleResult], to set: ParticleSet) -> ParticleSet {
        precondition(results.count == set.particles.count,
                     "\(results.count) results for \(set.particles.count) particles")
        var s = set
        for (i, r) in results.enumerated() {
            s.particles[i].pose.angles = r.angles
            s.particles[i].pose.originAngst = r.originAngst
            s.particles[i].classNumber = r.classNumber
            if let h = r.randomSubset { s.particles[i].randomSubset = h }
        }
        var cols = s.otherColumns
        if cols.rowCount != results.count { cols = StarBlock(name: "particles") }
        cols.setColumn("rlnNormCorrection", doubles: results.map(\.normCorrection))
        cols.setColumn("rlnLogLikeliContribution", doubles: results.map(\.logLikelihoodContribution))
        cols.setColumn("rlnMaxValueProbDistribution", doubles: results.map(\.maxValueProbability))
        cols.setColumn("rlnNrOfSignificantSamples", ints: results.map(\.significantSamples))
        cols.setColumn("rlnGroupNumber", ints: results.map(\.groupNumber))
        s.otherColumns = cols
        return s
    }

    /// The `_data.star` document of `set`: as ``ParticleSet/document`` but without `data_general`
    /// when the set is not in 2D-stack mode (RELION copies the block only in 2D-stack mode).
    public static func document(of set: ParticleSet) -> StarDocument {
        var doc = set.document
        if !set.subTomogramsAre2DStacks { doc.blocks.removeAll { $0.name == "general" } }
        return doc
    }

    /// Writes the `_data.star` of `set` to `path` atomically.
    public static func write(_ set: ParticleSet, to path: String) throws(RefineFilesError) {
        try RefineStarIO.write(document(of: set), to: path)
    }

    /// Reads a `_data.star` (any particle-file dialect ``ParticleSet`` reads).
    public static func read(path: String) throws(RefineFilesError) -> ParticleSet {
        do { return try ParticleSet.read(path: path) } catch {
            throw RefineFilesError(file: path, block: error.block, label: error.label, message: error.message)
        }
    }
}

/// The `_optimisation_set.star` written next to each `_data.star` of a tomography run (spec §6.6).
public enum RefineOptimisationSetFile {
    /// The input optimisation set (if `--ios` was used; all its other entries kept) with
    /// `rlnTomoParticlesFile` = `dataFile`, `rlnTomoTomogramsFile` = `tomogramsFile` and
    /// `rlnTomoTrajectoriesFile` = `trajectoriesFile` (`""` when there is none).
    public static func make(input: OptimisationSet?, dataFile: String, tomogramsFile: String,
                            trajectoriesFile: String?) -> OptimisationSet {
        var s = input ?? OptimisationSet()
        s.particlesFile = dataFile
        s.tomogramsFile = tomogramsFile
        s.trajectoriesFile = trajectoriesFile ?? ""
        return s
    }

    /// Writes `set` to `path` (block `data_`, as RELION's C++ writer).
    public static func write(_ set: OptimisationSet, to path: String) throws(RefineFilesError) {
        do { try set.write(to: path) } catch {
            throw RefineFilesError(file: path, message: error.message)
        }
    }
}
