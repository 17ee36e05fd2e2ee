import TomoService

/// The aligner's settings after CLI > environment > default.
///
/// ## Configuration keys
/// The common keys (`CommonOptions`; `--catalog` is accepted and unused), the worker keys
/// (`WorkerOptions`: `--credit` / `STA_CREDIT`, default 1; `--threads` / `STA_THREADS`, default 0 =
/// all CPUs), `--classifier` / `STA_CLASSIFIER` (default `tcp://127.0.0.1:5556`, loopback like the
/// other defaults), and `--shutdown-timeout` / `STA_SHUTDOWN_TIMEOUT` (default 30 s; the running
/// batch gets all but 1 s of it).
struct AlignerConfiguration: Sendable {
    var common: ResolvedCommonOptions
    var classifier: String
    var credit: Int
    var shutdownSeconds: Int

    init(command: AlignerCommand.Serve, environment: ServiceEnvironment = ServiceEnvironment()) {
        common = command.common.resolved(environment: environment.values)
        classifier = environment.value(command.classifier, "STA_CLASSIFIER") ?? "tcp://127.0.0.1:5556"
        credit = command.worker.credit(defaultCredit: 1, environment: environment)
        shutdownSeconds = common.shutdownTimeout ?? 30
    }

    /// How long a graceful stop waits for the running batch.
    var drainTimeout: Duration { .seconds(max(1, shutdownSeconds - 1)) }
}
