import ArgumentParser
import Foundation
import TomoTransport

/// The flags every service takes (`@OptionGroup var common: CommonOptions`), each also read from
/// its environment variable when the flag is absent: CLI > environment (`STA_<FLAG>`) > default
/// (docs/architecture.md, "Services, endpoints and who connects to whom").
///
/// ## Configuration keys
/// - `--catalog` / `STA_CATALOG`: the catalog ROUTER (default `tcp://127.0.0.1:5555`)
/// - `--events` / `STA_EVENTS`: the monitor's XSUB (default `tcp://127.0.0.1:5557`)
/// - `--keys` / `STA_KEYS`: CURVE key directory (none by default)
/// - `--name` / `STA_NAME`: this process's name in events (default `<host>-<pid>`)
/// - `--log-level` / `STA_LOG_LEVEL`: trace, debug, info, notice, warning, error, critical (default info)
/// - `--heartbeat-ms` / `STA_HEARTBEAT_MS`: heartbeat interval in ms (default 1000; liveness 3)
/// - `--health-dir` / `STA_HEALTH_DIR`: where `<service>.health` is written (default `$TMPDIR`, else `/tmp`)
/// - `--shutdown-timeout` / `STA_SHUTDOWN_TIMEOUT`: graceful-shutdown bound in seconds (default per service)
public struct CommonOptions: ParsableArguments, Sendable {
    /// The catalog ROUTER endpoint.
    @Option(help: "Catalog endpoint (env STA_CATALOG; default tcp://127.0.0.1:5555).")
    public var catalog: String?
    /// The monitor's XSUB endpoint.
    @Option(help: "Event bus (monitor XSUB) endpoint (env STA_EVENTS; default tcp://127.0.0.1:5557).")
    public var events: String?
    /// CURVE key directory.
    @Option(help: "CURVE key directory (env STA_KEYS).")
    public var keys: String?
    /// The process's name in events.
    @Option(help: "Name in events and logs (env STA_NAME; default host-pid).")
    public var name: String?
    /// Log level.
    @Option(help: "Log level (env STA_LOG_LEVEL; default info).")
    public var logLevel: String?
    /// Heartbeat interval.
    @Option(help: "Heartbeat interval in milliseconds (env STA_HEARTBEAT_MS; default 1000).")
    public var heartbeatMs: Int?
    /// Health-file directory.
    @Option(help: "Directory of <service>.health (env STA_HEALTH_DIR; default $TMPDIR, else /tmp).")
    public var healthDir: String?
    /// Graceful-shutdown bound.
    @Option(help: "Seconds a graceful shutdown may take before the service stops hard (env STA_SHUTDOWN_TIMEOUT).")
    public var shutdownTimeout: Int?

    /// Empty options (every value from the environment or the default).
    public init() {}

    /// The values after applying CLI > environment > default.
    public func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> ResolvedCommonOptions {
        let env = ServiceEnvironment(environment)
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return ResolvedCommonOptions(
            catalog: env.value(catalog, "STA_CATALOG") ?? "tcp://127.0.0.1:5555",
            events: env.value(events, "STA_EVENTS") ?? "tcp://127.0.0.1:5557",
            keys: env.value(keys, "STA_KEYS"),
            name: env.value(name, "STA_NAME") ?? "\(host)-\(getpid())",
            logLevel: env.value(logLevel, "STA_LOG_LEVEL") ?? "info",
            heartbeatMilliseconds: env.int(heartbeatMs, "STA_HEARTBEAT_MS") ?? 1000,
            healthDirectory: env.value(healthDir, "STA_HEALTH_DIR") ?? HealthFile.defaultDirectory(environment),
            shutdownTimeout: env.int(shutdownTimeout, "STA_SHUTDOWN_TIMEOUT"))
    }

    /// Checks the values (exit 64 with a message on misuse).
    public func validate() throws {
        let r = resolved()
        guard r.heartbeatMilliseconds > 0 else { throw ValidationError("--heartbeat-ms must be positive") }
        guard (r.shutdownTimeout ?? 1) > 0 else { throw ValidationError("--shutdown-timeout must be positive") }
        guard LogSetup.level(named: r.logLevel) != nil else {
            throw ValidationError("--log-level \(r.logLevel) is not one of trace, debug, info, notice, warning, error, critical")
        }
    }
}

/// `CommonOptions` after CLI > environment > default.
public struct ResolvedCommonOptions: Sendable, Equatable {
    /// The catalog ROUTER endpoint.
    public var catalog: String
    /// The monitor's XSUB endpoint.
    public var events: String
    /// CURVE key directory, if any.
    public var keys: String?
    /// The name in events.
    public var name: String
    /// Log level name.
    public var logLevel: String
    /// Heartbeat interval in milliseconds.
    public var heartbeatMilliseconds: Int
    /// Where `<service>.health` is written and read.
    public var healthDirectory: String
    /// The graceful-shutdown bound in seconds, when given (else the service's default).
    public var shutdownTimeout: Int?
}

/// Reads `STA_*` environment variables behind CLI flags.
public struct ServiceEnvironment: Sendable {
    /// The environment.
    public let values: [String: String]
    /// Wraps an environment.
    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) { self.values = values }
    /// The flag's value if given, else the variable's if set and non-empty, else nil.
    public func value(_ flag: String?, _ variable: String) -> String? {
        if let flag { return flag }
        if let v = values[variable], !v.isEmpty { return v }
        return nil
    }
    /// As `value`, parsed as an integer (an unparsable variable counts as absent).
    public func int(_ flag: Int?, _ variable: String) -> Int? {
        flag ?? values[variable].flatMap { Int($0) }
    }
}

extension ResolvedCommonOptions {
    /// The CURVE security of this process on `context`, from `keys`.
    public func security(context: ZMQContext,
                         onRefusal: @escaping @Sendable (String) -> Void = ZAPHandler.logToStandardError) -> ServiceSecurity {
        ServiceSecurity(keysPath: keys, context: context, onRefusal: onRefusal)
    }
}
