import Foundation
import Synchronization
import TomoTransport
import TomoWire

/// Publishes one in-process job's events to the bus, as the catalog does for its jobs, so
/// `monitor follow JOB` draws them: `job.<id>.state` (`{"state":"running"}`), `job.<id>.progress`
/// (`{"stage":"iteration 3","done":120,"total":480}`) and `job.<id>.iteration` (the body of
/// `EventPayload.Iteration`: `iteration`, `resolution_a`, `change_orientation_deg`,
/// `change_offset_a`, `change_classes`, `class_distribution`). Resolution and offsets in Å,
/// angles in degrees. Publishing never blocks; with no bus listening the events are dropped.
public final class JobEventPublisher: Sendable {
    /// The job id in the topics.
    public let job: Int
    /// The bus endpoint (the monitor's XSUB side).
    public let endpoint: String
    private let context: ZMQContext
    private let publisher: EventPublisher
    private let lastProgress = Mutex<(done: Int, at: Date)>((-1, .distantPast))

    /// Connects to `endpoint` for job `job`.
    public init(job: Int, endpoint: String) throws {
        self.job = job
        self.endpoint = endpoint
        context = try ZMQContext()
        publisher = EventPublisher(context: context, connectTo: endpoint)
    }

    /// The bus endpoint for a job of `project`: `explicit` (`--events`), else the running local
    /// cluster's (`.sta/cluster.json` with a live monitor), else nil (no events).
    public static func endpoint(explicit: String?, project: URL) -> String? {
        if let e = explicit, !e.isEmpty { return e }
        guard let s = try? LocalCluster.status(project: project, busTimeout: .milliseconds(300)),
              s.processes.contains(where: { $0.name == "monitor" && $0.running }) else { return nil }
        return s.cluster.endpoints.events
    }

    /// Publishes `job.<id>.state`.
    public func state(_ state: String, message: String? = nil) {
        var body: [String: Any] = ["state": state]
        if let message { body["message"] = message }
        publish("state", body)
    }

    /// Publishes `job.<id>.progress`, at most every `minimumInterval` seconds except for the
    /// first and last count of a stage.
    public func progress(stage: String, done: Int, total: Int, minimumInterval: Double = 0.2) {
        let now = Date()
        let send = lastProgress.withLock { last -> Bool in
            guard done == total || done < last.done || now.timeIntervalSince(last.at) >= minimumInterval else { return false }
            last = (done, now)
            return true
        }
        if send { publish("progress", ["stage": stage, "done": done, "total": total]) }
    }

    /// Publishes `job.<id>.iteration`.
    public func iteration(_ iteration: Int, resolutionA: Double, changeOrientationDeg: Double, changeOffsetA: Double,
                          changeClasses: Double, classDistribution: [Double]) {
        func finite(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
        publish("iteration", ["iteration": iteration, "resolution_a": finite(resolutionA),
                              "change_orientation_deg": finite(changeOrientationDeg),
                              "change_offset_a": finite(changeOffsetA), "change_classes": finite(changeClasses),
                              "class_distribution": classDistribution.map(finite)], iteration: iteration)
    }

    /// Publishes `job.<id>.classes` with a body already encoded as JSON (the class maps' central
    /// sections, docs/protocol.md §5.6).
    public func classes(_ iteration: Int, json: String) {
        publisher.publish(topic: "job.\(job).classes", json: json, jobID: UInt64(max(0, job)),
                          iteration: UInt32(max(0, iteration)))
    }

    /// Sends what is queued (waiting at most `timeout`) and closes the socket.
    public func close(timeout: Duration = .seconds(2)) {
        _ = publisher.flush(timeout: timeout)
        publisher.close()
    }

    private func publish(_ facet: String, _ body: [String: Any], iteration: Int = 0) {
        guard let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
              let json = String(data: data, encoding: .utf8) else { return }
        publisher.publish(topic: "job.\(job).\(facet)", json: json, jobID: UInt64(max(0, job)),
                          iteration: UInt32(max(0, iteration)))
    }
}
