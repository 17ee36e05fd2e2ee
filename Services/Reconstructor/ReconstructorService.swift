import Logging
import TomoCatalog
import TomoService
import TomoTransport

/// Wires a `WorkerLoop` to the catalog with the `reconstructparticletomo` operation
/// (`ReconstructParticleOperation`): STAR tables and tilt-image windows come from the catalog,
/// partial sums go back in the RESULT; nothing is read from or written to the project.
final class ReconstructorService: Sendable {
    let worker: WorkerLoop
    let logger: Logger
    let health: HealthReporter
    let inputs: StageWorkerInputs

    init(configuration c: ReconstructorConfiguration) throws {
        logger = LogSetup.bootstrap(label: "sta.reconstructor", level: c.common.logLevel)
        let context = try ZMQContext()
        let security = try c.common.security(context: context).connecting(c.common.catalog)
        let inputs = StageWorkerInputs(context: context, catalog: c.common.catalog, security: security)
        self.inputs = inputs
        let reconstruct = ReconstructParticleOperation.handler(inputs: inputs)
        let handler: WorkerLoop.Handler = { task in
            guard task.operation == ReconstructParticleOperation.name else {
                return .init(status: .failedPermanent, summaryJSON: "{\"reason\":\"reconstructor cannot run \(task.operation)\"}")
            }
            return try reconstruct(task)
        }
        let interval = Duration.milliseconds(c.common.heartbeatMilliseconds)
        worker = WorkerLoop(context: context, connectTo: c.common.catalog,
                            configuration: .init(service: "reconstructor", name: c.common.name, credit: c.credit,
                                                 capabilities: [ReconstructParticleOperation.name, "shuffle+zstd"],
                                                 heartbeat: .init(interval: interval, liveness: 3,
                                                                  reconnectInitial: .milliseconds(250),
                                                                  reconnectMax: .seconds(8)),
                                                 drainTimeout: c.drainTimeout, security: security),
                            handler: handler)
        let worker = self.worker
        health = HealthFile.report(service: "reconstructor", directory: c.common.healthDirectory, interval: interval) {
            worker.connections > 0
        }
        logger.info("reconstructor connecting", metadata: ["catalog": "\(c.common.catalog)", "name": "\(c.common.name)"])
    }

    func stop(signal: Int32) {
        logger.info("signal received, draining", metadata: ["signal": "\(signal)"])
        let sent = worker.stop(.graceful)
        health.stop()
        inputs.removeCache()
        logger.info("reconstructor stopped", metadata: ["results": "\(sent)"])
    }
}
