import Foundation

/// `<project>/.sta/cluster.json`: what `sta up` started, so `sta status` and `sta down` (and job
/// commands) find the local cluster again. Written atomically (temporary file, then rename).
public struct ClusterFile: Codable, Sendable, Hashable {
    /// The endpoints of the local cluster.
    public struct Endpoints: Codable, Sendable, Hashable {
        /// The monitor's XSUB endpoint, where publishers connect (`--events`).
        public var events: String
        /// The monitor's XPUB endpoint, where subscribers connect.
        public var subscribe: String
        /// The catalog's ROUTER endpoint (`--catalog`).
        public var catalog: String
        /// The classifier's ROUTER endpoint, where aligners connect.
        public var classifier: String
    }

    /// One started service process.
    public struct Process: Codable, Sendable, Hashable {
        /// The service name (`monitor`, `catalog`, `extractor`, …).
        public var name: String
        /// The executable's absolute path.
        public var executable: String
        /// The arguments it was started with.
        public var arguments: [String]
        /// Its process id.
        public var pid: Int32
        /// Where its standard output and error go.
        public var log: String
    }

    /// The project directory (absolute).
    public var project: String
    /// When the cluster was started (ISO 8601, UTC).
    public var started: String
    /// The endpoints.
    public var endpoints: Endpoints
    /// The processes, in start order.
    public var processes: [Process]

    /// The `.sta` directory of `project`.
    public static func directory(project: URL) -> URL { project.appendingPathComponent(".sta", isDirectory: true) }

    /// The path of `cluster.json` in `project`.
    public static func path(project: URL) -> URL { directory(project: project).appendingPathComponent("cluster.json") }

    /// Reads the cluster file of `project`; nil when there is none.
    /// - Throws: `ClusterError` when it exists but cannot be read or parsed.
    public static func read(project: URL) throws(ClusterError) -> ClusterFile? {
        let url = path(project: project)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(ClusterFile.self, from: Data(contentsOf: url))
        } catch {
            throw ClusterError("\(url.path) is not a readable cluster file: \(error)")
        }
    }

    /// Writes the file atomically.
    public func write() throws(ClusterError) {
        let url = Self.path(project: URL(fileURLWithPath: project))
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try e.encode(self).write(to: url, options: .atomic)
        } catch {
            throw ClusterError("cannot write \(url.path): \(error)")
        }
    }
}

/// A failure to start, inspect or stop the local cluster; the message names the file, process or
/// endpoint and says why.
public struct ClusterError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
