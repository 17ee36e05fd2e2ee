import ArgumentParser
import TomoService

/// `monitor health`: exit 0 when `monitor serve` wrote a fresh `monitor.health` (as
/// `catalog health`, `extractor health`).
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "health", abstract: "Exit 0 when the monitor is healthy.")
    @OptionGroup var probe: HealthProbeOptions
    func run() throws { try probe.run(service: "monitor") }
}
