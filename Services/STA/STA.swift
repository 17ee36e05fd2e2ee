import ArgumentParser

/// The one user-facing command. Each subcommand is a thin shell over a `Shared/` library.
@main
struct STA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sta",
        abstract: "Subtomogram averaging for RELION 5 projects, scaled across machines.",
        subcommands: [InfoCommand.self, PrintTableCommand.self, SimulateCommand.self,
                      ExtractCommand.self, ReconstructCommand.self, SelectCommand.self,
                      UpCommand.self, StatusCommand.self, DownCommand.self,
                      KeysCommand.self, Class3DCommand.self, CompareCommand.self])
}
