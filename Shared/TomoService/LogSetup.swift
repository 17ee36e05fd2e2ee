import Logging
import Synchronization

/// Logging bootstrap for services: swift-log's stream handler on standard error at the chosen
/// level. Libraries accept a `Logger` and log with dotted metadata (`job.id`, `peer.id`).
public enum LogSetup {
    /// The level named `name` (`"info"`, …), or nil.
    public static func level(named name: String) -> Logger.Level? { Logger.Level(rawValue: name.lowercased()) }

    /// Bootstraps the logging system once per process and returns a logger labelled `label`.
    public static func bootstrap(label: String, level: String) -> Logger {
        Once.run { LoggingSystem.bootstrap(StreamLogHandler.standardError) }
        var logger = Logger(label: label)
        logger.logLevel = Self.level(named: level) ?? .info
        return logger
    }
}

private enum Once {
    static let done = Mutex(false)
    static func run(_ body: () -> Void) {
        let first = done.withLock { d in defer { d = true }; return !d }
        if first { body() }
    }
}
