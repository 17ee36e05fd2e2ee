import TomoService

/// The extractor's settings after CLI > environment > default.
///
/// ## Configuration keys
/// The common keys (`CommonOptions`), and:
/// - `--credit` / `STA_CREDIT`: tasks in flight (default 2)
/// - `--drain-seconds` / `STA_DRAIN_S`: graceful-stop bound (default 10)
struct ExtractorConfiguration: Sendable {
    var common: ResolvedCommonOptions
    var credit: Int
    var drainSeconds: Int

    init(command: ExtractorCommand, environment: ServiceEnvironment = ServiceEnvironment()) {
        common = command.common.resolved(environment: environment.values)
        credit = environment.int(command.credit, "STA_CREDIT") ?? 2
        drainSeconds = environment.int(command.drainSeconds, "STA_DRAIN_S") ?? 10
    }
}
