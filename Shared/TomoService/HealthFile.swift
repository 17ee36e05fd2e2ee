import ArgumentParser
import Foundation

/// The health probe of docs/configuration.md: a running service rewrites
/// `<health-dir>/<service>.health` atomically every heartbeat interval (one line of JSON:
/// `{"pid":…,"service":"…","sockets":"up"|"down","time":<unix seconds>}`); `<service> health`
/// reads it, opening no socket, and exits 0 when the file says `up` and is at most 10 s old,
/// 1 otherwise.
public enum HealthFile {
    /// The oldest a health file may be and still count (seconds).
    public static let maxAge: TimeInterval = 10

    /// `$TMPDIR` without a trailing `/`, else `/tmp`.
    public static func defaultDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard let t = environment["TMPDIR"], !t.isEmpty else { return "/tmp" }
        return t.hasSuffix("/") && t.count > 1 ? String(t.dropLast()) : t
    }

    /// `<directory>/<service>.health`.
    public static func path(service: String, directory: String) -> String { directory + "/" + service + ".health" }

    /// Writes the file atomically.
    public static func write(service: String, directory: String, up: Bool, now: Date = Date()) throws {
        let line = "{\"pid\":\(getpid()),\"service\":\"\(service)\",\"sockets\":\"\(up ? "up" : "down")\",\"time\":\(now.timeIntervalSince1970)}\n"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(line.utf8).write(to: URL(fileURLWithPath: path(service: service, directory: directory)), options: .atomic)
    }

    /// Whether the service is healthy, and why not.
    public static func check(service: String, directory: String, now: Date = Date()) -> (healthy: Bool, reason: String) {
        let p = path(service: service, directory: directory)
        guard let data = FileManager.default.contents(atPath: p),
              let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return (false, "no readable health file \(p)")
        }
        guard let t = (o["time"] as? NSNumber)?.doubleValue else { return (false, "\(p) has no time") }
        let age = now.timeIntervalSince1970 - t
        guard age <= maxAge else { return (false, String(format: "\(p) is %.0f s old (limit %.0f s)", age, maxAge)) }
        guard o["sockets"] as? String == "up" else { return (false, "\(p) says the sockets are down") }
        return (true, "\(service) healthy (pid \(o["pid"] ?? "?"), \(String(format: "%.1f", age)) s ago)")
    }

    /// Rewrites the health file every `interval` on a background thread while the process
    /// lives, asking `up` each time; the returned reporter stops it (and writes `down`).
    public static func report(service: String, directory: String, interval: Duration,
                              up: @escaping @Sendable () -> Bool) -> HealthReporter {
        let r = HealthReporter(service: service, directory: directory)
        let t = Thread {
            while true {
                let ok = up()
                let written = r.ifRunning { try? write(service: service, directory: directory, up: ok) }
                if !written { return }
                Thread.sleep(forTimeInterval: Double(interval / .milliseconds(1)) / 1000)
            }
        }
        t.name = "health \(service)"
        t.start()
        return r
    }
}

/// Stops a ``HealthFile/report(service:directory:interval:up:)`` loop.
public final class HealthReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    let service: String
    let directory: String

    init(service: String, directory: String) {
        self.service = service
        self.directory = directory
    }

    /// Runs `body` unless stopped; returns whether it ran.
    func ifRunning(_ body: () -> Void) -> Bool {
        lock.withLock {
            if stopped { return false }
            body()
            return true
        }
    }

    /// Stops the loop and rewrites the file at once, saying `down`.
    public func stop() {
        lock.withLock {
            stopped = true
            try? HealthFile.write(service: service, directory: directory, up: false)
        }
    }
}

/// `<service> health`: exits 0 when the service's health file is fresh and says `up`.
public struct HealthProbeOptions: ParsableArguments, Sendable {
    /// The directory (as the service's `--health-dir`).
    @Option(help: "Directory of <service>.health (env STA_HEALTH_DIR; default $TMPDIR, else /tmp).")
    public var healthDir: String?

    /// Empty options.
    public init() {}

    /// Prints the verdict and exits 0 (healthy) or 1.
    public func run(service: String) throws {
        let dir = ServiceEnvironment().value(healthDir, "STA_HEALTH_DIR") ?? HealthFile.defaultDirectory()
        let (ok, reason) = HealthFile.check(service: service, directory: dir)
        print(reason)
        if !ok { throw ExitCode(1) }
    }
}

/// The graceful-shutdown bound: after `arm(seconds:)` the process exits with status 1 when it
/// has not finished within that time (its coordinator re-leases what it held).
public enum ShutdownWatchdog {
    /// Starts the countdown.
    public static func arm(seconds: Int, service: String) {
        let t = Thread {
            Thread.sleep(forTimeInterval: Double(seconds))
            FileHandle.standardError.write(Data("\(service): graceful shutdown exceeded \(seconds) s; stopping hard\n".utf8))
            exit(1)
        }
        t.name = "shutdown watchdog"
        t.start()
    }
}
