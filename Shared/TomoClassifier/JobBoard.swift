import Foundation
import Synchronization
import TomoClass3D
import TomoTransport
import TomoWire

/// The classifier's jobs: their statuses, the FIFO queue the runner takes them from, and the
/// answers to `class3d.submit`, `class3d.get` and `class3d.cancel` (on the loop's thread).
final class JobBoard: Sendable {
    struct Board: Sendable {
        var statuses: [Int: Class3DJobStatus] = [:]
        /// Idempotency key → job it submitted.
        var submittedBy: [String: Int] = [:]
        /// The job the runner is on.
        var running: Int?
        /// Jobs asked to stop while running.
        var cancelling: Set<Int> = []
        var stopped = false
    }

    let board = Mutex(Board())
    let queue: AsyncStream<Class3DSubmission>
    let enqueue: AsyncStream<Class3DSubmission>.Continuation
    /// Set once the executor exists (it needs the board's request hook first).
    let executor = Mutex<DistributedClass3DExecutor?>(nil)

    init() { (queue, enqueue) = AsyncStream<Class3DSubmission>.makeStream() }

    /// Changes the status of `job` (when it has one).
    func update(_ job: Int, _ change: (inout Class3DJobStatus) -> Void) {
        board.withLock { b in if b.statuses[job] != nil { change(&b.statuses[job]!) } }
    }

    /// The status of `job`.
    func status(_ job: Int) -> Class3DJobStatus? { board.withLock { $0.statuses[job] } }

    /// Answers the job methods; nil for any other method.
    func onRequest(_ m: Message) -> Message? {
        guard case .request(let r) = m.body else { return nil }
        do throws(ClassifierError) {
            let status: Class3DJobStatus
            switch r.method {
            case ClassifierMethod.submit: status = try submit(r.argumentsJSON, key: m.correlation.idempotencyKey)
            case ClassifierMethod.get:
                let job = try JSONArguments.int(try JSONArguments.object(r.argumentsJSON, what: r.method), "job", what: r.method)
                guard let s = self.status(job) else { throw ClassifierError(.notFound, "\(r.method): no job \(job)") }
                status = s
            case ClassifierMethod.cancel:
                let job = try JSONArguments.int(try JSONArguments.object(r.argumentsJSON, what: r.method), "job", what: r.method)
                status = try cancel(job)
            default: return nil
            }
            return Message(.reply(.init(method: r.method, resultJSON: JSONArguments.encode(status))))
        } catch {
            return m.errorReply(error.code, error.message)
        }
    }

    private func submit(_ json: String, key: IdempotencyKey) throws(ClassifierError) -> Class3DJobStatus {
        let what = ClassifierMethod.submit
        let sub = try JSONArguments.decode(Class3DSubmission.self, json, what: what)
        if key != .none, let job = board.withLock({ $0.submittedBy[key.description] }), let s = status(job) { return s }
        do { _ = try Class3DArguments.parse(sub.flags) } catch {
            throw ClassifierError(.malformed, "\(what) job \(sub.job): \(error.description)")
        }
        guard sub.project.hasPrefix("/") else {
            throw ClassifierError(.malformed, "\(what) job \(sub.job): project \"\(sub.project)\" is not an absolute path")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sub.project, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ClassifierError(.malformed, "\(what) job \(sub.job): project directory \(sub.project) does not exist on the classifier's host")
        }
        let status = try board.withLock { b throws(ClassifierError) -> Class3DJobStatus in
            guard !b.stopped else { throw ClassifierError(.overloaded, "\(what): the classifier is stopping") }
            if let old = b.statuses[sub.job], !old.isFinished {
                throw ClassifierError(.duplicate, "\(what): job \(sub.job) is already \(old.state)")
            }
            let s = Class3DJobStatus(job: sub.job, state: "queued")
            b.statuses[sub.job] = s
            if key != .none { b.submittedBy[key.description] = sub.job }
            return s
        }
        enqueue.yield(sub)
        return status
    }

    private func cancel(_ job: Int) throws(ClassifierError) -> Class3DJobStatus {
        let (status, running) = try board.withLock { b throws(ClassifierError) -> (Class3DJobStatus, Bool) in
            guard let s = b.statuses[job] else { throw ClassifierError(.notFound, "\(ClassifierMethod.cancel): no job \(job)") }
            if s.state == "queued" {
                b.statuses[job]!.state = "cancelled"
                b.statuses[job]!.message = "cancelled before it started"
                return (b.statuses[job]!, false)
            }
            guard b.running == job, s.state == "running" else { return (s, false) }
            b.cancelling.insert(job)
            return (s, true)
        }
        if running { executor.withLock { $0 }?.cancel(reason: "job \(job) cancelled") }
        return status
    }
}
