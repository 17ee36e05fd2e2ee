import ArgumentParser
import Foundation
import TomoMonitor
import TomoService
import TomoTransport
import TomoWire

/// `monitor follow JOB`: live progress bars, iteration lines and worker flags until the job ends.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "follow", abstract: "Follow one job live until it ends.")

    @Argument(help: "The job id.")
    var job: String
    @Option(name: [.customLong("events"), .customLong("xpub")], help: "The bus's subscriber (XPUB) endpoint.")
    var events = "tcp://127.0.0.1:5558"
    @Option(help: "Write job<id>_it<NNN>_classes.png (central sections of every class) and job<id>_convergence.png here as iterations finish.")
    var pictures: String?
    @OptionGroup var security: SecurityOptions

    func validate() throws {
        try security.check(connect: [events])
        guard Message.Event.isValidTopic(Array("job.\(job).state".utf8)) else {
            throw ValidationError("job id \"\(job)\" is not usable in a topic ([a-z0-9._-])")
        }
    }

    func run() throws {
        let context = try ZMQContext()
        var pictures = self.pictures.map { ClassPictures(job: job, directory: URL(fileURLWithPath: $0)) }
        let final = try FollowSession.run(context: context, endpoint: events, job: job,
                                          isTerminal: isatty(STDOUT_FILENO) != 0,
                                          security: try security.security(context: context).connecting(events),
                                          onEvent: { e in
                                              do { _ = try pictures?.apply(e.topic, json: e.json) } catch {
                                                  FileHandle.standardError.write(Data("monitor: \(error)\n".utf8))
                                              }
                                          }) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if final != "succeeded" { throw ExitCode(1) }
    }
}
