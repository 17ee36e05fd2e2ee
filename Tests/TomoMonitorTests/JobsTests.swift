import Foundation
import Testing
import TomoMonitor
import TomoTransport
import TomoWire

/// Moves a socket to the thread that owns it from then on.
private struct SocketBox: @unchecked Sendable { let socket: ZMQSocket }

@Suite struct JobsTests {
    static let result = #"{"jobs":[{"id":5,"process":"Extract/job005/","type":"extract","status":"running","created":"2025-06-01T10:00:00Z","started":"2025-06-01T10:00:02Z","finished":null,"progress":{"done":120,"total":480}},{"id":"6","process":"Class3D/job006/","type":"class3d","status":"pending","created":"2025-06-01T10:05:00Z","progress":0}]}"#

    /// A fake catalog ROUTER answers `job.list` per docs/architecture.md; the client sends the
    /// method with its request number and the table shows both rows.
    @Test func jobsAgainstFakeCatalog() throws {
        let ctx = try ZMQContext()
        let router = try ZMQSocket(ctx, type: .router)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = router.lastEndpoint
        let box = SocketBox(socket: router)
        let seen = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var method = ""
        Thread.detachNewThread {
            guard let frames = try? box.socket.receive(timeoutMilliseconds: 5000),
                  let m = try? Message.decode(Array(frames.dropFirst())), case .request(let r) = m.body else { seen.signal(); return }
            method = r.method
            let reply = Message(.reply(.init(method: r.method, resultJSON: Self.result)), correlation: m.correlation)
            try? box.socket.send([frames[0]] + reply.encode())
            seen.signal()
        }
        let client = try CatalogClient(context: ctx, endpoint: endpoint)
        let jobs = try client.jobs()
        seen.wait()
        #expect(method == "job.list")
        #expect(jobs == [
            JobSummary(id: "5", process: "Extract/job005/", type: "extract", status: "running",
                       created: "2025-06-01T10:00:00Z", started: "2025-06-01T10:00:02Z", finished: nil, progress: 0.25),
            JobSummary(id: "6", process: "Class3D/job006/", type: "class3d", status: "pending",
                       created: "2025-06-01T10:05:00Z", progress: 0),
        ])
        #expect(TextTable.jobs(jobs) == """
            ID  PROCESS          TYPE     STATUS   PROGRESS  CREATED               STARTED               FINISHED
            5   Extract/job005/  extract  running  25%       2025-06-01T10:00:00Z  2025-06-01T10:00:02Z  -
            6   Class3D/job006/  class3d  pending  0%        2025-06-01T10:05:00Z  -                     -

            """)
    }

    /// An ERROR answer becomes an error naming the endpoint, method and code.
    @Test func errorAnswerIsReported() throws {
        let ctx = try ZMQContext()
        let router = try ZMQSocket(ctx, type: .router)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = router.lastEndpoint
        let box = SocketBox(socket: router)
        Thread.detachNewThread {
            guard let frames = try? box.socket.receive(timeoutMilliseconds: 5000),
                  let m = try? Message.decode(Array(frames.dropFirst())) else { return }
            try? box.socket.send([frames[0]] + m.errorReply(.notFound, "no method job.list").encode())
        }
        let client = try CatalogClient(context: ctx, endpoint: endpoint)
        #expect { try client.jobs() } throws: { e in
            let text = "\(e)"
            return text.contains(endpoint) && text.contains("job.list") && text.contains("404")
        }
    }

    @Test func malformedListIsRefused() {
        #expect(throws: MonitorError.self) { try JobSummary.parseList(#"{"rows":[]}"#) }
    }

    @Test func noAnswerTimesOut() throws {
        let ctx = try ZMQContext()
        let router = try ZMQSocket(ctx, type: .router)
        try router.bind("tcp://127.0.0.1:*")
        let client = try CatalogClient(context: ctx, endpoint: router.lastEndpoint)
        #expect { try client.jobs(timeoutMilliseconds: 100) } throws: { "\($0)".contains("within 100 ms") }
    }
}
