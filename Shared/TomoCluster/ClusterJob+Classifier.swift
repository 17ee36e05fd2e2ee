import Foundation

extension ClusterJob {
    /// The classifier endpoint for a Class3D job of `project` (`sta class3d`), in this order: the
    /// `--classifier` flag, `STA_CLASSIFIER`, the project's running local cluster (a live
    /// `classifier` process in `.sta/cluster.json`), or the local cluster started now
    /// (`LocalCluster.ensureRunning`). `started` is true when this call started it.
    /// - Throws: `ClusterError` when the cluster cannot start, or it has no classifier (no
    ///   `classifier` executable next to `sta`: run with `--in_process`).
    public static func classifierEndpoint(explicit: String?, project: URL,
                                          environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ClusterError) -> (endpoint: String, started: Bool)
    {
        if let e = explicit, !e.isEmpty { return (e, false) }
        if let e = environment["STA_CLASSIFIER"], !e.isEmpty { return (e, false) }
        if let s = try LocalCluster.status(project: project),
           s.processes.contains(where: { $0.name == "classifier" && $0.running }) {
            return (s.cluster.endpoints.classifier, false)
        }
        let running = try LocalCluster.status(project: project).map { $0.processes.contains(where: \.running) } ?? false
        let file = try LocalCluster.ensureRunning(project: project)
        guard file.processes.contains(where: { $0.name == "classifier" }) else {
            throw ClusterError("the local cluster of \(project.path) has no classifier (no classifier executable next to sta in "
                               + "\(LocalCluster.executableDirectory.path), or a cluster started before it was built: `sta down`); "
                               + "run with --in_process")
        }
        return (file.endpoints.classifier, !running)
    }
}
