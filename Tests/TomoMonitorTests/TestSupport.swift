import Foundation
import TomoTransport

/// Polls `condition` every 5 ms until it holds or `timeout` passes; returns whether it held.
func waitUntil(timeout: Duration = .seconds(3), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return condition()
}

/// A fresh short directory under /tmp (ipc socket paths must stay under 107 bytes).
func shortTemporaryDirectory() throws -> URL {
    let url = URL(fileURLWithPath: "/tmp/stam-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Receives events from `subscriber` until `count` have arrived or `timeout` passes.
func receive(_ subscriber: EventSubscriber, count: Int, timeoutMilliseconds: Int = 3000) throws -> [ReceivedEvent] {
    var out: [ReceivedEvent] = []
    while out.count < count, let e = try subscriber.next(timeoutMilliseconds: timeoutMilliseconds) { out.append(e) }
    return out
}

/// The instant `seconds` after the origin.
func at(_ seconds: Double) -> MonotonicInstant { .seconds(seconds) }
