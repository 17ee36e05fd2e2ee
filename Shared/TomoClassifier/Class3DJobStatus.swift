/// Where a submitted Class3D job stands (the reply of every `class3d.*` job method).
///
/// JSON keys are the property names (`particlesDone`, `imagesSent`, …); `message` is omitted
/// when nil.
public struct Class3DJobStatus: Codable, Sendable, Hashable {
    /// The project's job id.
    public var job: Int
    /// `"queued"`, `"running"`, `"succeeded"`, `"failed"` or `"cancelled"`.
    public var state: String
    /// Last finished iteration (0 before the first).
    public var iteration: Int
    /// Iterations asked for (`--iter`; 0 until the job has started).
    public var iterations: Int
    /// Particles of the job (0 until it has started).
    public var particles: Int
    /// Particles done within the running iteration.
    public var particlesDone: Int
    /// The error text when failed (or why it was cancelled).
    public var message: String?
    /// `Class3DIterationSummary.line` of every finished iteration, in order.
    public var lines: [String]
    /// Files written for the last iteration (project-relative).
    public var outputs: [String]
    /// Batches per iteration (0 until the job has started).
    public var batches: Int
    /// `class3d.images` replies served for this job (each batch once when placement is sticky).
    public var imagesSent: Int

    /// A status.
    public init(job: Int, state: String, iteration: Int = 0, iterations: Int = 0, particles: Int = 0,
                particlesDone: Int = 0, message: String? = nil, lines: [String] = [], outputs: [String] = [],
                batches: Int = 0, imagesSent: Int = 0) {
        self.job = job
        self.state = state
        self.iteration = iteration
        self.iterations = iterations
        self.particles = particles
        self.particlesDone = particlesDone
        self.message = message
        self.lines = lines
        self.outputs = outputs
        self.batches = batches
        self.imagesSent = imagesSent
    }

    /// Whether the job has ended (succeeded, failed or cancelled).
    public var isFinished: Bool { ["succeeded", "failed", "cancelled"].contains(state) }
}
