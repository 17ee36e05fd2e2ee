import Foundation
import TomoCore
import TomoJobs
import TomoMRC
import TomoProject
import TomoRelion
import TomoTransport
import TomoWire

/// `relion.pseudosubtomo` ("Extract subtomos") run by the catalog: tasks are (tomogram ×
/// particle batch) in tomogram-set order, then particle order; each RESULT's stacks are written
/// atomically under `Extract/jobNNN/Subtomograms/…` as they arrive; when all tasks are done,
/// `particles.star` and `optimisation_set.star` are written by `ExtractJob.finish(_:)` from the
/// records of every task in key order.
final class PseudoSubtomoKind: CatalogJobKind {
    var type: JobType { .extract }
    var capability: String { PseudoSubtomoOperation.name }
    let cache = StageInputsCache()
    var stage: String { "extract" }

    func items(parameters: String) -> Int { (try? StageTask(json: parameters))?.indices.count ?? 0 }

    func check(_ parameters: [String: String], project: ProjectDirectory) throws(CatalogError) {
        let p = StageParameters(parameters)
        _ = try p.extractOptions()
        _ = try p.batch()
        _ = try StageInputs(p, root: project.root)
    }

    func plan(_ job: JobRecord, project: ProjectDirectory) throws(CatalogError) -> [(String, String)] {
        let inputs = try cache.inputs(job, root: project.root)
        let batch = try StageParameters(job.parameters).batch()
        var out: [(String, String)] = []
        for tomo in inputs.tomograms.tomograms {
            let mine = inputs.particles.particles.indices.filter { inputs.particles.particles[$0].tomoName == tomo.name }
            for start in stride(from: 0, to: mine.count, by: batch) {
                let indices = Array(mine[start..<min(start + batch, mine.count)])
                out.append((PseudoSubtomoOperation.name, inputs.task(job.parameters, indices: indices).json))
            }
        }
        return out
    }

    func extractJob(_ job: JobRecord, project: ProjectDirectory) throws -> ExtractJob {
        let inputs = try cache.inputs(job, root: project.root)
        return ExtractJob(particles: inputs.particles, tomograms: inputs.tomograms, optimisationSet: inputs.optimisationSet,
                          projectDirectory: project.root, outputDirectory: "\(job.directory)/\(job.jobName)",
                          options: try StageParameters(job.parameters).extractOptions())
    }

    func accept(_ job: JobRecord, _ done: CoordinatorLoop.CompletedTask, project: ProjectDirectory) throws -> String {
        let extract = try extractJob(job, project: project)
        var tiles: [UInt64: EncodedTile] = [:]
        for case .tile(let t) in done.payloads { tiles[t.descriptor.tileID] = t }
        let entries = try JSON.object(done.result.summaryJSON)["particles"] as? [[String: Any]] ?? []
        let mode: MRCMode = extract.options.float16 ? .float16 : .float32
        for e in entries where e["dropped"] == nil {
            guard let i = (e["index"] as? NSNumber)?.intValue, i >= 0, i < extract.particles.particles.count else {
                throw CatalogError(.badRequest, "result entry without a valid index: \(e)")
            }
            let p = extract.particles.particles[i]
            guard let data = tiles[UInt64(2 * i)] else { throw CatalogError(.badRequest, "result lacks tile \(2 * i) of particle \(i)") }
            let d = data.descriptor
            let values = try TileCodec.decode(data)
            if extract.options.stack2D {
                let name = extract.outputName(p, suffix: "_stack2d.mrcs")
                try Self.createParent(project.path(name))
                let writer = try MRCStackWriter(path: project.path(name), nx: Int(d.nx), ny: Int(d.ny), voxelSize: d.voxelSize,
                                                mode: mode)
                let n = Int(d.nx) * Int(d.ny)
                for z in 0..<Int(d.nz) { try writer.append(Array(values[(z * n)..<((z + 1) * n)])) }
                try writer.finish()
            } else {
                guard let weights = tiles[UInt64(2 * i + 1)] else {
                    throw CatalogError(.badRequest, "result lacks tile \(2 * i + 1) (weights) of particle \(i)")
                }
                let w = weights.descriptor
                let dataName = extract.outputName(p, suffix: "_data.mrc"), weightName = extract.outputName(p, suffix: "_weights.mrc")
                try Self.createParent(project.path(dataName))
                try MRCWriter.write(values, nx: Int(d.nx), ny: Int(d.ny), nz: Int(d.nz), voxelSize: d.voxelSize,
                                    to: project.path(dataName), mode: mode)
                try MRCWriter.write(try TileCodec.decode(weights), nx: Int(w.nx), ny: Int(w.ny), nz: Int(w.nz),
                                    voxelSize: w.voxelSize, to: project.path(weightName), mode: mode)
            }
        }
        return done.result.summaryJSON
    }

    static func createParent(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
    }

    func items(summary: String) -> Int { ((try? JSON.object(summary))?["particles"] as? [Any])?.count ?? 0 }

    func finish(_ job: JobRecord, tasks: [CatalogStore.StoredTask], project: ProjectDirectory) throws -> [JobOutput] {
        defer { cache.forget(job.id) }
        let extract = try extractJob(job, project: project)
        var records: [ExtractJob.Record] = []
        for t in tasks {
            for e in try JSON.object(t.summary ?? "{}")["particles"] as? [[String: Any]] ?? [] {
                guard let i = (e["index"] as? NSNumber)?.intValue else { continue }
                records.append(Self.record(extract, index: i, entry: e))
            }
        }
        try extract.finish(records)
        let dir = extract.outputDirectory
        return [JobOutput(nodePath: dir + "/particles.star", nodeType: NodeType.extractParticles),
                JobOutput(nodePath: dir + "/optimisation_set.star", nodeType: NodeType.extractOptimisationSet)]
    }

    /// The output row of particle `i`, as `ExtractJob.extract(indices:)` makes it.
    static func record(_ job: ExtractJob, index i: Int, entry e: [String: Any]) -> ExtractJob.Record {
        if e["dropped"] != nil { return ExtractJob.Record.make(index: i, particle: nil, ctfImage: nil) }
        var p = job.particles.particles[i]
        var ctfImage: String?
        if job.options.stack2D {
            p.imageName = job.outputName(p, suffix: "_stack2d.mrcs")
            p.visibleFrames = ((e["visible"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
        } else {
            p.imageName = job.outputName(p, suffix: "_data.mrc")
            p.visibleFrames = nil
            ctfImage = job.outputName(p, suffix: "_weights.mrc")
        }
        if job.options.applyOffsets, let tomo = job.tomograms[p.tomoName] {
            let pos = p.pose.position(tomogramSize: tomo.size, pixelSize: tomo.tiltSeriesPixelSize)
            p.pose.centeredPositionAngst = ParticleCoordinates.centeredAngst(decenteredPixels: pos, tomogramSize: tomo.size,
                                                                           pixelSize: tomo.tiltSeriesPixelSize)
            p.pose.originAngst = .zero
        }
        return ExtractJob.Record.make(index: i, particle: p, ctfImage: ctfImage)
    }
}
