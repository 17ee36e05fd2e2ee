import Foundation
import TomoRefine
import TomoTransport
import TomoWire

/// The `aligner`'s work: the E-step of one batch of particles (`class3d.estep`).
///
/// A task carries the batch's poses; the handler fetches the iteration's state
/// (`class3d.state`, once per iteration) and the batch's images (`class3d.images`, once per
/// batch and run: placement is sticky, so an aligner normally sees the same batches every
/// iteration) from the classifier, runs `BatchExpectation.run` and answers with the
/// `BatchSums` bytes. Result summary: `{"batch": b, "particles": n}`. Bytes that do not decode
/// fail the task permanently with a reason naming what and where; a classifier that cannot be
/// reached fails it retryably.
public enum AlignerOperations {
    /// Handlers for an aligner's `WorkerLoop`: `[AlignerOperation.expectation: …]`. Each compute
    /// thread talks to `classifier` with its own `RequestClient` (same `security` as the worker).
    public static func handlers(context: ZMQContext, classifier: String,
                                security: CurveSecurity) throws -> [String: WorkerLoop.Handler] {
        let cache = AlignerCache()
        let handler: WorkerLoop.Handler = { task in
            do {
                return try expectation(task, cache: cache) {
                    try client(context: context, endpoint: classifier, security: security)
                }
            } catch let e as ClassifierError where e.code == .malformed {
                return .init(status: .failedPermanent,
                             summaryJSON: JSONArguments.string(["reason": "\(task.key): \(e.message)"]))
            }
        }
        return [AlignerOperation.expectation: handler]
    }

    static func expectation(_ task: WorkerLoop.TaskInput, cache: AlignerCache,
                            client: () throws -> RequestClient) throws -> WorkerLoop.TaskOutput {
        let what = "\(AlignerOperation.expectation) \(task.key)"
        let o = try JSONArguments.object(task.parametersJSON, what: what)
        let run = try JSONArguments.int(o, "job", what: what)
        let it = try JSONArguments.int(o, "iteration", what: what)
        let b = try JSONArguments.int(o, "batch", what: what)
        let poses: ParticleBatchPoses
        do { poses = try ParticleBatchPoses(decoding: try ByteBlob.first(task.payloads, what: what + " poses")) } catch let e as ClassifierError {
            throw e
        } catch {
            throw ClassifierError(.malformed, "\(what) poses: \(error)")
        }
        guard poses.batch == b else { throw ClassifierError(.malformed, "\(what): poses are of batch \(poses.batch), not \(b)") }
        let prepared = try cache.prepared(run: run, iteration: it) {
            let args = JSONArguments.string(["job": run, "iteration": it])
            let r = try client().call(ClassifierMethod.state, argumentsJSON: args, timeoutMilliseconds: 60_000)
            let bytes = try ByteBlob.first(r.payloads, what: "\(ClassifierMethod.state) \(args)")
            do { return PreparedIteration(try IterationState(decoding: bytes)) } catch {
                throw ClassifierError(.malformed, "\(ClassifierMethod.state) \(args): \(error)")
            }
        }
        guard prepared.state.iteration == it else {
            throw ClassifierError(.malformed, "\(what): the classifier's state is of iteration \(prepared.state.iteration)")
        }
        let images = try cache.images(run: run, batch: b) {
            let args = JSONArguments.string(["job": run, "batch": b])
            let r = try client().call(ClassifierMethod.images, argumentsJSON: args, timeoutMilliseconds: 60_000)
            let bytes = try ByteBlob.first(r.payloads, what: "\(ClassifierMethod.images) \(args)")
            do { return try ParticleBatchImages(decoding: bytes) } catch {
                throw ClassifierError(.malformed, "\(ClassifierMethod.images) \(args): \(error)")
            }
        }
        guard images.batch == b, images.firstIndex == poses.firstIndex, images.count == poses.particles.count else {
            throw ClassifierError(.malformed, "\(what): images (batch \(images.batch), \(images.count) from \(images.firstIndex)) and poses (\(poses.particles.count) from \(poses.firstIndex)) differ")
        }
        let sums = BatchExpectation.run(images: images, poses: poses, context: prepared)
        return .init(summaryJSON: JSONArguments.string(["batch": b, "particles": images.count]),
                     payloads: [try ByteBlob.payload(sums.encoded())])
    }

    /// One `RequestClient` per compute thread, context and endpoint.
    static func client(context: ZMQContext, endpoint: String, security: CurveSecurity) throws -> RequestClient {
        let key = "sta.classifier-client.\(ObjectIdentifier(context).hashValue).\(endpoint)"
        if let c = Thread.current.threadDictionary[key] as? RequestClient { return c }
        let c = try RequestClient(context: context, endpoint: endpoint, security: security)
        Thread.current.threadDictionary[key] = c
        return c
    }
}
