import Foundation
import Testing
import TomoTesting

/// Layers point one way: math ← formats ← wire ← transport ← services.
/// Each library target lists the modules it may import; anything else fails this test, so a
/// socket never shows up in a kernel and a parser never reaches for the network.
@Suite struct LayeringTests {
    static let system: Set<String> = ["Glibc", "Musl", "Darwin", "Synchronization", "_Concurrency"]
    static let foundation: Set<String> = ["Foundation", "FoundationEssentials"]

    /// Allowed imports per `Shared/` target, beyond `system`.
    static let allowed: [String: Set<String>] = [
        // math: pure, no Foundation, no sockets
        "TomoCore": [],
        "TomoFFT": ["TomoCore", "CFFTW"],
        "TomoKernels": ["TomoCore", "TomoFFT"],
        "TomoAlgorithms": ["TomoCore", "TomoFFT", "TomoKernels"],
        "TomoRefine": ["TomoCore", "TomoFFT", "TomoKernels"],
        // formats: file I/O (TomoFiles: the atomic writes they share, POSIX only)
        "TomoFiles": [],
        "TomoSTAR": foundation.union(["TomoCore", "TomoFiles"]),
        "TomoMRC": foundation.union(["TomoCore", "TomoFiles"]),
        "TomoRelion": foundation.union(["TomoCore", "TomoSTAR", "TomoMRC"]),
        "TomoRefineFiles": foundation.union(["TomoCore", "TomoFiles", "TomoSTAR", "TomoMRC", "TomoRelion"]),
        "TomoProject": foundation.union(["TomoCore", "TomoFiles", "TomoSTAR", "TomoMRC", "TomoRelion", "GRDB"]),
        "TomoJobs": foundation.union(["TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoSTAR", "TomoMRC", "TomoRelion"]),
        "TomoSimulation": foundation.union(["TomoCore", "TomoFFT", "TomoKernels", "TomoSTAR", "TomoMRC", "TomoRelion"]),
        "TomoPlots": foundation.union(["TomoCore", "TomoFiles", "CPNG"]),
        "TomoClass3D": foundation.union(["TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoRefine",
                                         "TomoRefineFiles", "TomoJobs", "TomoSTAR", "TomoMRC", "TomoRelion", "TomoPlots"]),
        // wire: bytes only
        "TomoWire": foundation.union(["TomoCore", "TomoSTAR", "CZstd"]),
        // transport: sockets
        "TomoTransport": foundation.union(["TomoCore", "TomoWire", "CZeroMQ"]),
        // services layer
        "TomoCatalog": foundation.union(["TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoJobs",
                                         "TomoSTAR", "TomoMRC", "TomoRelion", "TomoProject", "TomoWire",
                                         "TomoTransport", "GRDB", "Logging"]),
        "TomoService": foundation.union(["TomoCore", "TomoSTAR", "TomoMRC", "TomoRelion", "TomoProject", "TomoWire",
                                         "TomoTransport", "TomoCatalog", "Logging", "ArgumentParser", "Dispatch"]),
        "TomoMonitor": foundation.union(["TomoCore", "TomoPlots", "TomoWire", "TomoTransport"]),
        "TomoCluster": foundation.union(["TomoWire", "TomoTransport"]),
        "TomoClassifier": foundation.union(["TomoCore", "TomoRefine", "TomoClass3D", "TomoWire", "TomoTransport",
                                            "TomoCluster"]),
        // test kit for job-level fixtures
        "TomoJobsTesting": ["TomoJobs", "TomoSimulation"],
    ]

    static let sharedRoot = RealData.repositoryRoot.appendingPathComponent("Shared")

    static func imports(inTarget target: String) throws -> [(file: String, module: String)] {
        let dir = sharedRoot.appendingPathComponent(target)
        var out: [(String, String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let i = words.firstIndex(of: "import"), i < words.count - 1,
                      words[..<i].allSatisfy({ ["@testable", "private", "internal", "public", "@_exported", "fileprivate", "package"].contains($0) || $0.hasPrefix("@") })
                else { continue }
                out.append((name, words[i + 1].split(separator: ".").first.map(String.init) ?? words[i + 1]))
            }
        }
        return out
    }

    @Test func everySharedTargetIsDeclared() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sharedRoot.path)
            .filter { !$0.hasPrefix("C") && $0 != "TomoTesting" && !$0.hasPrefix(".") }
        for t in targets { #expect(Self.allowed[t] != nil, "Shared/\(t) has no layer in LayeringTests.allowed") }
    }

    @Test(arguments: allowed.keys.sorted()) func importsPointDownward(target: String) throws {
        guard FileManager.default.fileExists(atPath: Self.sharedRoot.appendingPathComponent(target).path) else { return }
        let ok = Self.allowed[target]!.union(Self.system)
        for (file, module) in try Self.imports(inTarget: target) {
            #expect(ok.contains(module), "Shared/\(target)/\(file) imports \(module), which is not below it")
        }
    }

    @Test func servicesNeverImportTheTestKit() throws {
        let services = RealData.repositoryRoot.appendingPathComponent("Services")
        let e = FileManager.default.enumerator(atPath: services.path)
        while let f = e?.nextObject() as? String, f.hasSuffix(".swift") || true {
            guard f.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: services.appendingPathComponent(f), encoding: .utf8)
            #expect(!text.contains("import TomoTesting") && !text.contains("import TomoJobsTesting"),
                    "Services/\(f) imports the test kit")
        }
    }

    /// The checker itself must catch a violation, or it proves nothing.
    @Test func checkerCatchesAnUpwardImport() {
        let ok = Self.allowed["TomoKernels"]!.union(Self.system)
        #expect(!ok.contains("TomoTransport"))
        #expect(!ok.contains("Foundation"))
    }
}
