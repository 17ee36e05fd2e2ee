import Foundation
import TomoTransport

/// Turns `FollowView` outputs into terminal text. On a terminal the status line is redrawn in
/// place (carriage return, erase line) and permanent lines are printed above it; otherwise each
/// status is printed as its own line.
public struct TerminalRenderer: Sendable {
    /// Whether the output is a terminal.
    public let isTerminal: Bool
    private var status: String?

    /// A renderer for a terminal (`isTerminal`) or a pipe.
    public init(isTerminal: Bool) { self.isTerminal = isTerminal }

    /// The text to write for `outputs`.
    public mutating func render(_ outputs: [FollowView.Output]) -> String {
        var s = ""
        for o in outputs {
            switch o {
            case .status(let text):
                if isTerminal { s += "\r\u{1B}[2K" + text } else { s += text + "\n" }
                status = text
            case .line(let text):
                if isTerminal {
                    s += "\r\u{1B}[2K" + text + "\n" + (status ?? "")
                } else {
                    s += text + "\n"
                }
            }
        }
        return s
    }
}

/// The shell of `monitor follow JOB`: subscribes to the job's and the workers' topics, feeds each
/// event and a liveness tick every `tickInterval` to a `FollowView`, and writes what it returns
/// until the job ends (or `timeout`, if given, passes). `onEvent` sees every event first (e.g. to
/// draw `ClassPictures`).
public enum FollowSession {
    /// Runs the view; returns the job's final state (nil on timeout).
    public static func run(context: ZMQContext, endpoint: String, job: String, isTerminal: Bool,
                           timeout: Duration? = nil, tickInterval: Duration = .milliseconds(250),
                           security: CurveSecurity = .off,
                           onEvent: (ReceivedEvent) -> Void = { _ in },
                           write: (String) -> Void) throws -> String? {
        var view = FollowView(job: job)
        let subscriber = try EventSubscriber(context: context, connectTo: endpoint, topics: view.topics,
                                             security: security)
        var renderer = TerminalRenderer(isTerminal: isTerminal)
        let clock = SystemTransportClock()
        let deadline = timeout.map { clock.now + $0 }
        var nextTick = clock.now + tickInterval
        while !view.isFinished {
            if let d = deadline, clock.now >= d { return nil }
            if let e = try subscriber.next(timeoutMilliseconds: Int(tickInterval / .milliseconds(1))) {
                onEvent(e)
                write(renderer.render(view.apply(e, at: clock.now)))
            }
            if clock.now >= nextTick {
                write(renderer.render(view.tick(at: clock.now)))
                nextTick = clock.now + tickInterval
            }
        }
        return view.finalState
    }
}
