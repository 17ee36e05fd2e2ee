import Foundation
import Synchronization

/// A one-shot handover of a value between threads: `fulfil` once, `wait` blocks until then.
/// Used for the start and stop handshakes of the socket-owning loops.
final class Latch<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let condition = NSCondition()

    /// Stores the value (only the first call counts) and wakes every waiter.
    func fulfil(_ v: Value) {
        condition.lock()
        value.withLock { if $0 == nil { $0 = v } }
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the value is there, or `timeout` passes (then nil).
    func wait(timeout: Duration = .seconds(3600)) -> Value? {
        let deadline = Date().addingTimeInterval(Double(timeout.components.seconds)
                                                 + Double(timeout.components.attoseconds) * 1e-18)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let v = value.withLock({ $0 }) { return v }
            if !condition.wait(until: deadline) { return value.withLock { $0 } }
        }
    }
}

/// Starts `body` on a dedicated thread: a socket's owner blocks in `zmq_poll`, which must not
/// happen on the cooperative pool of Swift concurrency.
func startOwnerThread(name: String, _ body: @escaping @Sendable () -> Void) {
    let t = Thread(block: body)
    t.name = name
    t.start()
}

/// Sleeps the calling (owner or test) thread.
func sleepThisThread(milliseconds: Int) {
    Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
}

/// A mutex-protected value in a class, so it can be shared by reference between an owner
/// thread and its callers (`Mutex` itself is non-copyable).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout sending Value) throws -> sending R) rethrows -> R {
        try mutex.withLock(body)
    }
}
