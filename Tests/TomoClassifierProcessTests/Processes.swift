import Foundation
import TomoClassifier
import TomoTransport

/// Launches the built `classifier` and `aligner` executables (found beside the test bundle in
/// `.build/<triple>/debug/`) on `ipc://` endpoints in a temporary directory, and kills them at
/// the end.
final class ClassifierProcesses: @unchecked Sendable {
    /// The directory of the built executables.
    static let binDirectory: String = {
        var dir = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                      ?? CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("classifier").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.path
    }()

    /// Whether `classifier` and `aligner` (and, for `needsSTA`, `sta`) are built.
    static func available(needsSTA: Bool = false) -> Bool {
        (["classifier", "aligner"] + (needsSTA ? ["sta", "monitor"] : [])).allSatisfy {
            FileManager.default.isExecutableFile(atPath: binDirectory + "/" + $0)
        }
    }

    let dir: String
    let endpoint: String
    let heartbeatMs: Int
    var classifier: Process?
    var aligners: [Process] = []
    let context: ZMQContext
    let client: RequestClient

    init(heartbeatMs: Int = 250) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("c3d-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        endpoint = "ipc://\(dir)/classifier"
        self.heartbeatMs = heartbeatMs
        context = try ZMQContext()
        client = try RequestClient(context: context, endpoint: endpoint)
        classifier = try launch("classifier", ["--bind", endpoint, "--events", "ipc://\(dir)/events", "--name", "classifier",
                                               "--heartbeat-ms", "\(heartbeatMs)", "--log-level", "warning",
                                               "--health-dir", dir], log: "classifier.log")
    }

    func launch(_ name: String, _ args: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binDirectory + "/" + name)
        p.arguments = args
        _ = FileManager.default.createFile(atPath: dir + "/" + log, contents: nil)
        let h = FileHandle(forWritingAtPath: dir + "/" + log)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }

    /// Starts `count` more aligners (credit 1 each).
    func startAligners(_ count: Int) throws {
        for _ in 0..<count {
            let n = aligners.count
            aligners.append(try launch("aligner", ["--classifier", endpoint, "--name", "a\(n)", "--credit", "1",
                                                   "--heartbeat-ms", "\(heartbeatMs)", "--log-level", "warning",
                                                   "--health-dir", dir], log: "a\(n).log"))
        }
    }

    func kill9(_ p: Process) {
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    func stopAll() {
        for p in aligners + (classifier.map { [$0] } ?? []) where p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Submits, then polls every 50 ms until the job ends (or `timeout`), calling `each` on every
    /// status seen; returns the last.
    func run(_ submission: Class3DSubmission, timeout: Duration = .seconds(60),
             each: (Class3DJobStatus) -> Void = { _ in }) throws -> Class3DJobStatus {
        var status = try ClassifierClient.submit(client, submission)
        let deadline = ContinuousClock.now + timeout
        while !["succeeded", "failed", "cancelled"].contains(status.state), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
            status = try ClassifierClient.status(client, job: submission.job)
            each(status)
        }
        return status
    }

    /// The last lines of a log in the directory (for failure messages).
    func log(_ name: String) -> String {
        String((try? String(contentsOfFile: dir + "/" + name, encoding: .utf8))?.suffix(2000) ?? "")
    }
}
