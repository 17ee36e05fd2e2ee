import Logging
import TomoCatalog
import TomoService
import TomoTransport

/// Wires a `WorkerLoop` to the catalog with the operations this worker knows.
///
/// Operations: `tilestats` (`TileStatsOperation`) and `pseudosubtomo` (`PseudoSubtomoOperation`,
/// "Extract subtomos": tilt-image windows fetched from the catalog with `tile.get`, stacks
/// returned as tiles; the worker touches no project file).
final class ExtractorService: Sendable {
    let worker: WorkerLoop
    let logger: Logger
    let health: HealthReporter
    let inputs: StageWorkerInputs

    init(configuration c: ExtractorConfiguration) throws {
        logger = LogSetup.bootstrap(label: "sta.extractor", level: c.common.logLevel)
        let context = try ZMQContext()
        let security = try c.common.security(context: context).connecting(c.common.catalog)
        let tileStats = TileStatsOperation.handler(context: context, catalog: c.common.catalog, security: security)
        let inputs = StageWorkerInputs(context: context, catalog: c.common.catalog, security: security)
        self.inputs = inputs
        let extract = PseudoSubtomoOperation.handler(inputs: inputs)
        let handler: WorkerLoop.Handler = { task in
            switch task.operation {
            case TileStatsOperation.name: return try tileStats(task)
            case PseudoSubtomoOperation.name: return try extract(task)
            default:
                return .init(status: .failedPermanent, summaryJSON: "{\"reason\":\"extractor cannot run \(task.operation)\"}")
            }
        }
        let interval = Duration.milliseconds(c.common.heartbeatMilliseconds)
        worker = WorkerLoop(context: context, connectTo: c.common.catalog,
                            configuration: .init(service: "extractor", name: c.common.name, credit: c.credit,
                                                 capabilities: [TileStatsOperation.name, PseudoSubtomoOperation.name, "float16", "shuffle+zstd"],
                                                 heartbeat: .init(interval: interval, liveness: 3,
                                                                  reconnectInitial: .milliseconds(250),
                                                                  reconnectMax: .seconds(8)),
                                                 drainTimeout: c.drainTimeout, security: security),
                            handler: handler)
        let worker = self.worker
        health = HealthFile.report(service: "extractor", directory: c.common.healthDirectory, interval: interval) {
            worker.connections > 0
        }
        logger.info("extractor connecting", metadata: ["catalog": "\(c.common.catalog)", "name": "\(c.common.name)"])
    }

    func stop(signal: Int32) {
        logger.info("signal received, draining", metadata: ["signal": "\(signal)"])
        let sent = worker.stop(.graceful)
        health.stop()
        inputs.removeCache()
        logger.info("extractor stopped", metadata: ["results": "\(sent)"])
    }
}
