import ArgumentParser
import Dispatch
import Foundation
import TomoMonitor
import TomoService
import TomoTransport

/// `monitor serve`: runs the bus until SIGTERM or SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the event bus.")

    @Option(help: "Endpoint publishers connect to (XSUB).")
    var xsub = "tcp://*:5557"
    @Option(help: "Endpoint subscribers connect to (XPUB).")
    var xpub = "tcp://*:5558"
    @Option(help: "Seconds between the bus's own liveness events.")
    var heartbeat = 1.0
    @Option(help: "Directory of monitor.health (env STA_HEALTH_DIR; default $TMPDIR, else /tmp).")
    var healthDir: String?
    @Option(help: "Draw every job's class sections and convergence here as PNGs, per iteration (job<id>_it<NNN>_classes.png, job<id>_convergence.png).")
    var pictures: String?
    @OptionGroup var security: SecurityOptions

    func validate() throws {
        guard heartbeat > 0 else { throw ValidationError("--heartbeat must be positive, got \(heartbeat)") }
        try security.check(bind: [xsub, xpub])
    }

    func run() throws {
        let context = try ZMQContext()
        let secure = security.security(context: context)
        let xsubSecurity = try secure.binding(xsub), xpubSecurity = try secure.binding(xpub)
        // The liveness watch connects to the bus itself: as a CURVE client (this host's
        // client.key_secret, which the allow-list must hold) when the bus is CURVE.
        var clientSecurity = CurveSecurity.off
        if case .server = xsubSecurity {
            do { clientSecurity = try secure.connecting(MonitorServer.connectable(xsub)) } catch {
                print("monitor: liveness watch disabled on the CURVE bus: \(error)")
            }
        }
        let server = try MonitorServer(context: context, xsub: xsub, xpub: xpub,
                                       heartbeat: .milliseconds(Int(heartbeat * 1000)),
                                       xsubSecurity: xsubSecurity, xpubSecurity: xpubSecurity,
                                       clientSecurity: clientSecurity)
        print("monitor: bus up, publishers → \(server.bus.xsubEndpoint), subscribers → \(server.bus.xpubEndpoint)")
        let pictureWatch = try pictures.map { dir in
            try PictureWatch(context: context, endpoint: MonitorServer.connectable(server.bus.xpubEndpoint),
                             directory: URL(fileURLWithPath: dir), security: clientSecurity)
        }
        if let p = pictureWatch { print("monitor: class pictures → \(p.directory.path)") }
        let dir = ServiceEnvironment().value(healthDir, "STA_HEALTH_DIR") ?? HealthFile.defaultDirectory()
        let health = HealthFile.report(service: "monitor", directory: dir,
                                       interval: .milliseconds(Int(heartbeat * 1000))) { true }
        waitForTerminationSignal()
        health.stop()
        pictureWatch?.stop()
        server.stop()
        print("monitor: stopped after forwarding \(server.bus.statistics.forwarded) events")
    }
}

/// Blocks until SIGTERM or SIGINT arrives.
func waitForTerminationSignal() {
    let received = DispatchSemaphore(value: 0)
    var sources: [any DispatchSourceSignal] = []
    for sig in [SIGTERM, SIGINT] {
        signal(sig, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        s.setEventHandler { received.signal() }
        s.resume()
        sources.append(s)
    }
    received.wait()
    for s in sources { s.cancel() }
}
