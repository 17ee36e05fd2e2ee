import ArgumentParser
import Foundation
import TomoCluster

/// `sta status`: the local cluster's processes and whether the bus answers.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the local cluster's processes.")

    @Option(help: "The RELION project directory.")
    var project = "."

    func run() throws {
        guard let s = try LocalCluster.status(project: URL(fileURLWithPath: project)) else {
            print("no local cluster for \(project) (no .sta/cluster.json)")
            throw ExitCode(1)
        }
        let rows = s.processes.map { [$0.name, String($0.pid), $0.running ? "running" : "stopped"] }
        let width = (rows.map { $0[0].count } + [7]).max()!
        print("SERVICE".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "PID      STATE")
        for r in rows {
            print(r[0].padding(toLength: width + 2, withPad: " ", startingAt: 0) + r[1].padding(toLength: 9, withPad: " ", startingAt: 0) + r[2])
        }
        print("bus \(s.cluster.endpoints.subscribe): \(s.busAnswers ? "answers" : "does not answer"); started \(s.cluster.started)")
        if !s.busAnswers || s.processes.contains(where: { !$0.running }) { throw ExitCode(1) }
    }
}
