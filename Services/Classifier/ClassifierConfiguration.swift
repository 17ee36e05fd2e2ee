import TomoService

/// The classifier's settings after CLI > environment > default.
///
/// ## Configuration keys
/// The common keys (`CommonOptions`; `--catalog` is accepted and unused: the project directory
/// comes with each submission), and:
/// - `--bind` / `STA_BIND`: the ROUTER for aligners and clients (default `tcp://*:5556`)
/// - `--lease-ms` / `STA_LEASE_MS`: how long an aligner may hold a batch (default 60 000 ms)
/// - `--shutdown-timeout` / `STA_SHUTDOWN_TIMEOUT`: graceful-shutdown bound (default 60 s)
struct ClassifierConfiguration: Sendable {
    var common: ResolvedCommonOptions
    var bind: String
    var leaseMilliseconds: Int
    var shutdownSeconds: Int

    init(command: ClassifierCommand.Serve, environment: ServiceEnvironment = ServiceEnvironment()) {
        common = command.common.resolved(environment: environment.values)
        bind = environment.value(command.bind, "STA_BIND") ?? "tcp://*:5556"
        leaseMilliseconds = environment.int(command.leaseMs, "STA_LEASE_MS") ?? 60_000
        shutdownSeconds = common.shutdownTimeout ?? 60
    }
}
