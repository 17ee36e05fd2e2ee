import ArgumentParser
import TomoService

/// `reconstructor`: a worker that connects to the catalog (back-projects particle batches into partial sums.). `reconstructor health` is
/// the health probe. Stops gracefully on SIGTERM/SIGINT within `--shutdown-timeout` (default 30 s):
/// no more work, the running task finishes or is handed back, then DISCONNECT.
@main
struct ReconstructorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reconstructor", abstract: "Reconstructor worker: back-projects particle batches into partial sums.",
                                                    subcommands: [Serve.self, Health.self], defaultSubcommand: Serve.self)

    /// Runs the worker (the default subcommand).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the worker (default).")

        @OptionGroup var common: CommonOptions
        @OptionGroup var worker: WorkerOptions

        func validate() throws { try WorkerCommand.validate(common, worker, connectingTo: common.resolved().catalog) }

        func run() async throws {
            let c = ReconstructorConfiguration(command: self)
            try await WorkerCommand.serve(service: "reconstructor", shutdownSeconds: c.shutdownSeconds) {
                try ReconstructorService.start(configuration: c)
            }
        }
    }

    /// `reconstructor health`.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "health", abstract: "Exit 0 when the reconstructor is healthy.")
        @OptionGroup var probe: HealthProbeOptions
        func run() throws { try probe.run(service: "reconstructor") }
    }
}
