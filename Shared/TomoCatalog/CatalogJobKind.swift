import Foundation
import TomoProject
import TomoTransport

/// How the catalog runs one job type: planner → tasks, a hook for each task's first RESULT
/// (write what it carries, return the summary to persist), and the reduction once every task is
/// done (write the outputs, return the output nodes). Reduction reads the persisted tasks in
/// key order, so its result does not depend on which worker ran what, or how often.
protocol CatalogJobKind: Sendable {
    /// The job type (`rlnJobTypeLabel`).
    var type: JobType { get }
    /// The capability a worker must announce to be given the tasks.
    var capability: String { get }
    /// The tasks, in key order: (operation, parameters JSON).
    func plan(_ job: JobRecord, project: ProjectDirectory) throws(CatalogError) -> [(String, String)]
    /// Validates `parameters` before the job is registered (throws what `plan` would).
    func check(_ parameters: [String: String], project: ProjectDirectory) throws(CatalogError)
    /// A task's first RESULT: writes what it carries; returns the summary to store.
    func accept(_ job: JobRecord, _ done: CoordinatorLoop.CompletedTask, project: ProjectDirectory) throws -> String
    /// The stage name in `job.<id>.progress` events (`extract`, `reconstruct`, `tilestats`).
    var stage: String { get }
    /// Particles (or items) a task covers, from its parameters (the progress total).
    func items(parameters: String) -> Int
    /// Particles (or items) a RESULT accounts for, for the progress rate.
    func items(summary: String) -> Int
    /// Reduces and writes the outputs of a job whose tasks are all done.
    func finish(_ job: JobRecord, tasks: [CatalogStore.StoredTask], project: ProjectDirectory) throws -> [JobOutput]
}

/// The job types this catalog runs.
enum CatalogJobKinds {
    static let all: [any CatalogJobKind] = [TileStatsKind(), PseudoSubtomoKind(), ReconstructParticleKind()]

    static func kind(_ label: String) -> (any CatalogJobKind)? { all.first { $0.type.label == label } }

    static var labels: String { all.map(\.type.label).joined(separator: ", ") }
}

/// `sta.tilestats` (the generic backbone example): one task per tile; `stats.star`.
struct TileStatsKind: CatalogJobKind {
    var type: JobType { .tileStats }
    var capability: String { TileStatsOperation.name }

    func plan(_ job: JobRecord, project: ProjectDirectory) throws(CatalogError) -> [(String, String)] {
        let tiles = try TileStatsPlan.tiles(parameters: job.parameters, root: project.root)
        let delay = job.parameters["delay_ms"].flatMap { Int($0) } ?? 0
        return tiles.map { t in
            var o = t.jsonObject
            if delay > 0 { o["delay_ms"] = delay }
            return (TileStatsOperation.name, JSON.string(o))
        }
    }

    func check(_ parameters: [String: String], project: ProjectDirectory) throws(CatalogError) {
        _ = try TileStatsPlan.tiles(parameters: parameters, root: project.root)
    }

    func accept(_ job: JobRecord, _ done: CoordinatorLoop.CompletedTask, project: ProjectDirectory) throws -> String {
        done.result.summaryJSON
    }

    var stage: String { "tilestats" }
    func items(parameters: String) -> Int { 1 }
    func items(summary: String) -> Int { 1 }

    func finish(_ job: JobRecord, tasks: [CatalogStore.StoredTask], project: ProjectDirectory) throws -> [JobOutput] {
        var rows: [TileStatsReport.Row] = []
        for t in tasks {
            rows.append(.init(task: t.key.task, tile: try TileRequest(json: try JSON.object(t.parameters)),
                              stats: try TileStats(json: t.summary ?? ""), attempt: t.attempt, worker: t.worker ?? "-"))
        }
        let relative = "\(job.directory)/\(job.jobName)/stats.star"
        try TileStatsReport.document(rows).write(to: project.path(relative))
        return [JobOutput(nodePath: relative, nodeType: "ProcessData.star.sta.tilestats")]
    }
}
