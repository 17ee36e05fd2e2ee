import Logging
import TomoClassifier
import TomoService
import TomoTransport

/// Wires `ClassifierServer` to its configuration: logging, the ZeroMQ context, the ROUTER's
/// security, heartbeats, the lease and the health file (up while the ROUTER is bound); `stop`
/// fails the running job and stops the loop.
final class ClassifierService: Sendable {
    let server: ClassifierServer
    let logger: Logger
    let health: HealthReporter

    init(configuration c: ClassifierConfiguration) throws {
        logger = LogSetup.bootstrap(label: "sta.classifier", level: c.common.logLevel)
        let context = try ZMQContext()
        let interval = Duration.milliseconds(c.common.heartbeatMilliseconds)
        let log = logger
        let security = c.common.security(context: context) { line in log.warning("\(line)") }
        let configuration = ClassifierServer.Configuration(heartbeatInterval: interval, liveness: 3,
                                                           leaseDuration: .milliseconds(c.leaseMilliseconds),
                                                           security: try security.binding(c.bind))
        server = try ClassifierServer(context: context, bindTo: c.bind, configuration: configuration)
        health = HealthFile.report(service: "classifier", directory: c.common.healthDirectory, interval: interval) { true }
        logger.info("classifier listening", metadata: ["endpoint": "\(server.endpoint)", "name": "\(c.common.name)"])
        print("classifier listening on \(server.endpoint)")
    }

    func stop(signal: Int32) {
        logger.info("signal received, stopping", metadata: ["signal": "\(signal)", "aligners": "\(server.workers)"])
        server.stop()
        health.stop()
    }
}
