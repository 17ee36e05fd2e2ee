import TomoTransport
import TomoWire

/// `sta class3d`'s side of the classifier's job methods.
public enum ClassifierClient {
    /// Submits a job (`class3d.submit`, with a fresh idempotency key).
    /// - Throws: `RequestError`: 400 naming a bad flag or a missing project, 409 when the job is
    ///   already queued or running, or a timeout.
    public static func submit(_ client: RequestClient, _ submission: Class3DSubmission) throws -> Class3DJobStatus {
        var rng = SystemRandomNumberGenerator()
        let r = try client.call(ClassifierMethod.submit, argumentsJSON: JSONArguments.encode(submission),
                                idempotencyKey: IdempotencyKey(using: &rng), jobID: UInt64(max(0, submission.job)))
        return try decode(r, ClassifierMethod.submit)
    }

    /// The status of `job` (`class3d.get`). - Throws: `RequestError` (404: no such job).
    public static func status(_ client: RequestClient, job: Int) throws -> Class3DJobStatus {
        let r = try client.call(ClassifierMethod.get, argumentsJSON: "{\"job\":\(job)}", jobID: UInt64(max(0, job)))
        return try decode(r, ClassifierMethod.get)
    }

    /// Asks `job` to stop (`class3d.cancel`); the returned status shows `cancelled` once it has.
    public static func cancel(_ client: RequestClient, job: Int) throws -> Class3DJobStatus {
        var rng = SystemRandomNumberGenerator()
        let r = try client.call(ClassifierMethod.cancel, argumentsJSON: "{\"job\":\(job)}",
                                idempotencyKey: IdempotencyKey(using: &rng), jobID: UInt64(max(0, job)))
        return try decode(r, ClassifierMethod.cancel)
    }

    static func decode(_ r: RequestClient.Response, _ method: String) throws -> Class3DJobStatus {
        try JSONArguments.decode(Class3DJobStatus.self, r.reply.resultJSON, what: "\(method) reply")
    }
}
