import ArgumentParser
import TomoService

/// `aligner`: a worker that connects to a classifier (`--classifier`) and runs the Class3D E-step
/// (`class3d.estep`) on batches of particles; each batch's images are fetched once and cached
/// (sticky). `aligner health` is the health probe. Stops gracefully on SIGTERM/SIGINT within
/// `--shutdown-timeout` (default 30 s): no more work, the running batch finishes or is handed
/// back, then DISCONNECT.
@main
struct AlignerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aligner", abstract: "Aligner worker: the Class3D E-step on batches of particles.",
                                                    subcommands: [Serve.self, Health.self], defaultSubcommand: Serve.self)

    /// Runs the worker (the default subcommand).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the worker (default).")

        @OptionGroup var common: CommonOptions
        @OptionGroup var worker: WorkerOptions

        @Option(help: "Classifier ROUTER to connect to (env STA_CLASSIFIER; default tcp://127.0.0.1:5556).")
        var classifier: String?

        func validate() throws { try WorkerCommand.validate(common, worker, connectingTo: AlignerConfiguration(command: self).classifier) }

        func run() async throws {
            let c = AlignerConfiguration(command: self)
            try await WorkerCommand.serve(service: "aligner", shutdownSeconds: c.shutdownSeconds) {
                try AlignerService.start(configuration: c)
            }
        }
    }

    /// `aligner health`.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "health", abstract: "Exit 0 when the aligner is healthy.")
        @OptionGroup var probe: HealthProbeOptions
        func run() throws { try probe.run(service: "aligner") }
    }
}
