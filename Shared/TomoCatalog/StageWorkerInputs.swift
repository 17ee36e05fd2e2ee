import Foundation
import Synchronization
import TomoAlgorithms
import TomoCore
import TomoJobs
import TomoKernels
import TomoRelion
import TomoTransport
import TomoWire

/// What a worker of a distributed stage needs, fetched from the catalog (no shared file system):
/// the job's STAR files through `star.get` (kept in a private per-process cache directory under
/// the same project-relative names, so the ordinary `TomoRelion` readers resolve per-tilt-series
/// files), and tilt-image windows through `tile.get` (``RemoteTiltImages``).
///
/// The parsed sets are kept per job in memory, so each job's tables are fetched once per worker.
public final class StageWorkerInputs: Sendable {
    /// The sets of one job.
    public struct Sets: Sendable {
        /// The particles.
        public var particles: ParticleSet
        /// The tomograms.
        public var tomograms: TomogramSet
    }

    let context: ZMQContext
    let catalog: String
    let timeoutMilliseconds: Int
    let security: CurveSecurity
    /// The cache directory (`$TMPDIR/sta-worker-<pid>`).
    public let directory: String
    private let jobs = Mutex<[String: Sets]>([:])

    /// Inputs fetched from `catalog` (connections secured by `security`).
    public init(context: ZMQContext, catalog: String, timeoutMilliseconds: Int = 30_000, security: CurveSecurity = .off) {
        self.context = context
        self.security = security
        self.catalog = catalog
        self.timeoutMilliseconds = timeoutMilliseconds
        directory = NSTemporaryDirectory() + "sta-worker-\(getpid())"
    }

    /// The calling thread's client of the catalog.
    public func client() throws -> RequestClient { try ThreadClients.client(context: context, endpoint: catalog, security: security) }

    /// The particle and tomogram sets of `task`'s job (fetched on first use; kept per project
    /// and job).
    public func sets(_ task: StageTask, job: UInt64) throws -> Sets {
        let key = task.project + "#\(job)"
        if let s = jobs.withLock({ $0[key] }) { return s }
        let root = directory + "/" + String(UInt32(truncatingIfNeeded: key.hashValue), radix: 16) + "-job\(job)"
        let client = try client()
        for file in task.files {
            let response = try client.call("star.get", argumentsJSON: JSON.string(["path": file]), jobID: job,
                                           timeoutMilliseconds: timeoutMilliseconds)
            guard case .starTable(let table)? = response.payloads.first else {
                throw CatalogError(.internalError, "star.get \(file) returned no table")
            }
            let text = try StarTableCodec.decode(table)
            let path = root + "/" + Self.localName(file)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let tomograms = try TomogramSet.read(path: root + "/" + Self.localName(task.tomograms), projectDirectory: root)
        let particles = try ParticleSet.read(path: root + "/" + Self.localName(task.particles), tomograms: tomograms)
        let s = Sets(particles: particles, tomograms: tomograms)
        jobs.withLock { $0[key] = s }
        return s
    }

    /// Removes the cache directory (on a graceful stop).
    public func removeCache() { try? FileManager.default.removeItem(atPath: directory) }

    /// The cache name of a project path (absolute paths under `abs/`).
    static func localName(_ path: String) -> String { path.hasPrefix("/") ? "abs" + path : path }
}

/// Windows of tilt images read through the catalog's `tile.get` (float32, shuffle+zstd): the
/// `TiltImageSource` seam for a worker without the project's files.
public struct RemoteTiltImages {
    let client: RequestClient
    let job: UInt64
    let timeoutMilliseconds: Int

    /// Reads through `client` on behalf of `job`.
    public init(client: RequestClient, job: UInt64, timeoutMilliseconds: Int = 30_000) {
        self.client = client
        self.job = job
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// The values of `window.readX × window.readY` of the tilt image `name` (`N@stack.mrcs` or a
    /// plain file), x fastest: what `TiltImageSource.read(_:window:)` returns from a file.
    public func read(_ name: String, window w: TiltImageWindow) throws -> [Float] {
        let (z, path) = TiltImageSource.parse(name)
        let request = TileRequest(path: path, box: .init(x: w.readX, y: w.readY, z: z..<(z + 1)))
        let response = try client.call("tile.get", argumentsJSON: request.json, jobID: job,
                                       timeoutMilliseconds: timeoutMilliseconds)
        guard case .tile(let tile)? = response.payloads.first else {
            throw CatalogError(.internalError, "tile.get \(name) returned no tile")
        }
        return try TileCodec.decode(tile)
    }
}

extension ExtractionTiltSeries {
    /// As `TomoJobs`' `init(tomogram:source:)`, with the tilt-image size given (the catalog sends
    /// it in the task) instead of read from the first image's header.
    init(tomogram t: Tomogram, imageWidth w: Int, imageHeight h: Int) throws {
        guard !t.tiltSeries.frames.isEmpty else {
            throw CatalogError(.notFound, "tomogram \(t.name) has no tilt images in its per-tilt-series table")
        }
        let frames = t.tiltSeries.frames.indices.map { f -> ExtractionFrame in
            let fr = t.tiltSeries.frames[f]
            let ctf = CTF(defocusU: fr.defocusU, defocusV: fr.defocusV, defocusAngle: fr.defocusAngle, voltage: t.voltage,
                          sphericalAberration: t.sphericalAberration, amplitudeContrast: t.amplitudeContrast,
                          phaseShift: fr.phaseShift, scale: fr.ctfScalefactor, bFactor: fr.ctfBfactor)
            return ExtractionFrame(projection: t.projection(frame: f, imageWidth: w, imageHeight: h), ctf: ctf,
                                   preExposure: fr.preExposure)
        }
        self.init(frames: frames, tomogramSize: t.size, pixelSize: t.tiltSeriesPixelSize, hand: t.hand,
                  defocusSlope: t.defocusSlope, bFactorPerElectronDose: t.bFactorPerElectronDose,
                  imageWidth: w, imageHeight: h)
    }
}
