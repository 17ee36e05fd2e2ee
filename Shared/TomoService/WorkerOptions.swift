import ArgumentParser
import Foundation

/// The flags of worker services (`extractor`, `reconstructor`, `aligner`), CLI > environment >
/// default (docs/configuration.md):
/// - `--credit N` / `STA_CREDIT`: tasks in flight (READY credit; default per service)
/// - `--threads N` / `STA_THREADS`: compute threads; 0 (default) = the CPUs this process may use.
///   A task computes on one thread, so the tasks in flight are `min(credit, threads)`.
public struct WorkerOptions: ParsableArguments, Sendable {
    /// READY credit.
    @Option(help: "Tasks in flight at once (env STA_CREDIT).")
    public var credit: Int?
    /// Compute threads.
    @Option(help: "Compute threads; 0 = the CPUs this process may use (env STA_THREADS; default 0).")
    public var threads: Int?

    /// Empty options.
    public init() {}

    /// The credit the worker announces: `--credit` (or `defaultCredit`), capped by `--threads`.
    public func credit(defaultCredit: Int, environment: ServiceEnvironment = ServiceEnvironment()) -> Int {
        let c = environment.int(credit, "STA_CREDIT") ?? defaultCredit
        let t = environment.int(threads, "STA_THREADS") ?? 0
        return min(c, t > 0 ? t : ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Checks the values.
    public func validate() throws {
        let env = ServiceEnvironment()
        guard (env.int(credit, "STA_CREDIT") ?? 1) >= 1 else { throw ValidationError("--credit must be >= 1") }
        guard (env.int(threads, "STA_THREADS") ?? 0) >= 0 else { throw ValidationError("--threads must be >= 0") }
    }
}
