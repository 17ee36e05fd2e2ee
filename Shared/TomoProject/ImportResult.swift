/// What ``ProjectImporter/importSet(tomograms:particles:optimisationSet:sourceProjectDirectory:alias:missingImages:)``
/// did.
public struct ImportResult: Sendable {
    /// The import job (succeeded).
    public var job: JobRecord
    /// Tomograms (tilt series) imported.
    public var tomogramCount: Int
    /// Tilt images over all tilt series.
    public var tiltImageCount: Int
    /// Particles imported, or nil when no particle set was given.
    public var particleCount: Int?
    /// The output nodes registered (project-relative paths).
    public var outputs: [JobOutput]
    /// Referenced image files (MRC) that were not found, as written in the inputs (only with
    /// ``ProjectImporter/MissingImagePolicy/report``).
    public var missingImageFiles: [String]
    /// Relative image paths that resolved only against the source project and were rewritten as
    /// absolute paths, so the copies still find them.
    public var rewrittenImagePaths: Int
}

extension ProjectImporter {
    /// What to do when a tomogram, tilt image or reference map named by the inputs does not exist.
    public enum MissingImagePolicy: Sendable, Hashable {
        /// Fail before anything is written, with ``ProjectError/missingFiles(source:files:)``.
        case fail
        /// Import anyway, leaving the paths as they were, and list them in
        /// ``ImportResult/missingImageFiles`` (for metadata-only tests and dry runs).
        case report
    }
}
