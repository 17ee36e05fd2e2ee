import ArgumentParser
import TomoService

/// `catalog`: the project directory, the job ledger and the coordinator ROUTER that workers and
/// clients connect to (docs/architecture.md). `catalog health` is the health probe. Stops
/// gracefully on SIGTERM or SIGINT within `--shutdown-timeout` (default 20 s).
@main
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Serve a project: jobs, tasks, STAR tables and tiles over STAW.",
        subcommands: [Serve.self, Health.self], defaultSubcommand: Serve.self)

    /// Runs the catalog (the default subcommand).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the catalog (default).")

        @OptionGroup var common: CommonOptions

        @Option(help: "Project directory (env STA_PROJECT; default .).")
        var project: String?

        @Option(help: "ROUTER endpoint to bind (env STA_BIND; default tcp://*:5555).")
        var bind: String?

        @Option(help: "Task lease in milliseconds (env STA_LEASE_MS; default 30 heartbeat intervals).")
        var leaseMs: Int?

        @Option(help: "Worker deaths after which a task is poison (env STA_MAX_KILLS; default 3).")
        var maxKills: Int?

        func validate() throws {
            try common.validate()
            let c = CatalogConfiguration(command: self)
            try ServiceSecurity.check(bind: [c.bind], connect: [c.common.events], keysGiven: c.common.keys != nil)
            guard c.leaseMilliseconds > 0, c.maxKills >= 1 else { throw ValidationError("--lease-ms and --max-kills must be positive") }
        }

        func run() async throws {
            let c = CatalogConfiguration(command: self)
            let service = try CatalogService(configuration: c)
            let signal = await SignalWatcher.waitForTermination()
            ShutdownWatchdog.arm(seconds: c.shutdownSeconds, service: "catalog")
            service.stop(signal: signal)
        }
    }

    /// `catalog health`.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "health", abstract: "Exit 0 when the catalog is healthy.")
        @OptionGroup var probe: HealthProbeOptions
        func run() throws { try probe.run(service: "catalog") }
    }
}
