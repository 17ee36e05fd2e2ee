import Foundation
import Synchronization
import TomoJobs
import TomoProject
import TomoRelion

/// The inputs of a distributed stage as the catalog reads them from the project: the particle
/// and tomogram sets, the STAR files a worker must fetch, and each tomogram's tilt-image size.
struct StageInputs: Sendable {
    var particlesPath: String
    var tomogramsPath: String
    var optimisationSet: OptimisationSet?
    var particles: ParticleSet
    var tomograms: TomogramSet
    /// Project-relative STAR files for `star.get`: tomograms, per-tilt-series, particles.
    var files: [String]
    /// Tilt-image width and height per tomogram.
    var images: [String: [Int]]
    /// The project root.
    var root: String

    init(_ parameters: StageParameters, root: String) throws(CatalogError) {
        let (p, t, i) = try parameters.inputs(root: root)
        let source = TileSource(root: root)
        do {
            optimisationSet = try i.map { try OptimisationSet.read(path: try source.resolve($0)) }
            tomograms = try TomogramSet.read(path: try source.resolve(t), projectDirectory: root)
            particles = try ParticleSet.read(path: try source.resolve(p), tomograms: tomograms)
        } catch let e as CatalogError {
            throw e
        } catch {
            throw CatalogError(.notFound, "cannot read the inputs \(p), \(t): \(error)")
        }
        particlesPath = p
        self.root = root
        tomogramsPath = t
        var files = [t]
        let starDirectory = (t as NSString).deletingLastPathComponent
        let images = TiltImageSource(projectDirectory: root)
        var sizes: [String: [Int]] = [:]
        for tomo in tomograms.tomograms {
            if let rel = tomo.tiltSeriesStarFile {
                let underRoot = FileManager.default.fileExists(atPath: root + "/" + rel) || rel.hasPrefix("/")
                files.append(underRoot || starDirectory.isEmpty ? rel : starDirectory + "/" + rel)
            }
            guard let first = tomo.tiltSeries.frames.first?.micrographName else {
                throw CatalogError(.notFound, "tomogram \(tomo.name) has no tilt image with rlnMicrographName")
            }
            do {
                let s = try images.imageSize(of: first)
                sizes[tomo.name] = [s.width, s.height]
            } catch {
                throw CatalogError(.notFound, "cannot open the tilt image \(first) of \(tomo.name): \(error)")
            }
        }
        files.append(p)
        self.files = files
        self.images = sizes
    }

    /// A task over `indices`.
    func task(_ parameters: [String: String], indices: [Int]) -> StageTask {
        StageTask(project: root, parameters: parameters, particles: particlesPath, tomograms: tomogramsPath, files: files,
                  indices: indices, images: images)
    }
}

/// Parsed inputs kept per job while it runs (results of one job arrive many times).
final class StageInputsCache: Sendable {
    private let entries = Mutex<[Int: StageInputs]>([:])

    func inputs(_ job: JobRecord, root: String) throws(CatalogError) -> StageInputs {
        if let e = entries.withLock({ $0[job.id] }) { return e }
        let e = try StageInputs(StageParameters(job.parameters), root: root)
        entries.withLock { $0[job.id] = e }
        return e
    }

    func forget(_ job: Int) { _ = entries.withLock { $0.removeValue(forKey: job) } }
}
