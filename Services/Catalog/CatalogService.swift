import Logging
import TomoCatalog
import TomoService
import TomoTransport

/// Wires `CatalogEngine` to its configuration: logging, the ZeroMQ context, heartbeats and
/// leases; `stop` is the graceful shutdown (no more dispatching, workers told DISCONNECT).
final class CatalogService: Sendable {
    let engine: CatalogEngine
    let logger: Logger
    let health: HealthReporter

    init(configuration c: CatalogConfiguration) throws {
        logger = LogSetup.bootstrap(label: "sta.catalog", level: c.common.logLevel)
        let context = try ZMQContext()
        let interval = Duration.milliseconds(c.common.heartbeatMilliseconds)
        let log = logger
        let security = c.common.security(context: context) { line in log.warning("\(line)") }
        let coordinator = CoordinatorLoop.Configuration(
            heartbeat: .init(interval: interval, liveness: 3),
            ledger: .init(leaseDuration: .milliseconds(c.leaseMilliseconds), maxKills: c.maxKills),
            security: try security.binding(c.bind))
        var configuration = CatalogEngine.Configuration(project: c.project, bind: c.bind, events: c.common.events,
                                                        name: c.common.name, coordinator: coordinator)
        configuration.eventsSecurity = try security.connecting(c.common.events)
        engine = try CatalogEngine(context: context, configuration: configuration, logger: logger)
        health = HealthFile.report(service: "catalog", directory: c.common.healthDirectory, interval: interval) { true }
        print("catalog listening on \(engine.endpoint)")
    }

    func stop(signal: Int32) {
        logger.info("signal received, stopping", metadata: ["signal": "\(signal)"])
        engine.shutdown()
        health.stop()
    }
}
