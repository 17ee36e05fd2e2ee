import TomoService

/// The reconstructor's settings after CLI > environment > default.
///
/// ## Configuration keys
/// The common keys (`CommonOptions`), and:
/// - `--credit` / `STA_CREDIT`: tasks in flight (default 1: a partial sum is large)
/// - `--drain-seconds` / `STA_DRAIN_S`: graceful-stop bound (default 10)
struct ReconstructorConfiguration: Sendable {
    var common: ResolvedCommonOptions
    var credit: Int
    var drainSeconds: Int

    init(command: ReconstructorCommand, environment: ServiceEnvironment = ServiceEnvironment()) {
        common = command.common.resolved(environment: environment.values)
        credit = environment.int(command.credit, "STA_CREDIT") ?? 1
        drainSeconds = environment.int(command.drainSeconds, "STA_DRAIN_S") ?? 10
    }
}
