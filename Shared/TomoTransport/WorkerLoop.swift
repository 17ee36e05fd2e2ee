import Foundation
import TomoWire

/// A worker's socket shell: one DEALER socket, owned by one dedicated thread, connected to a
/// coordinator, speaking STAW (docs/protocol.md): READY with its credit, then TASK → RESULT,
/// HEARTBEAT both ways (with lease renewals for the tasks it holds), DISCONNECT on the way out.
///
/// Tasks run on a pool of `credit` compute threads, never on the socket's thread, so heartbeats
/// continue while a task computes for minutes. A compute thread hands its RESULT back through
/// an `inproc://` PUSH → PULL pair, which also wakes the socket thread at once.
///
/// When the coordinator falls silent for `interval × liveness` the worker closes its socket and
/// reconnects with back-off (`HeartbeatStateMachine`, `.reconnect` policy); on DISCONNECT from
/// the coordinator it reconnects at once on a new socket. Either way it announces itself with a
/// fresh READY; results computed meanwhile are sent after the reconnect (idempotent by key).
///
/// Graceful stop (SIGTERM): a HEARTBEAT with credit 0 asks for no more work, tasks not yet
/// started are dropped, running ones may finish within `drainTimeout` and their RESULTs are
/// sent; then DISCONNECT hands back whatever is still held (the coordinator re-queues it at once
/// without counting a kill).
public final class WorkerLoop: Sendable {
    /// One task as the handler sees it.
    public struct TaskInput: Sendable {
        /// (job, iteration, task).
        public var key: TaskKey
        /// The dispatch number.
        public var attempt: UInt32
        /// The TASK body's operation.
        public var operation: String
        /// The TASK body's JSON parameters.
        public var parametersJSON: String
        /// Input tiles and tables.
        public var payloads: [Payload]
        /// The TASK's correlation fields, echoed unchanged in the RESULT.
        public var correlation: Correlation
    }

    /// What a handler returns (a thrown error becomes a retryable failure with its description).
    public struct TaskOutput: Sendable {
        /// How the task ended.
        public var status: Message.TaskResult.Status
        /// Scores or the failure reason, one JSON object.
        public var summaryJSON: String
        /// Output tiles and tables.
        public var payloads: [Payload]

        /// An outcome.
        public init(status: Message.TaskResult.Status = .succeeded, summaryJSON: String = "{}",
                    payloads: [Payload] = []) {
            self.status = status
            self.summaryJSON = summaryJSON
            self.payloads = payloads
        }
    }

    /// Runs one task on a compute thread.
    public typealias Handler = @Sendable (TaskInput) throws -> TaskOutput

    /// Who the worker is and how it behaves.
    public struct Configuration: Sendable {
        /// The service pool it joins (`"extractor"`, …), sent in READY.
        public var service: String
        /// Its name for logs and events, sent in READY.
        public var name: String
        /// Tasks in flight at once (also the number of compute threads).
        public var credit: Int
        /// Capability words sent in READY.
        public var capabilities: [String]
        /// Heartbeat interval and liveness of the coordinator link, and the reconnect back-off
        /// (default 1 s × 3; back-off 250 ms doubling to 8 s, ±20 % random jitter, docs/protocol.md
        /// §9.4).
        public var heartbeat: HeartbeatStateMachine<Int>.Configuration
        /// Longest wait in `zmq_poll` (default 50 ms; results wake the loop at once anyway).
        public var pollMilliseconds: Int
        /// How long a graceful stop waits for running tasks before handing them back (default 10 s).
        public var drainTimeout: Duration
        /// Limits checked on every inbound message.
        public var limits: WireLimits
        /// CURVE client settings applied to every (re)connected socket (`.off`: none).
        public var security: CurveSecurity

        /// - Precondition: `credit >= 1`.
        public init(service: String = "worker", name: String = "worker", credit: Int = 1, capabilities: [String] = [],
                    heartbeat: HeartbeatStateMachine<Int>.Configuration = .init(reconnectInitial: .milliseconds(250),
                                                                                 reconnectMax: .seconds(8),
                                                                                 reconnectJitter: 0.2),
                    pollMilliseconds: Int = 50, drainTimeout: Duration = .seconds(10),
                    limits: WireLimits = .protocolDefault, security: CurveSecurity = .off) {
            precondition(credit >= 1, "a worker needs credit >= 1")
            self.service = service
            self.name = name
            self.credit = credit
            self.capabilities = capabilities
            self.heartbeat = heartbeat
            self.pollMilliseconds = pollMilliseconds
            self.drainTimeout = drainTimeout
            self.limits = limits
            self.security = security
        }
    }

    /// How the loop ends.
    public enum StopMode: Sendable {
        /// SIGTERM: take no more work, finish running tasks within the drain bound, hand the
        /// rest back (DISCONNECT).
        case graceful
        /// Simulated crash: stop at once; nothing more is sent (not even running tasks' results).
        case kill
    }

    struct Control: Sendable {
        var stop: StopMode?
        var processed = 0
        var connections = 0
    }

    let control = Locked(Control())
    private let finished = Latch<Int>()

    /// Connects a DEALER to `endpoint` on a new owner thread and starts working.
    public init(context: ZMQContext, connectTo endpoint: String, configuration: Configuration,
                clock: any TransportClock = SystemTransportClock(), handler: @escaping Handler) {
        let control = self.control
        let finished = self.finished
        startOwnerThread(name: "worker \(configuration.name)") {
            var engine = WorkerEngine(context: context, endpoint: endpoint, configuration: configuration,
                                      clock: clock, control: control, handler: handler)
            finished.fulfil(engine.run())
        }
    }

    /// How many RESULTs (of any status) this worker has sent.
    public var processed: Int { control.withLock { $0.processed } }

    /// How many times it has connected (1 + reconnects).
    public var connections: Int { control.withLock { $0.connections } }

    /// Asks the loop to stop at once, sending nothing more (returns without waiting).
    public func kill() { control.withLock { if $0.stop == nil { $0.stop = .kill } } }

    /// Asks the loop to stop (returns without waiting).
    public func requestStop(_ mode: StopMode = .graceful) { control.withLock { if $0.stop == nil { $0.stop = mode } } }

    /// Stops the loop and waits until its socket is closed; returns the number of results sent.
    @discardableResult
    public func stop(_ mode: StopMode = .graceful) -> Int {
        requestStop(mode)
        return finished.wait()!
    }

    /// Blocks until the loop has ended (after `requestStop`, or a signal); returns results sent.
    @discardableResult
    public func waitUntilStopped() -> Int { finished.wait()! }
}
