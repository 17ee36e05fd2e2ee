import ArgumentParser
import Dispatch
import Foundation
import TomoMonitor
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

    func validate() throws {
        guard heartbeat > 0 else { throw ValidationError("--heartbeat must be positive, got \(heartbeat)") }
    }

    func run() throws {
        let server = try MonitorServer(context: ZMQContext(), xsub: xsub, xpub: xpub,
                                       heartbeat: .milliseconds(Int(heartbeat * 1000)))
        print("monitor: bus up, publishers → \(server.bus.xsubEndpoint), subscribers → \(server.bus.xpubEndpoint)")
        waitForTerminationSignal()
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
