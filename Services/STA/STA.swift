import ArgumentParser

@main
struct STA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sta", abstract: "Subtomogram averaging.")
}
