import ArgumentParser

/// `monitor`: the event bus service and its command-line views.
@main
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "The event bus (XSUB/XPUB with a last-value cache) and live views of jobs and workers.",
        subcommands: [ServeCommand.self, JobsCommand.self, FollowCommand.self, SubscribeCommand.self, HealthCommand.self])
}
