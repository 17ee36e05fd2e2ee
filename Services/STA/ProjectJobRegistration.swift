import Foundation
import TomoProject

/// Registers an in-process job (`sta class3d`, `sta select`) in the project like the catalog's
/// jobs: the next number of the project's job counter (`.sta/ledger.sqlite`, shared with a
/// running catalog through SQLite's WAL and its write lock, so numbers never collide),
/// `<Type>/jobNNN/` with `job.star` and `note.txt`, the exit marker and `default_pipeline.star`.
struct ProjectJobRegistration {
    /// The project.
    let project: ProjectDirectory
    /// The registered job.
    let job: JobRecord

    /// Whether `output` (project-relative) asks for a registered job: absent, or inside
    /// `<directory>/jobNNN/`.
    static func wantsJob(output: String?, directory: String) -> Bool {
        guard let output else { return true }
        let parts = output.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count >= 2 && parts[0] == directory && parts[1].hasPrefix("job")
            && Int(parts[1].dropFirst(3)) != nil
    }

    /// `output` moved into the job's own directory: `Class3D/job013/run` → `Class3D/job021/run`,
    /// keeping what follows the job directory (`leaf` when nothing does).
    func output(replacing output: String?, leaf: String) -> String {
        let rest = output.map { o in o.split(separator: "/", omittingEmptySubsequences: true).dropFirst(2).joined(separator: "/") } ?? ""
        let dir = job.processName
        return dir + (rest.isEmpty ? leaf : rest)
    }

    /// Registers a job of `type` in the project at `root` and marks it running.
    init(type: JobType, root: String, parameters: [String: String], inputs: [String]) throws {
        project = try ProjectDirectory(root: root)
        let command = CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        let created = try project.createJob(type: type, parameters: parameters, commandLine: command,
                                            inputs: inputs.map { JobInput(nodePath: $0) })
        job = try project.start(created.id)
    }

    /// Adds output nodes as they are written.
    func add(_ outputs: [JobOutput]) throws { try project.addOutputs(outputs, to: job.id) }

    /// Ends the job: succeeded, or failed with `error`.
    func finish(error: (any Error)?) {
        if let error { _ = try? project.fail(job.id, error: "\(error)") } else { _ = try? project.succeed(job.id) }
    }
}
