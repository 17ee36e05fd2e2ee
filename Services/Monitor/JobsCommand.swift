import ArgumentParser
import TomoMonitor
import TomoService
import TomoTransport

/// `monitor jobs`: the catalog's jobs as a table.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List the catalog's jobs and their states.")

    @Option(help: "The catalog's ROUTER endpoint.")
    var catalog = "tcp://127.0.0.1:5555"
    @Option(help: "Milliseconds to wait for the catalog.")
    var timeout = 5000
    @OptionGroup var security: SecurityOptions

    func validate() throws { try security.check(connect: [catalog]) }

    func run() throws {
        let context = try ZMQContext()
        let client = try CatalogClient(context: context, endpoint: catalog,
                                       security: try security.security(context: context).connecting(catalog))
        print(TextTable.jobs(try client.jobs(timeoutMilliseconds: timeout)), terminator: "")
    }
}
