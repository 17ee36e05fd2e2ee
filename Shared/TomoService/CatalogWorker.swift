import Logging
import TomoTransport

/// The shell every worker (`extractor`, `reconstructor` on the catalog; `aligner` on a classifier)
/// shares: logging, the security of its DEALER, a `WorkerLoop` dispatching by operation name, the
/// health file, and a graceful stop. A worker executable only says which operations it runs and,
/// when it is not the catalog, which coordinator it connects to.
public final class CatalogWorker: Sendable {
    /// What a worker runs: handlers by operation name, extra capabilities, and what to clean up on stop.
    public struct Operations: Sendable {
        public var handlers: [String: WorkerLoop.Handler]
        public var extraCapabilities: [String]
        public var cleanup: @Sendable () -> Void
        public init(handlers: [String: WorkerLoop.Handler], extraCapabilities: [String] = [],
                    cleanup: @escaping @Sendable () -> Void = {}) {
            self.handlers = handlers
            self.extraCapabilities = extraCapabilities
            self.cleanup = cleanup
        }
    }

    public let worker: WorkerLoop
    let logger: Logger
    let health: HealthReporter
    let service: String
    let cleanup: @Sendable () -> Void

    /// Connects to `endpoint` (default `common.catalog`) as `service`; `makeOperations` gets the
    /// context and the security the DEALER uses, for clients (`tile.get`, `star.get`,
    /// `class3d.state`) that must match it.
    public init(service: String, common: ResolvedCommonOptions, endpoint: String? = nil, credit: Int, drainTimeout: Duration,
                makeOperations: (ZMQContext, CurveSecurity) throws -> Operations) throws {
        self.service = service
        let coordinator = endpoint ?? common.catalog
        logger = LogSetup.bootstrap(label: "sta.\(service)", level: common.logLevel)
        let context = try ZMQContext()
        let security = try common.security(context: context).connecting(coordinator)
        let ops = try makeOperations(context, security)
        cleanup = ops.cleanup
        let handlers = ops.handlers
        let handler: WorkerLoop.Handler = { task in
            guard let run = handlers[task.operation] else {
                return .init(status: .failedPermanent, summaryJSON: "{\"reason\":\"\(service) cannot run \(task.operation)\"}")
            }
            return try run(task)
        }
        let interval = Duration.milliseconds(common.heartbeatMilliseconds)
        worker = WorkerLoop(context: context, connectTo: coordinator,
                            configuration: .init(service: service, name: common.name, credit: credit,
                                                 capabilities: handlers.keys.sorted() + ops.extraCapabilities,
                                                 heartbeat: .init(interval: interval, liveness: 3,
                                                                  reconnectInitial: .milliseconds(250),
                                                                  reconnectMax: .seconds(8), reconnectJitter: 0.2),
                                                 drainTimeout: drainTimeout, security: security),
                            handler: handler)
        let worker = self.worker
        health = HealthFile.report(service: service, directory: common.healthDirectory, interval: interval) {
            worker.connections > 0
        }
        logger.info("\(service) connecting", metadata: ["coordinator": "\(coordinator)", "name": "\(common.name)"])
    }

    /// Graceful stop: finish or hand back running tasks, stop the health file, clean up.
    public func stop(signal: Int32) {
        logger.info("signal received, draining", metadata: ["signal": "\(signal)"])
        let sent = worker.stop(.graceful)
        health.stop()
        cleanup()
        logger.info("\(service) stopped", metadata: ["results": "\(sent)"])
    }
}
