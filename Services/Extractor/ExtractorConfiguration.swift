import TomoService

/// The extractor's settings after CLI > environment > default.
///
/// ## Configuration keys
/// The common keys (`CommonOptions`), the worker keys (`WorkerOptions`: `--credit` /
/// `STA_CREDIT`, default 2; `--threads` / `STA_THREADS`, default 0 = all CPUs), and
/// `--shutdown-timeout` / `STA_SHUTDOWN_TIMEOUT` (default 30 s; running tasks get all but 1 s of it).
struct ExtractorConfiguration: Sendable {
    var common: ResolvedCommonOptions
    var credit: Int
    var shutdownSeconds: Int

    init(command: ExtractorCommand.Serve, environment: ServiceEnvironment = ServiceEnvironment()) {
        common = command.common.resolved(environment: environment.values)
        credit = command.worker.credit(defaultCredit: 2, environment: environment)
        shutdownSeconds = common.shutdownTimeout ?? 30
    }

    /// How long a graceful stop waits for running tasks.
    var drainTimeout: Duration { .seconds(max(1, shutdownSeconds - 1)) }
}
