import Foundation
import TomoWire

/// The compute threads of a `WorkerLoop`: a FIFO of tasks and `threads` threads that run the
/// handler and push each RESULT (prefixed by a 24-byte frame: job u64, iteration u32, task u64,
/// attempt u32) to the socket owner's `inproc://` PULL socket. Each thread owns its PUSH socket.
final class ComputePool: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [WorkerLoop.TaskInput] = []
    private var stopping = false
    private var killed = false
    private var running = 0

    init(threads: Int, context: ZMQContext, resultsEndpoint: String, handler: @escaping WorkerLoop.Handler) {
        for i in 0..<threads {
            startOwnerThread(name: "compute \(i)") { [self] in
                guard let push = try? ZMQSocket(context, type: .push, lingerMilliseconds: 0),
                      (try? push.connect(resultsEndpoint)) != nil else { return }
                while let task = next() {
                    let output: WorkerLoop.TaskOutput
                    let started = ContinuousClock.now
                    do { output = try handler(task) } catch {
                        output = .init(status: .failedRetryable, summaryJSON: Self.reasonJSON("\(error)"))
                    }
                    let elapsed = started.duration(to: .now).components
                    let ms = UInt32(clamping: elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
                    let result = Message(.result(.init(status: output.status, computeMilliseconds: ms,
                                                       summaryJSON: output.summaryJSON)),
                                         correlation: task.correlation, payloads: output.payloads)
                    var tag = [UInt8]()
                    tag.reserveCapacity(24)
                    append(&tag, task.key.job, 8)
                    append(&tag, UInt64(task.key.iteration), 4)
                    append(&tag, task.key.task, 8)
                    append(&tag, UInt64(task.attempt), 4)
                    condition.lock()
                    running -= 1
                    let dead = killed
                    condition.unlock()
                    if !dead { try? push.send([tag] + result.encode()) }
                }
            }
        }
    }

    /// `{"reason": "..."}` with the reason escaped.
    static func reasonJSON(_ reason: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: ["reason": reason])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes the tag frame: (key, attempt).
    static func decodeTag(_ f: [UInt8]) -> (TaskKey, UInt32)? {
        guard f.count == 24 else { return nil }
        func read(_ at: Int, _ n: Int) -> UInt64 { (0..<n).reduce(0) { $0 | UInt64(f[at + $1]) << (8 * UInt64($1)) } }
        return (TaskKey(job: read(0, 8), iteration: UInt32(read(8, 4)), task: read(12, 8)), UInt32(read(20, 4)))
    }

    /// Queues a task.
    func submit(_ task: WorkerLoop.TaskInput) {
        condition.lock()
        queue.append(task)
        condition.signal()
        condition.unlock()
    }

    /// Removes the tasks not yet started and returns their keys.
    func removeQueued() -> [TaskKey] {
        condition.lock()
        defer { condition.unlock() }
        let keys = queue.map(\.key)
        queue = []
        return keys
    }

    /// Ends the threads after their current task; with `kill`, their results are not sent.
    func shutdown(kill: Bool) {
        condition.lock()
        stopping = true
        if kill { killed = true }
        queue = []
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> WorkerLoop.TaskInput? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !stopping { condition.wait() }
        if stopping { return nil }
        running += 1
        return queue.removeFirst()
    }
}

private func append(_ out: inout [UInt8], _ v: UInt64, _ n: Int) {
    for i in 0..<n { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
}
