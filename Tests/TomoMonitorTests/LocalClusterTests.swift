import Foundation
import Testing
import TomoCluster
import TomoTesting

@Suite(.serialized) struct LocalClusterTests {
    /// Where `swift build` puts the executables (the monitor is built with the tests).
    static let products = RealData.repositoryRoot.appendingPathComponent(".build/debug")
    static var monitorBuilt: Bool { FileManager.default.isExecutableFile(atPath: products.appendingPathComponent("monitor").path) }

    /// up starts the monitor (and says which services are missing), status shows it running and
    /// the bus answering, down stops it and removes cluster.json, and no process is left.
    @Test(.enabled(if: monitorBuilt, "needs .build/debug/monitor")) func upStatusDown() throws {
        let project = try shortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let present = Set(LocalCluster.services.map(\.name).filter {
            FileManager.default.isExecutableFile(atPath: Self.products.appendingPathComponent($0).path)
        })
        let up = try LocalCluster.up(project: project, executables: Self.products)
        #expect(up.cluster.processes.map(\.name).first == "monitor")
        #expect(Set(up.cluster.processes.map(\.name)) == present)
        #expect(Set(up.missing) == Set(LocalCluster.services.map(\.name)).subtracting(present))
        #expect(up.cluster.endpoints.subscribe == "ipc://\(project.path)/.sta/bus.ipc")
        let onDisk = try #require(try ClusterFile.read(project: project))
        #expect(onDisk == up.cluster)

        #expect(throws: ClusterError.self) { try LocalCluster.up(project: project, executables: Self.products) }

        let status = try #require(try LocalCluster.status(project: project))
        let monitor = try #require(status.processes.first { $0.name == "monitor" })
        #expect(monitor.running)
        #expect(status.busAnswers)

        let killed = try #require(try LocalCluster.down(project: project, timeout: .seconds(5)))
        #expect(killed.isEmpty)                       // SIGTERM sufficed
        #expect(!ProcessControl.isRunning(pid: monitor.pid, executable: "monitor"))
        #expect(try ClusterFile.read(project: project) == nil)
        #expect(try LocalCluster.status(project: project) == nil)
        #expect(!FileManager.default.fileExists(atPath: project.path + "/.sta/bus.ipc"))
    }

    @Test func endpointsAreIPCUnderDotSta() throws {
        let e = try LocalCluster.endpoints(project: URL(fileURLWithPath: "/p"))
        #expect(e.events == "ipc:///p/.sta/events.ipc")
        #expect(e.subscribe == "ipc:///p/.sta/bus.ipc")
        #expect(e.catalog == "ipc:///p/.sta/catalog.ipc")
    }

    @Test func tooLongSocketPathIsRefused() {
        let long = URL(fileURLWithPath: "/" + String(repeating: "d", count: 120))
        #expect(throws: ClusterError.self) { try LocalCluster.endpoints(project: long) }
    }

    @Test func downWithoutClusterSaysSo() throws {
        let project = try shortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try LocalCluster.down(project: project) == nil)
    }
}
