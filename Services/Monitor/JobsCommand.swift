import ArgumentParser
import TomoMonitor
import TomoTransport

/// `monitor jobs`: the catalog's jobs as a table.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List the catalog's jobs and their states.")

    @Option(help: "The catalog's ROUTER endpoint.")
    var catalog = "tcp://127.0.0.1:5555"
    @Option(help: "Milliseconds to wait for the catalog.")
    var timeout = 5000

    func run() throws {
        let client = try CatalogClient(context: ZMQContext(), endpoint: catalog)
        print(TextTable.jobs(try client.jobs(timeoutMilliseconds: timeout)), terminator: "")
    }
}
