import Foundation
import Synchronization
import TomoSTAR

/// A RELION-layout project directory kept in step with the job ledger.
///
/// Layout (what RELION 5's GUI reads):
/// ```
/// <root>/default_pipeline.star        regenerated from the ledger after every change
/// <root>/<Type>/jobNNN/job.star       job type and options
/// <root>/<Type>/jobNNN/note.txt       the command line
/// <root>/<Type>/jobNNN/RELION_JOB_EXIT_SUCCESS | _FAILURE | _ABORTED   exit marker (empty file)
/// <root>/.sta/ledger.sqlite           the ledger (the source of truth; hidden from RELION)
/// ```
/// Every change goes to the ledger first (one transaction), then to the files, each written
/// atomically. If a process dies between the two, ``syncFiles()`` (also run on open) rewrites the
/// markers and the pipeline from the ledger. Paths stored in the ledger and pipeline are relative
/// to `root`, as RELION's are.
public final class ProjectDirectory: Sendable {
    /// Absolute, standardised project root.
    public let root: String
    /// The job ledger.
    public let ledger: JobLedger
    private let pipelineLock = Mutex(())

    /// The ledger's path relative to the root.
    public static let ledgerRelativePath = ".sta/ledger.sqlite"
    /// RELION's exit marker file names, by final status.
    public static let exitMarkers: [JobStatus: String] = [
        .succeeded: "RELION_JOB_EXIT_SUCCESS", .failed: "RELION_JOB_EXIT_FAILURE", .cancelled: "RELION_JOB_EXIT_ABORTED",
    ]

    /// Opens (creating if needed) the project at `root`. A new ledger in a directory that already
    /// has a `default_pipeline.star` continues its job counter, so numbers never collide.
    ///
    /// - Throws: ``ProjectError``.
    public init(root: String, now: @escaping @Sendable () -> Date = { Date() }) throws(ProjectError) {
        let abs = URL(fileURLWithPath: root).standardizedFileURL.path
        self.root = abs
        do { try FileManager.default.createDirectory(atPath: abs, withIntermediateDirectories: true) } catch {
            throw .file(path: abs, message: "cannot create the project directory: \(error)")
        }
        do {
            ledger = try JobLedger(path: abs + "/" + Self.ledgerRelativePath, now: now)
            if try ledger.jobs().isEmpty, let doc = try? StarDocument.read(path: abs + "/default_pipeline.star"),
               let counter = (try? doc["pipeline_general"]?.ints("rlnPipeLineJobCounter"))?.first {
                try ledger.raiseCounter(to: counter)
            }
        } catch { throw .ledger(error) }
        try syncFiles()
    }

    /// `<root>/default_pipeline.star`.
    public var pipelinePath: String { root + "/default_pipeline.star" }

    /// The absolute path of a project-relative path.
    public func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : root + "/" + relative
    }

    /// The absolute directory of `job` (`<root>/Extract/job002`).
    public func directory(of job: JobRecord) -> String {
        root + "/" + job.directory + "/" + job.jobName
    }

    // MARK: - Jobs

    /// Registers a pending job and creates `<Type>/jobNNN/` with `job.star` and `note.txt`.
    ///
    /// - Throws: ``ProjectError`` (the job stays registered if only the files failed; rerun
    ///   ``syncFiles()``).
    @discardableResult
    public func createJob(type: JobType, alias: String? = nil, parameters: [String: String] = [:],
                          commandLine: String = "", inputs: [JobInput] = [],
                          outputs: [JobOutput] = []) throws(ProjectError) -> JobRecord {
        let job: JobRecord
        do {
            job = try ledger.createJob(type: type, alias: alias, parameters: parameters, commandLine: commandLine,
                                       inputs: inputs, outputs: outputs)
        } catch { throw .ledger(error) }
        try writeJobFiles(job)
        try writePipeline()
        return job
    }

    /// pending → running: clears any exit marker and updates the pipeline.
    @discardableResult
    public func start(_ id: Int) throws(ProjectError) -> JobRecord {
        try apply { () throws(LedgerError) in try ledger.start(id) }
    }

    /// running → succeeded with `outputs`: writes `RELION_JOB_EXIT_SUCCESS`.
    @discardableResult
    public func succeed(_ id: Int, outputs: [JobOutput] = []) throws(ProjectError) -> JobRecord {
        try apply { () throws(LedgerError) in try ledger.succeed(id, outputs: outputs) }
    }

    /// running → failed: writes `RELION_JOB_EXIT_FAILURE` (holding `error`).
    @discardableResult
    public func fail(_ id: Int, error: String) throws(ProjectError) -> JobRecord {
        try apply { () throws(LedgerError) in try ledger.fail(id, error: error) }
    }

    /// pending|running → cancelled: writes `RELION_JOB_EXIT_ABORTED`.
    @discardableResult
    public func cancel(_ id: Int, reason: String? = nil) throws(ProjectError) -> JobRecord {
        try apply { () throws(LedgerError) in try ledger.cancel(id, reason: reason) }
    }

    /// Adds outputs to a running job and updates the pipeline.
    public func addOutputs(_ outputs: [JobOutput], to id: Int) throws(ProjectError) {
        do { try ledger.addOutputs(outputs, to: id) } catch { throw .ledger(error) }
        try writePipeline()
    }

    // MARK: - Files from the ledger

    /// Rewrites every job's exit marker and `default_pipeline.star` from the ledger (crash recovery).
    public func syncFiles() throws(ProjectError) {
        let jobs: [JobRecord]
        do { jobs = try ledger.jobs() } catch { throw .ledger(error) }
        for job in jobs where FileManager.default.fileExists(atPath: directory(of: job)) {
            try writeMarker(job)
        }
        try writePipeline()
    }

    /// `default_pipeline.star` as the ledger stands now.
    public func pipelineDocument() throws(ProjectError) -> StarDocument {
        do { return try ledger.snapshot().document } catch { throw .ledger(error) }
    }

    /// Regenerates `default_pipeline.star` atomically. Calls are serialised, and each takes its
    /// snapshot inside the lock, so a later change is never overwritten by an earlier one.
    public func writePipeline() throws(ProjectError) {
        let result: Result<Void, ProjectError> = pipelineLock.withLock { _ in
            do {
                let doc = try ledger.snapshot().document
                try doc.write(to: pipelinePath)
                return .success(())
            } catch let e as LedgerError {
                return .failure(.ledger(e))
            } catch {
                return .failure(.file(path: pipelinePath, message: "\(error)"))
            }
        }
        try result.get()
    }

    private func apply(_ change: () throws(LedgerError) -> JobRecord) throws(ProjectError) -> JobRecord {
        let job: JobRecord
        do { job = try change() } catch { throw .ledger(error) }
        try makeDirectory(directory(of: job))
        try writeMarker(job)
        try writePipeline()
        return job
    }

    private func writeJobFiles(_ job: JobRecord) throws(ProjectError) {
        let dir = directory(of: job)
        try makeDirectory(dir)
        do { try JobStarFile.document(for: job).write(to: dir + "/job.star") } catch {
            throw .file(path: dir + "/job.star", message: "\(error)")
        }
        try ProjectFiles.write(Self.note(for: job), to: dir + "/note.txt")
    }

    /// Leaves exactly the marker of `job`'s status (none while pending or running).
    private func writeMarker(_ job: JobRecord) throws(ProjectError) {
        let dir = directory(of: job)
        for (status, name) in Self.exitMarkers where status != job.status { ProjectFiles.remove(dir + "/" + name) }
        if let name = Self.exitMarkers[job.status] {
            try ProjectFiles.write(job.errorMessage.map { $0 + "\n" } ?? "", to: dir + "/" + name)
        }
    }

    private func makeDirectory(_ dir: String) throws(ProjectError) {
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw .file(path: dir, message: "cannot create the job directory: \(error)")
        }
    }

    /// `note.txt` as RELION writes it: the time and the command.
    static func note(for job: JobRecord) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE MMM d HH:mm:ss yyyy"
        return " ++++ Executing new job on \(f.string(from: job.createdAt))\n"
            + " ++++ with the following command(s): \n\(job.commandLine)\n ++++ \n"
    }
}
