import ArgumentParser
import TomoService

/// `classifier`: the coordinator of Class3D jobs run on a pool of aligners (docs/protocol.md,
/// Appendix C). Binds a ROUTER (`--bind`) that `sta class3d` submits to and aligners connect to;
/// reads and writes the project directory named in each submission. `classifier health` is the
/// health probe. Stops on SIGTERM/SIGINT: the running job fails with "classifier stopped" (its
/// last finished iteration's files stay, so `--continue` resumes it), aligners are told DISCONNECT.
@main
struct ClassifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier", abstract: "Coordinate Class3D jobs: the M-step here, the E-step on aligners.",
        subcommands: [Serve.self, Health.self], defaultSubcommand: Serve.self)

    /// Runs the classifier (the default subcommand).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the classifier (default).")

        @OptionGroup var common: CommonOptions

        @Option(help: "ROUTER endpoint to bind (env STA_BIND; default tcp://*:5556).")
        var bind: String?

        @Option(help: "Task lease in milliseconds (env STA_LEASE_MS; default 60000).")
        var leaseMs: Int?

        func validate() throws {
            try common.validate()
            let c = ClassifierConfiguration(command: self)
            try ServiceSecurity.check(bind: [c.bind], connect: [c.common.events], keysGiven: c.common.keys != nil)
            guard c.leaseMilliseconds > 0 else { throw ValidationError("--lease-ms must be positive") }
        }

        func run() async throws {
            let c = ClassifierConfiguration(command: self)
            let service = try ClassifierService(configuration: c)
            let signal = await SignalWatcher.waitForTermination()
            ShutdownWatchdog.arm(seconds: c.shutdownSeconds, service: "classifier")
            service.stop(signal: signal)
        }
    }

    /// `classifier health`.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "health", abstract: "Exit 0 when the classifier is healthy.")
        @OptionGroup var probe: HealthProbeOptions
        func run() throws { try probe.run(service: "classifier") }
    }
}
