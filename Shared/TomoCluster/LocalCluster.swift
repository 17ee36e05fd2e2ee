import Foundation
import TomoTransport

/// The embedded default cluster (docs/architecture.md): the monitor, the catalog and one worker of
/// each kind whose executable sits next to `sta`, started as background processes on `ipc://`
/// endpoints under `<project>/.sta/`, recorded in `<project>/.sta/cluster.json`.
///
/// The services and their flags follow the common flags of docs/architecture.md; an executable
/// that is not there is reported as missing and skipped.
public enum LocalCluster {
    /// A service the cluster may start: its executable name and its arguments for `endpoints`.
    public struct Service: Sendable {
        /// The executable's file name.
        public var name: String
        /// The arguments, given the project and endpoints.
        public var arguments: @Sendable (_ project: String, _ endpoints: ClusterFile.Endpoints) -> [String]
    }

    /// Where the monitor draws every job's class sections and convergence per iteration
    /// (`monitor serve --pictures`), relative to the project.
    public static let picturesDirectory = "Monitor"

    /// The services in start order: the bus first (everyone publishes to it), then the catalog
    /// (workers connect to it), the classifier (aligners connect to it), then the workers. The
    /// flags are those of docs/configuration.md: the monitor's `serve --xsub --xpub`, the
    /// catalog's `--project --bind`, the classifier's `--bind`, the aligner's `--classifier` (and
    /// `--credit` = the CPUs, so its one aligner computes as many batches at once as
    /// `sta class3d --in_process` would), and the common `--catalog --events --name`.
    public static let services: [Service] = [
        Service(name: "monitor") { p, e in
            ["serve", "--xsub", e.events, "--xpub", e.subscribe, "--pictures", p + "/" + picturesDirectory]
        },
        Service(name: "catalog") { p, e in ["--project", p, "--bind", e.catalog, "--events", e.events] },
        Service(name: "classifier") { _, e in
            ["--catalog", e.catalog, "--bind", e.classifier, "--events", e.events, "--name", "classifier-1"]
        },
        Service(name: "extractor") { _, e in ["--catalog", e.catalog, "--events", e.events, "--name", "extractor-1"] },
        Service(name: "reconstructor") { _, e in
            ["--catalog", e.catalog, "--events", e.events, "--name", "reconstructor-1"]
        },
        Service(name: "aligner") { _, e in
            ["--catalog", e.catalog, "--classifier", e.classifier, "--events", e.events, "--name", "aligner-1",
             "--credit", "\(ProcessInfo.processInfo.activeProcessorCount)"]
        },
    ]

    /// What `up` did.
    public struct UpReport: Sendable {
        /// The cluster file written.
        public var cluster: ClusterFile
        /// Services whose executables were not found (not started).
        public var missing: [String]
    }

    /// The status of one process of the cluster.
    public struct ProcessStatus: Sendable, Hashable {
        /// The service name.
        public var name: String
        /// Its process id.
        public var pid: Int32
        /// Whether it is running.
        public var running: Bool
    }

    /// The `ipc://` endpoints under `<project>/.sta/`.
    /// - Throws: `ClusterError` when a socket path would exceed the 107-byte limit of Unix sockets.
    public static func endpoints(project: URL) throws(ClusterError) -> ClusterFile.Endpoints {
        let dir = ClusterFile.directory(project: project).path
        func ipc(_ name: String) throws(ClusterError) -> String {
            let path = dir + "/" + name + ".ipc"
            guard path.utf8.count <= 107 else {
                throw ClusterError("the socket path \(path) is longer than the 107 bytes a Unix socket allows; use a shorter project path")
            }
            return "ipc://" + path
        }
        return ClusterFile.Endpoints(events: try ipc("events"), subscribe: try ipc("bus"),
                                     catalog: try ipc("catalog"), classifier: try ipc("classifier"))
    }

    /// The directory of the running executable (where `sta` finds its sibling services).
    public static var executableDirectory: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
    }

    /// Starts the cluster of `project` from the executables in `executables`.
    /// - Throws: `ClusterError` when a cluster is already running there, the project cannot be
    ///   written, a process cannot be started, or the bus does not answer within `busTimeout`.
    public static func up(project: URL, executables: URL = executableDirectory,
                          busTimeout: Duration = .seconds(5)) throws(ClusterError) -> UpReport {
        let project = project.standardizedFileURL
        if let existing = try ClusterFile.read(project: project),
           existing.processes.contains(where: { ProcessControl.isRunning(pid: $0.pid, executable: $0.executable) }) {
            throw ClusterError("a local cluster is already running for \(project.path) (see \(ClusterFile.path(project: project).path)); run `sta down` first")
        }
        let dir = ClusterFile.directory(project: project)
        let logs = dir.appendingPathComponent("logs", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        } catch {
            throw ClusterError("cannot create \(logs.path): \(error)")
        }
        let endpoints = try endpoints(project: project)
        var file = ClusterFile(project: project.path, started: Date().ISO8601Format(), endpoints: endpoints, processes: [])
        var missing: [String] = []
        for service in services {
            let exe = executables.appendingPathComponent(service.name)
            guard FileManager.default.isExecutableFile(atPath: exe.path) else {
                missing.append(service.name)
                continue
            }
            let args = service.arguments(project.path, endpoints)
            let log = logs.appendingPathComponent("\(service.name).log")
            let pid: Int32
            do {
                pid = try spawn(exe, args, log: log)
            } catch {
                try? file.write()
                throw ClusterError("cannot start \(exe.path): \(error)")
            }
            file.processes.append(.init(name: service.name, executable: exe.path, arguments: args, pid: pid, log: log.path))
            try file.write()
            if service.name == "monitor", !pingBus(endpoints.subscribe, timeout: busTimeout) {
                throw ClusterError("the monitor (pid \(pid)) did not answer on \(endpoints.subscribe) within \(busTimeout); see \(log.path)")
            }
        }
        return UpReport(cluster: file, missing: missing)
    }

    /// Each process of the cluster and whether it runs, and whether the bus answers a ping; nil
    /// when no cluster file exists.
    public static func status(project: URL, busTimeout: Duration = .seconds(1)) throws(ClusterError)
        -> (cluster: ClusterFile, processes: [ProcessStatus], busAnswers: Bool)? {
        guard let file = try ClusterFile.read(project: project.standardizedFileURL) else { return nil }
        let processes = file.processes.map {
            ProcessStatus(name: $0.name, pid: $0.pid, running: ProcessControl.isRunning(pid: $0.pid, executable: $0.executable))
        }
        let busAnswers = processes.contains { $0.name == "monitor" && $0.running }
            && pingBus(file.endpoints.subscribe, timeout: busTimeout)
        return (file, processes, busAnswers)
    }

    /// Stops the cluster: SIGTERM to every process (workers first), waits up to `timeout`, then
    /// SIGKILL to any still running; removes `cluster.json` and leftover ipc socket files. Returns the names of the processes
    /// that had to be killed; nil when no cluster file exists.
    public static func down(project: URL, timeout: Duration = .seconds(5)) throws(ClusterError) -> [String]? {
        let project = project.standardizedFileURL
        guard let file = try ClusterFile.read(project: project) else { return nil }
        let running = file.processes.reversed().filter { ProcessControl.isRunning(pid: $0.pid, executable: $0.executable) }
        for p in running { ProcessControl.send(SIGTERM, to: p.pid) }
        let stubborn = ProcessControl.waitForExit(running, timeout: timeout)
        for p in stubborn { ProcessControl.send(SIGKILL, to: p.pid) }
        let left = ProcessControl.waitForExit(stubborn, timeout: .seconds(2))
        guard left.isEmpty else {
            throw ClusterError("processes \(left.map { "\($0.name) (pid \($0.pid))" }.joined(separator: ", ")) survived SIGKILL; \(ClusterFile.path(project: project).path) kept")
        }
        try? FileManager.default.removeItem(at: ClusterFile.path(project: project))
        for e in [file.endpoints.events, file.endpoints.subscribe, file.endpoints.catalog, file.endpoints.classifier]
        where e.hasPrefix("ipc://") {
            try? FileManager.default.removeItem(atPath: String(e.dropFirst("ipc://".count)))   // sockets left behind
        }
        return stubborn.map(\.name)
    }

    /// The cluster of `project`, started if none runs (what job commands call when no cluster is
    /// configured).
    public static func ensureRunning(project: URL, executables: URL = executableDirectory) throws(ClusterError) -> ClusterFile {
        if let s = try status(project: project), s.busAnswers, s.processes.allSatisfy(\.running) { return s.cluster }
        _ = try? down(project: project)
        return try up(project: project, executables: executables).cluster
    }

    /// Whether a bus answers on its subscriber endpoint: subscribes to the monitor's own liveness
    /// topic, which the last-value cache answers at once.
    public static func pingBus(_ endpoint: String, timeout: Duration) -> Bool {
        guard let context = try? ZMQContext(),
              let sub = try? EventSubscriber(context: context, connectTo: endpoint, topics: ["service.monitor.liveness"])
        else { return false }
        let ms = Int(timeout / .milliseconds(1))
        return (try? sub.next(timeoutMilliseconds: ms)) != nil
    }

    /// Starts `executable` with `arguments` in the background, output appended to `log`.
    static func spawn(_ executable: URL, _ arguments: [String], log: URL) throws -> Int32 {
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let out = try FileHandle(forWritingTo: log)
        out.seekToEndOfFile()
        let p = Foundation.Process()
        p.executableURL = executable
        p.arguments = arguments
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p.processIdentifier
    }
}
