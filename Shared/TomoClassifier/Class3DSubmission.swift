/// What `class3d.submit` carries: a Class3D run of a project, as `relion_refine` flags.
///
/// JSON: `{"project": "/data/p", "flags": ["--o", "Class3D/job013/run", …], "job": 13, "events": "tcp://…"}`.
public struct Class3DSubmission: Codable, Sendable, Hashable {
    /// Absolute project directory as the classifier sees it.
    public var project: String
    /// `relion_refine` flags (`--o` already resolved to the job's output root, project-relative).
    public var flags: [String]
    /// The project's job id (events: `job.<id>.*`).
    public var job: Int
    /// Monitor XSUB endpoint for job events (nil: none).
    public var events: String?

    /// A submission.
    public init(project: String, flags: [String], job: Int, events: String?) {
        self.project = project
        self.flags = flags
        self.job = job
        self.events = events
    }
}
