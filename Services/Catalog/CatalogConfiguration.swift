import TomoService

/// The catalog's settings after CLI > environment > default.
///
/// ## Configuration keys
/// The common keys (`CommonOptions`), and:
/// - `--project` / `STA_PROJECT`: project directory (default `.`)
/// - `--bind` / `STA_BIND`: ROUTER endpoint (default `tcp://*:5555`)
/// - `--lease-ms` / `STA_LEASE_MS`: task lease (default 30 × heartbeat interval)
/// - `--max-kills` / `STA_MAX_KILLS`: worker deaths before a task is poison (default 3)
/// - `--shutdown-timeout` / `STA_SHUTDOWN_TIMEOUT`: graceful-shutdown bound (default 20 s)
struct CatalogConfiguration: Sendable {
    var common: ResolvedCommonOptions
    var project: String
    var bind: String
    var leaseMilliseconds: Int
    var maxKills: Int
    var shutdownSeconds: Int

    init(command: CatalogCommand.Serve, environment: ServiceEnvironment = ServiceEnvironment()) {
        common = command.common.resolved(environment: environment.values)
        project = environment.value(command.project, "STA_PROJECT") ?? "."
        bind = environment.value(command.bind, "STA_BIND") ?? "tcp://*:5555"
        leaseMilliseconds = environment.int(command.leaseMs, "STA_LEASE_MS") ?? 30 * common.heartbeatMilliseconds
        maxKills = environment.int(command.maxKills, "STA_MAX_KILLS") ?? 3
        shutdownSeconds = common.shutdownTimeout ?? 20
    }
}
