import Foundation
import TomoAlgorithms
import TomoJobs
import TomoProject
import TomoTransport
import TomoWire

/// `relion.reconstructparticletomo` ("Reconstruct particle") run by the catalog: tasks are
/// contiguous particle batches in input order; each RESULT's partial sums are kept in
/// `Reconstruct/jobNNN/.partials/task_<n>.f32` until the reduction, which adds every task's
/// partial exactly once in task-key order (so the maps do not depend on the number of workers
/// or on worker deaths) and writes `merged.mrc`, `half1.mrc`, `half2.mrc` and `fsc.star` with
/// `ReconstructJob.finish(_:)`.
final class ReconstructParticleKind: CatalogJobKind {
    var type: JobType { .reconstruct }
    var capability: String { ReconstructParticleOperation.name }
    let cache = StageInputsCache()
    var stage: String { "reconstruct" }

    func items(parameters: String) -> Int { (try? StageTask(json: parameters))?.indices.count ?? 0 }

    func check(_ parameters: [String: String], project: ProjectDirectory) throws(CatalogError) {
        let p = StageParameters(parameters)
        let o = try p.reconstructOptions()
        _ = try p.batch()
        let inputs = try StageInputs(p, root: project.root)
        do {
            _ = try ReconstructJob(particles: inputs.particles, tomograms: inputs.tomograms, projectDirectory: project.root,
                                   outputDirectory: "", options: o)
        } catch { throw CatalogError(.badRequest, "\(error)") }
    }

    func plan(_ job: JobRecord, project: ProjectDirectory) throws(CatalogError) -> [(String, String)] {
        let inputs = try cache.inputs(job, root: project.root)
        let batch = try StageParameters(job.parameters).batch()
        let n = inputs.particles.particles.count
        return stride(from: 0, to: n, by: batch).map { start in
            (ReconstructParticleOperation.name, inputs.task(job.parameters, indices: Array(start..<min(start + batch, n))).json)
        }
    }

    func reconstructJob(_ job: JobRecord, project: ProjectDirectory) throws -> ReconstructJob {
        let inputs = try cache.inputs(job, root: project.root)
        return try ReconstructJob(particles: inputs.particles, tomograms: inputs.tomograms, projectDirectory: project.root,
                                  outputDirectory: "\(job.directory)/\(job.jobName)",
                                  options: try StageParameters(job.parameters).reconstructOptions())
    }

    static func partialPath(_ job: JobRecord, task: UInt64, project: ProjectDirectory) -> String {
        project.path("\(job.directory)/\(job.jobName)/.partials/task_\(task).f32")
    }

    func accept(_ job: JobRecord, _ done: CoordinatorLoop.CompletedTask, project: ProjectDirectory) throws -> String {
        let o = try JSON.object(done.result.summaryJSON)
        guard let size = try JSON.int(o, "size"), let padding = try JSON.int(o, "padding") else {
            throw CatalogError(.badRequest, "partial reconstruction summary lacks size or padding")
        }
        let arrays = try PartialSums.arrays(done.payloads, size: size, padding: padding)
        let path = Self.partialPath(job, task: done.key.task, project: project)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try PartialSums.write(arrays, to: path)
        return done.result.summaryJSON
    }

    func items(summary: String) -> Int { (try? JSON.object(summary)).flatMap { try? JSON.int($0, "particles") } ?? 0 }

    func finish(_ job: JobRecord, tasks: [CatalogStore.StoredTask], project: ProjectDirectory) throws -> [JobOutput] {
        defer { cache.forget(job.id) }
        let r = try reconstructJob(job, project: project)
        var total = ReconstructionAccumulator(size: r.reconstructionBox, symmetry: r.symmetry)
        for t in tasks {
            let o = try JSON.object(t.summary ?? "{}")
            guard let size = try JSON.int(o, "size"), let padding = try JSON.int(o, "padding"),
                  let counts = (o["counts"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }), counts.count == 2 else {
                throw CatalogError(.internalError, "task \(t.key.task) has no partial-sum summary")
            }
            let arrays = try PartialSums.read(path: Self.partialPath(job, task: t.key.task, project: project),
                                              size: size, padding: padding)
            total.add(PartialSums.accumulator(arrays, size: size, padding: padding, symmetry: r.symmetry, counts: counts))
        }
        try r.finish(total)
        try? FileManager.default.removeItem(atPath: project.path("\(job.directory)/\(job.jobName)/.partials"))
        let dir = r.outputDirectory
        var outputs = [JobOutput(nodePath: dir + "/merged.mrc", nodeType: NodeType.reconstructMap)]
        if total.particleCounts.allSatisfy({ $0 > 0 }) {
            outputs += [JobOutput(nodePath: dir + "/half1.mrc", nodeType: NodeType.reconstructHalfMap),
                        JobOutput(nodePath: dir + "/half2.mrc", nodeType: NodeType.reconstructHalfMap),
                        JobOutput(nodePath: dir + "/fsc.star", nodeType: "ProcessData.star.sta.fsc")]
        }
        return outputs
    }
}
