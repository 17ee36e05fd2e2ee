import Dispatch
import Foundation

/// Graceful shutdown on SIGTERM and SIGINT: the signals are ignored by the default handler and
/// delivered to a dispatch source instead, so a service finishes or hands back its work.
public enum SignalWatcher {
    /// Suspends until SIGTERM or SIGINT arrives; returns the signal number.
    public static func waitForTermination() async -> Int32 {
        let box = SourceBox()
        return await withCheckedContinuation { (c: CheckedContinuation<Int32, Never>) in
            let queue = DispatchQueue(label: "sta.signals")
            for sig in [SIGTERM, SIGINT] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler {
                    if box.claim() { c.resume(returning: sig) }
                }
                source.resume()
                box.keep(source)
            }
        }
    }
}

/// Keeps the signal sources alive and lets only the first signal resume the waiter.
private final class SourceBox: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var claimed = false
    func keep(_ s: any DispatchSourceSignal) { lock.withLock { sources.append(s) } }
    func claim() -> Bool { lock.withLock { defer { claimed = true }; return !claimed } }
}
