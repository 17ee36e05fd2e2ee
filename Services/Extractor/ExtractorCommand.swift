import ArgumentParser
import TomoService

/// `extractor`: a worker that connects to the catalog (subtomogram extraction and tile statistics.). `extractor health` is
/// the health probe. Stops gracefully on SIGTERM/SIGINT within `--shutdown-timeout` (default 30 s):
/// no more work, the running task finishes or is handed back, then DISCONNECT.
@main
struct ExtractorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extractor", abstract: "Extractor worker: subtomogram extraction and tile statistics.",
                                                    subcommands: [Serve.self, Health.self], defaultSubcommand: Serve.self)

    /// Runs the worker (the default subcommand).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the worker (default).")

        @OptionGroup var common: CommonOptions
        @OptionGroup var worker: WorkerOptions

        func validate() throws { try WorkerCommand.validate(common, worker, connectingTo: common.resolved().catalog) }

        func run() async throws {
            let c = ExtractorConfiguration(command: self)
            try await WorkerCommand.serve(service: "extractor", shutdownSeconds: c.shutdownSeconds) {
                try ExtractorService.start(configuration: c)
            }
        }
    }

    /// `extractor health`.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "health", abstract: "Exit 0 when the extractor is healthy.")
        @OptionGroup var probe: HealthProbeOptions
        func run() throws { try probe.run(service: "extractor") }
    }
}
