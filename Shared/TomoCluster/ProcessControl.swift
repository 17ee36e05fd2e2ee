import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process inspection and signalling for the local cluster (POSIX).
public enum ProcessControl {
    /// Whether `pid` is a running (not zombie) process whose command line names `executable`'s
    /// file name, so a recycled pid is not mistaken for a service. Reaps `pid` if it is an
    /// exited child of this process.
    public static func isRunning(pid: Int32, executable: String) -> Bool {
        guard pid > 0 else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        guard kill(pid, 0) == 0 else { return false }
        #if os(Linux)
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
            if state == "Z" || state == "X" { return false }
        }
        if let cmdline = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")) {
            let argv0 = String(decoding: cmdline.prefix(while: { $0 != 0 }), as: UTF8.self)
            return (argv0 as NSString).lastPathComponent == (executable as NSString).lastPathComponent
        }
        #endif
        return true
    }

    /// Sends `signal` to `pid`; returns whether it was delivered.
    @discardableResult
    public static func send(_ signal: Int32, to pid: Int32) -> Bool { kill(pid, signal) == 0 }

    /// Polls until none of `processes` runs or `timeout` passes; returns those still running.
    public static func waitForExit(_ processes: [ClusterFile.Process], timeout: Duration) -> [ClusterFile.Process] {
        let deadline = ContinuousClock.now + timeout
        var left = processes
        while true {
            left = left.filter { isRunning(pid: $0.pid, executable: $0.executable) }
            if left.isEmpty || ContinuousClock.now >= deadline { return left }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
