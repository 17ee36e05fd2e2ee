import Foundation
import TomoRelion

/// Imports a tomogram set (with its per-tilt-series files), and optionally a particle set or an
/// optimisation set, into a new `Import/jobNNN/` job of a project (`relion.importtomo`).
///
/// Written to the job directory:
/// * `tomograms.star` (`data_global`, RELION 5 layout) and `tilt_series/<name>.star`, with
///   `rlnTomoTiltSeriesStarFile` rewritten to the copies (`Import/job001/tilt_series/TS_01.star`),
///   as RELION's `TomogramSet::write` does — node `TomogramGroupMetadata.star.relion.tomo.import`;
/// * `particles.star` (RELION 5 layout) — node `ParticleGroupMetadata.star.relion.tomo.import`;
/// * `optimisation_set.star` pointing at the copies, its other entries kept — node
///   `TomoOptimisationSet.star.relion`.
///
/// Image paths (`rlnTomoReconstructedTomogram`, per-tilt `rlnMicrographName`, reference maps) are
/// left as they were when they resolve against this project (or are absolute); a relative path that
/// resolves only against the source project is made absolute so the copy still finds it. Every one
/// is checked to exist before anything is written.
///
/// Everything is read and checked before the job is registered, so a bad input leaves no job and no
/// directory. A failure while writing marks the job failed (`RELION_JOB_EXIT_FAILURE`) with no
/// output nodes; it is never registered as succeeded.
public struct ProjectImporter: Sendable {
    /// The project to import into.
    public let project: ProjectDirectory
    /// Test hook: called with each project-relative path right after it is written.
    var afterWriting: (@Sendable (String) throws -> Void)?

    /// An importer for `project`.
    public init(project: ProjectDirectory) {
        self.project = project
    }

    /// Imports the sets. At least one of `tomograms` and `optimisationSet` must be given; files the
    /// optimisation set names are used where `tomograms`/`particles` are nil.
    ///
    /// - Parameters:
    ///   - sourceProjectDirectory: where RELION ran for the inputs (relative paths in them are tried
    ///     against it first, then against the input file's directory and its parents).
    ///   - missingImages: what to do about image files that do not exist.
    /// - Throws: ``ProjectError``: `.missingFiles` naming every missing image, `.relion` for an
    ///   unreadable or missing STAR file (naming it), `.invalidInput` for inconsistent sets.
    public func importSet(tomograms: String? = nil, particles: String? = nil, optimisationSet: String? = nil,
                          sourceProjectDirectory: String? = nil, alias: String? = nil,
                          missingImages: MissingImagePolicy = .fail) throws(ProjectError) -> ImportResult {
        // 1. Read and check everything.
        var tPath = tomograms, pPath = particles
        var optSet: OptimisationSet?
        if let o = optimisationSet {
            let set = try relion { () throws(TomoRelionError) in try OptimisationSet.read(path: o) }
            optSet = set
            let resolver = PathResolver(projectRoot: project.root, source: sourceProjectDirectory, starFile: o)
            if tPath == nil, let t = set.tomogramsFile { tPath = resolver.locate(t) ?? t }
            if pPath == nil, let p = set.particlesFile { pPath = resolver.locate(p) ?? p }
        }
        guard let tPath else {
            throw .invalidInput(file: optimisationSet ?? "(no input)", message: "no tomogram set given (rlnTomoTomogramsFile)")
        }
        var tomoSet = try relion { () throws(TomoRelionError) in
            try TomogramSet.read(path: tPath, projectDirectory: sourceProjectDirectory)
        }
        let particleSet = try pPath.map { p throws(ProjectError) in
            try relion { () throws(TomoRelionError) in try ParticleSet.read(path: p, tomograms: tomoSet) }
        }
        if let particleSet, let p = pPath {
            let known = Set(tomoSet.tomograms.map(\.name))
            let unknown = particleSet.tomogramNames.filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw .invalidInput(file: p, message: "particles name tomograms that \(tPath) lacks: "
                    + unknown.prefix(5).joined(separator: ", "))
            }
        }
        let checked = checkImages(&tomoSet, optimisationSet: &optSet, tomogramsPath: tPath,
                                  optimisationSetPath: optimisationSet, source: sourceProjectDirectory)
        if missingImages == .fail, !checked.missing.isEmpty {
            throw .missingFiles(source: checked.missing[0].source, files: checked.missing.map(\.file))
        }

        // 2. Register the job, then write.
        var parameters = ["in_tomograms": tPath]
        if let pPath { parameters["in_particles"] = pPath }
        if let optimisationSet { parameters["in_optimisation"] = optimisationSet }
        if let sourceProjectDirectory { parameters["source_project"] = sourceProjectDirectory }
        var command = "sta import --tomograms \(tPath)"
        if let pPath { command += " --particles \(pPath)" }
        if let optimisationSet { command += " --optimisation-set \(optimisationSet)" }
        let inputs = ([tPath] + (pPath.map { [$0] } ?? []) + (optimisationSet.map { [$0] } ?? []))
            .map { JobInput(nodePath: projectRelative($0)) }
        let job = try project.createJob(type: .importTomo, alias: alias, parameters: parameters, commandLine: command,
                                        inputs: inputs)
        try project.start(job.id)
        do {
            let outputs = try write(job: job, tomograms: tomoSet, particles: particleSet, optimisationSet: optSet)
            let done = try project.succeed(job.id, outputs: outputs)
            return ImportResult(job: done, tomogramCount: tomoSet.tomograms.count,
                                tiltImageCount: tomoSet.tomograms.reduce(0) { $0 + $1.tiltSeries.frames.count },
                                particleCount: particleSet?.particles.count, outputs: outputs,
                                missingImageFiles: checked.missing.map(\.file), rewrittenImagePaths: checked.rewritten)
        } catch {
            _ = try? project.fail(job.id, error: error.description)
            throw error
        }
    }

    private func write(job: JobRecord, tomograms: TomogramSet, particles: ParticleSet?,
                       optimisationSet: OptimisationSet?) throws(ProjectError) -> [JobOutput] {
        let rel = job.directory + "/" + job.jobName
        var outputs: [JobOutput] = []
        try relion { () throws(TomoRelionError) in
            try tomograms.write(to: project.path(rel + "/tomograms.star"), projectDirectory: project.root)
        }
        try hook(rel + "/tomograms.star")
        outputs.append(JobOutput(nodePath: rel + "/tomograms.star", nodeType: NodeType.importTomograms))
        if let particles {
            try relion { () throws(TomoRelionError) in try particles.write(to: project.path(rel + "/particles.star")) }
            try hook(rel + "/particles.star")
            outputs.append(JobOutput(nodePath: rel + "/particles.star", nodeType: NodeType.importTomoParticles))
        }
        if particles != nil || optimisationSet != nil {
            var set = optimisationSet ?? OptimisationSet()
            set.tomogramsFile = rel + "/tomograms.star"
            set.particlesFile = particles != nil ? rel + "/particles.star" : nil
            try relion { () throws(TomoRelionError) in try set.write(to: project.path(rel + "/optimisation_set.star")) }
            try hook(rel + "/optimisation_set.star")
            outputs.append(JobOutput(nodePath: rel + "/optimisation_set.star", nodeType: NodeType.optimisationSet))
        }
        return outputs
    }

    /// Checks every image path, rewriting those found only against the source project to absolute.
    private func checkImages(_ set: inout TomogramSet, optimisationSet: inout OptimisationSet?, tomogramsPath: String,
                             optimisationSetPath: String?, source: String?)
        -> (missing: [(source: String, file: String)], rewritten: Int) {
        var missing: [(String, String)] = [], seen = Set<String>(), rewritten = 0
        func check(_ ref: String, _ resolver: PathResolver, _ sourceFile: String) -> String {
            switch resolver.resolveImage(ref) {
            case .keep: return ref
            case let .rewrite(to): rewritten += 1; return to
            case .missing:
                if seen.insert(ref).inserted { missing.append((sourceFile, ref)) }
                return ref
            }
        }
        let r = PathResolver(projectRoot: project.root, source: source, starFile: tomogramsPath)
        for i in set.tomograms.indices {
            if let rec = set.tomograms[i].reconstructedTomogram, !rec.isEmpty {
                set.tomograms[i].reconstructedTomogram = check(rec, r, tomogramsPath)
            }
            let tsFile = set.tomograms[i].tiltSeriesStarFile ?? tomogramsPath
            for f in set.tomograms[i].tiltSeries.frames.indices {
                if let m = set.tomograms[i].tiltSeries.frames[f].micrographName, !m.isEmpty {
                    set.tomograms[i].tiltSeries.frames[f].micrographName = check(m, r, tsFile)
                }
            }
        }
        if var o = optimisationSet, let path = optimisationSetPath {
            let ro = PathResolver(projectRoot: project.root, source: source, starFile: path)
            for kp in [\OptimisationSet.referenceMap1File, \.referenceMap2File, \.referenceMaskFile, \.trajectoriesFile,
                       \.manifoldsFile, \.referenceFscFile] {
                if let v = o[keyPath: kp], !v.isEmpty { o[keyPath: kp] = check(v, ro, path) }
            }
            optimisationSet = o
        }
        return (missing, rewritten)
    }

    private func projectRelative(_ path: String) -> String {
        let abs = URL(fileURLWithPath: path).standardizedFileURL.path
        return abs.hasPrefix(project.root + "/") ? String(abs.dropFirst(project.root.count + 1)) : abs
    }

    private func hook(_ path: String) throws(ProjectError) {
        guard let afterWriting else { return }
        do { try afterWriting(path) } catch { throw .file(path: project.path(path), message: "\(error)") }
    }

    private func relion<T>(_ body: () throws(TomoRelionError) -> T) throws(ProjectError) -> T {
        do { return try body() } catch { throw .relion(error) }
    }
}
