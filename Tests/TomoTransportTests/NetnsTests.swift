import Foundation
import Testing
import TomoTesting

/// Three hosts made with `ip netns` run a job over TCP with CURVE (scripts/netns-test.sh):
/// the real catalog and monitor in ns1, extractors in ns2 and ns3, and an extractor with an unknown key in ns3 that is
/// refused. Needs root and iproute2 (CI runs as root); skipped with a message elsewhere.
@Suite struct NetnsTests {
    /// Whether this process may create network namespaces (root, `ip` present, and a trial
    /// `ip netns add` succeeds).
    static let permitted: Bool = {
        guard getuid() == 0, let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return false }
        let name = "sta-probe-\(getpid())"
        guard run(ip, ["netns", "add", name]).status == 0 else { return false }
        _ = run(ip, ["netns", "del", name])
        return true
    }()

    /// The directory holding `sta` and `NetnsProbe`: next to this test binary.
    static var binaryDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("NetnsProbe").path) {
            dir = dir.deletingLastPathComponent()                   // from inside an .xctest bundle
        }
        return dir.path == "/" ? RealData.repositoryRoot.appendingPathComponent(".build/debug").path : dir.path
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = RealData.repositoryRoot
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: NetnsTests.permitted,
                   "skipped: needs root and iproute2 with `ip netns add` permitted (CI runs as root)"),
          .timeLimit(.minutes(1)))
    func threeHostsRunAJobOverCurveAndRefuseAnUnknownKey() throws {
        let start = ContinuousClock.now
        let script = RealData.repositoryRoot.appendingPathComponent("scripts/netns-test.sh").path
        let (status, output) = Self.run("/bin/bash", [script], environment: ["STA_BIN_DIR": Self.binaryDirectory])
        let elapsed = ContinuousClock.now - start
        #expect(status == 0, "netns-test.sh exited \(status):\n\(output)")
        // The real catalog, monitor and extractors: the job submitted over TCP+CURVE succeeded,
        // its data_tilestats equal the ipc:// reference run's, and the rogue key was refused.
        #expect(output.contains("job 1 succeeded"), "\(output)")
        let passed = try #require(output.split(separator: "\n").first { $0.hasPrefix("netns-test: PASSED") }, "\(output)")
        #expect(passed.contains("over tcp://10.99.7.1:5555 with CURVE"))
        #expect(passed.contains("data_tilestats equals the reference"))
        #expect(passed.contains("from 10.99.7.3 refused"))
        #expect(elapsed < .seconds(60))
    }
}
