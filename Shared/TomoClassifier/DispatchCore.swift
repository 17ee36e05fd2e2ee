import Synchronization
import TomoRefine
import TomoTransport
import TomoWire

/// The state shared by a ``DistributedClass3DExecutor`` and its coordinator loop's hooks: the
/// current run and iteration, the encoded `IterationState` served by `class3d.state`, the
/// engine snapshot that `class3d.images` encodes batches from, sticky placement, registered
/// aligners, and the stream that hands results to the waiting iteration.
final class DispatchCore: Sendable {
    /// What the loop hands to the iteration waiting for results.
    enum Delivery: Sendable {
        /// A batch's first RESULT.
        case result(batch: Int, worker: WorkerID, name: String, payloads: [Payload])
        /// A batch was parked as poison (failed or lost its worker too often).
        case poisoned(batch: Int, reason: String)
        /// The run was cancelled.
        case cancelled(String)
    }

    struct State: Sendable {
        var run: UInt64 = 0
        var nextRun: UInt64
        var iteration = 0
        var statePayload: Payload?
        var stateBytes = 0
        var snapshot: ClassificationEngine?
        var imagesSent = 0
        var preferred: [Int: WorkerID] = [:]
        var placements: [Int: [String]] = [:]
        var sink: AsyncStream<Delivery>.Continuation?
        var workers: [WorkerID: String] = [:]
        var cancelled: String?
    }

    let state: Mutex<State>

    init() {
        // Run ids start at a random point so that a restarted classifier never reuses an id an
        // aligner still caches (below 2^52: exact in JSON numbers).
        state = Mutex(State(nextRun: UInt64.random(in: 1...(1 << 40)) << 8))
    }

    /// Starts a new run: a fresh id, no cached state or images, no placement history.
    func beginRun() -> UInt64 {
        state.withLock { s in
            Self.beginRun(&s)
            return s.run
        }
    }

    /// Starts a new run in `s` (under the lock).
    static func beginRun(_ s: inout State) {
        s.sink?.yield(.cancelled("a new run started"))
        s.sink = nil
        s.run = s.nextRun
        s.nextRun += 1
        s.iteration = 0
        s.statePayload = nil
        s.stateBytes = 0
        s.snapshot = nil
        s.imagesSent = 0
        s.preferred = [:]
        s.placements = [:]
        s.cancelled = nil
    }

    /// Cancels the current run: the waiting iteration (or the next one) throws `reason`.
    func cancel(_ reason: String) -> UInt64 {
        state.withLock { s in
            s.cancelled = reason
            s.sink?.yield(.cancelled(reason))
            return s.run
        }
    }

    // MARK: hooks (loop thread)

    func onResult(_ c: CoordinatorLoop.CompletedTask) {
        state.withLock { s in
            guard c.key.job == s.run, Int(c.key.iteration) == s.iteration, let sink = s.sink else { return }
            sink.yield(.result(batch: Int(c.key.task), worker: c.worker, name: c.workerName, payloads: c.payloads))
        }
    }

    func onEvents(_ events: [CoordinatorLoop.Event]) {
        state.withLock { s in
            for e in events {
                switch e {
                case .workerJoined(let id, let name, _): s.workers[id] = name
                case .workerLeft(let id, _, _): s.workers[id] = nil
                case .ledger(.workerRemoved(let id)): s.workers[id] = nil
                case .ledger(.poisoned(let key, let reason)):
                    guard key.job == s.run, Int(key.iteration) == s.iteration else { continue }
                    s.sink?.yield(.poisoned(batch: Int(key.task), reason: "\(reason)"))
                default: break
                }
            }
        }
    }

    /// Answers `class3d.state` and `class3d.images`; nil for any other method.
    func onRequest(_ m: Message) -> Message? {
        guard case .request(let r) = m.body else { return nil }
        do throws(ClassifierError) {
            switch r.method {
            case ClassifierMethod.state:
                let o = try JSONArguments.object(r.argumentsJSON, what: r.method)
                let run = try JSONArguments.int(o, "job", what: r.method), it = try JSONArguments.int(o, "iteration", what: r.method)
                let (payload, bytes) = try state.withLock { s throws(ClassifierError) -> (Payload, Int) in
                    guard UInt64(exactly: run) == s.run, it == s.iteration, let p = s.statePayload else {
                        throw ClassifierError(.notFound, "\(r.method): no state for run \(run) iteration \(it); serving run \(s.run) iteration \(s.iteration)")
                    }
                    return (p, s.stateBytes)
                }
                return Message(.reply(.init(method: r.method, resultJSON: "{\"bytes\":\(bytes)}")), payloads: [payload])
            case ClassifierMethod.images:
                let o = try JSONArguments.object(r.argumentsJSON, what: r.method)
                let run = try JSONArguments.int(o, "job", what: r.method), b = try JSONArguments.int(o, "batch", what: r.method)
                let engine = try state.withLock { s throws(ClassifierError) -> ClassificationEngine in
                    guard UInt64(exactly: run) == s.run, let e = s.snapshot else {
                        throw ClassifierError(.notFound, "\(r.method): no images for run \(run); serving run \(s.run)")
                    }
                    guard b >= 0 && b < e.batchCount else {
                        throw ClassifierError(.notFound, "\(r.method): batch \(b) outside 0..<\(e.batchCount) of run \(run)")
                    }
                    return e
                }
                let bytes = engine.batchImages(b).encoded()
                let payload = try ByteBlob.payload(bytes)
                state.withLock { $0.imagesSent += 1 }
                return Message(.reply(.init(method: r.method, resultJSON: "{\"bytes\":\(bytes.count)}")), payloads: [payload])
            default:
                return nil
            }
        } catch {
            return m.errorReply(error.code, error.message)
        }
    }
}
