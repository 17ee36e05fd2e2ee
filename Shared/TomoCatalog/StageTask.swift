import Foundation

/// The TASK parameters of a distributed stage (`pseudosubtomo`, `reconstructparticletomo`):
/// the job's submitted parameters, the STAR files the worker fetches (`star.get`), the particle
/// indices of this task (0-based, input order) and the size of each tomogram's tilt images.
///
/// JSON: `{"project": "/data/p1", "parameters": {...}, "particles": "…/particles.star", "tomograms": "tomograms.star",
/// "files": ["tomograms.star", "tilt_series/TS_01.star", "…/particles.star"],
/// "indices": [0, 1, …], "images": {"TS_01": [width, height]}}`.
///
/// `project` (the catalog's project root) names the project the job belongs to, so a worker
/// that serves catalogs of several projects never mixes their cached tables.
public struct StageTask: Sendable {
    /// The catalog's project root (an identity, not a path the worker opens).
    public var project: String
    /// The job's `job.submit` parameters.
    public var parameters: [String: String]
    /// Project-relative particle set.
    public var particles: String
    /// Project-relative tomogram set.
    public var tomograms: String
    /// Every STAR file the worker needs, project-relative.
    public var files: [String]
    /// Particle indices of this task.
    public var indices: [Int]
    /// Tilt-image width and height per tomogram name.
    public var images: [String: [Int]]

    /// A task.
    public init(project: String = "", parameters: [String: String], particles: String, tomograms: String, files: [String],
                indices: [Int], images: [String: [Int]]) {
        self.project = project
        self.parameters = parameters
        self.particles = particles
        self.tomograms = tomograms
        self.files = files
        self.indices = indices
        self.images = images
    }

    /// The JSON text.
    public var json: String {
        JSON.string(["project": project, "parameters": parameters, "particles": particles, "tomograms": tomograms, "files": files,
                     "indices": indices, "images": images] as [String: Any])
    }

    /// Reads the JSON text.
    public init(json text: String) throws(CatalogError) {
        let o = try JSON.object(text)
        guard let p = try JSON.string(o, "particles"), let t = try JSON.string(o, "tomograms"),
              let files = o["files"] as? [String], let idx = o["indices"] as? [Any] else {
            throw CatalogError(.badRequest, "stage task lacks particles, tomograms, files or indices: \(text.prefix(200))")
        }
        let indices = idx.compactMap { ($0 as? NSNumber)?.intValue }
        guard indices.count == idx.count else { throw CatalogError(.badRequest, "stage task indices must be integers") }
        var images: [String: [Int]] = [:]
        for (k, v) in (o["images"] as? [String: Any]) ?? [:] {
            images[k] = ((v as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
        }
        self.init(project: (try JSON.string(o, "project")) ?? "",
                  parameters: JSON.stringMap(o["parameters"] as? [String: Any]), particles: p, tomograms: t,
                  files: files, indices: indices, images: images)
    }

    /// The tilt-image size of `tomogram`.
    func imageSize(_ tomogram: String) throws(CatalogError) -> (Int, Int) {
        guard let s = images[tomogram], s.count == 2 else {
            throw CatalogError(.badRequest, "stage task has no tilt-image size for tomogram \(tomogram)")
        }
        return (s[0], s[1])
    }
}
