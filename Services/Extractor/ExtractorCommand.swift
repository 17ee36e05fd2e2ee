import ArgumentParser
import TomoService

/// `extractor`: a worker that connects to the catalog and runs subtomogram extraction
/// (`relion.pseudosubtomo` tasks) and tile statistics. Stops gracefully on SIGTERM/SIGINT.
@main
struct ExtractorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extractor", abstract: "Extractor worker.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Tasks in flight at once (env STA_CREDIT; default 2).")
    var credit: Int?

    @Option(help: "Seconds a graceful stop waits for running tasks (env STA_DRAIN_S; default 10).")
    var drainSeconds: Int?

    func validate() throws {
        try common.validate()
        guard ExtractorConfiguration(command: self).credit >= 1 else { throw ValidationError("--credit must be >= 1") }
    }

    func run() async throws {
        let service = try ExtractorService(configuration: ExtractorConfiguration(command: self))
        let signal = await SignalWatcher.waitForTermination()
        service.stop(signal: signal)
    }
}
