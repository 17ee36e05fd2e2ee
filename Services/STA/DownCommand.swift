import ArgumentParser
import Foundation
import TomoCluster

/// `sta down`: stops the local cluster (SIGTERM, then SIGKILL after a timeout).
struct DownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop the local cluster.")

    @Option(help: "The RELION project directory.")
    var project = "."
    @Option(help: "Seconds to wait after SIGTERM before SIGKILL.")
    var timeout = 5.0

    func run() throws {
        guard let killed = try LocalCluster.down(project: URL(fileURLWithPath: project),
                                                 timeout: .milliseconds(Int(timeout * 1000))) else {
            print("no local cluster for \(project) (no .sta/cluster.json)")
            return
        }
        print(killed.isEmpty ? "stopped" : "stopped; killed after \(timeout) s: \(killed.joined(separator: ", "))")
    }
}
