import ArgumentParser
import Foundation
import TomoMonitor
import TomoService
import TomoTransport

/// `monitor subscribe`: raw events, one per line, for scripts.
struct SubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "subscribe", abstract: "Print raw events as they arrive.")

    @Option(name: .customLong("topic"), help: "A topic prefix (repeatable; default: every topic).")
    var topics: [String] = []
    @Flag(help: "Print one JSON object per event.")
    var json = false
    @Option(name: [.customLong("events"), .customLong("xpub")], help: "The bus's subscriber (XPUB) endpoint.")
    var events = "tcp://127.0.0.1:5558"
    @Option(help: "Stop after this many events (0: never).")
    var count = 0
    @OptionGroup var security: SecurityOptions

    func validate() throws { try security.check(connect: [events]) }

    func run() throws {
        let context = try ZMQContext()
        let subscriber = try EventSubscriber(context: context, connectTo: events, topics: topics,
                                             security: try security.security(context: context).connecting(events))
        var seen = 0
        while count == 0 || seen < count {
            guard let e = try subscriber.next(timeoutMilliseconds: -1) else { continue }
            FileHandle.standardOutput.write(Data(((json ? EventLine.json(e) : EventLine.plain(e)) + "\n").utf8))
            seen += 1
        }
    }
}
