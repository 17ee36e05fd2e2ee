import ArgumentParser
import Foundation
import TomoCluster

/// `sta up`: starts the local cluster of a project (monitor, catalog, one worker of each kind).
struct UpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "up",
        abstract: "Start the local cluster (monitor, catalog, workers) on ipc:// endpoints under <project>/.sta/.")

    @Option(help: "The RELION project directory.")
    var project = "."

    func run() throws {
        let report = try LocalCluster.up(project: URL(fileURLWithPath: project))
        for p in report.cluster.processes { print("started \(p.name) (pid \(p.pid)), log \(p.log)") }
        if !report.missing.isEmpty { print("not found next to sta (not started): \(report.missing.joined(separator: ", "))") }
        print("events \(report.cluster.endpoints.events), subscribers \(report.cluster.endpoints.subscribe), catalog \(report.cluster.endpoints.catalog)")
    }
}
