import ArgumentParser
import TomoService

/// `reconstructor`: a worker that connects to the catalog and back-projects particle batches of
/// `relion.reconstructparticletomo` jobs, answering with partial sums. Stops gracefully on
/// SIGTERM/SIGINT.
@main
struct ReconstructorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reconstructor", abstract: "Reconstructor worker.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Tasks in flight at once (env STA_CREDIT; default 1).")
    var credit: Int?

    @Option(help: "Seconds a graceful stop waits for running tasks (env STA_DRAIN_S; default 10).")
    var drainSeconds: Int?

    func validate() throws {
        try common.validate()
        guard ReconstructorConfiguration(command: self).credit >= 1 else { throw ValidationError("--credit must be >= 1") }
    }

    func run() async throws {
        let service = try ReconstructorService(configuration: ReconstructorConfiguration(command: self))
        let signal = await SignalWatcher.waitForTermination()
        service.stop(signal: signal)
    }
}
