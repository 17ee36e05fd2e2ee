import Foundation
import TomoAlgorithms
import TomoCore
import TomoJobs
import TomoRelion
import TomoTransport
import TomoWire

/// The worker side of `relion.pseudosubtomo`: for each particle of the task, cut its windows
/// from the tilt images (fetched with `tile.get`), compute the 2D stack or the 3D
/// pseudo-subtomogram exactly as `ExtractJob.extract(indices:)` does, and answer with them as
/// tiles (shuffle+zstd, float16 when the job writes float16): particle `i` is tile `2i` (the
/// stack or `_data`) and `2i+1` (`_weights`, 3D only). The RESULT summary lists, per particle,
/// `{"index": i, "frames": n, "visible": [0/1…]}`, or `{"index": i, "dropped": true}`
/// (`--min_frames`). The worker writes no file.
public enum PseudoSubtomoOperation {
    /// The TASK operation and the worker capability.
    public static let name = "pseudosubtomo"

    /// A handler for `WorkerLoop`.
    public static func handler(inputs: StageWorkerInputs) -> WorkerLoop.Handler {
        { task in
            let t = try StageTask(json: task.parametersJSON)
            let options = try StageParameters(t.parameters).extractOptions()
            if let d = t.parameters["delay_ms"].flatMap({ Int($0) }), d > 0 { Thread.sleep(forTimeInterval: Double(d) / 1000) }
            let sets = try inputs.sets(t, job: task.key.job)
            let remote = RemoteTiltImages(client: try inputs.client(), job: task.key.job)
            return try run(t, options: options, sets: sets, remote: remote)
        }
    }

    static func run(_ t: StageTask, options: ExtractOptions, sets: StageWorkerInputs.Sets,
                    remote: RemoteTiltImages) throws -> WorkerLoop.TaskOutput {
        let settings = options.settings
        let dtype: TileDType = options.float16 ? .float16 : .float32
        var cache: [String: ExtractionTiltSeries] = [:]
        var entries: [[String: Any]] = []
        var payloads: [Payload] = []
        for i in t.indices {
            guard i >= 0 && i < sets.particles.particles.count else {
                throw CatalogError(.badRequest, "particle index \(i) outside 0..<\(sets.particles.particles.count)")
            }
            let p = sets.particles.particles[i]
            guard let tomo = sets.tomograms[p.tomoName] else {
                throw CatalogError(.notFound, "particle \(p.particleName) names tomogram \(p.tomoName), absent from the tomogram set")
            }
            let series: ExtractionTiltSeries
            if let s = cache[p.tomoName] { series = s } else {
                let (w, h) = try t.imageSize(p.tomoName)
                series = try ExtractionTiltSeries(tomogram: tomo, imageWidth: w, imageHeight: h)
                cache[p.tomoName] = series
            }
            var pose = p.pose
            if !options.applyOffsets { pose.originAngst = .zero }
            let frames = tomo.tiltSeries.frames
            let extracted = try SubtomogramExtraction.extract(pose, series: series, settings: settings) { f, w in
                try remote.read(frames[f].micrographName ?? "", window: w)
            }
            if extracted.frames.count < max(options.minFrames, 1) {
                entries.append(["index": i, "dropped": true])
                continue
            }
            let pixel = options.binning * tomo.tiltSeriesPixelSize
            if options.stack2D {
                let c = settings.cropSize
                var values: [Float] = []
                values.reserveCapacity(c * c * extracted.frames.count)
                for f in extracted.frames { values += SubtomogramExtraction.stackImage(f, settings: settings).data }
                payloads.append(.tile(try TileCodec.encode(values, nx: c, ny: c, nz: extracted.frames.count, voxelSize: pixel,
                                                           tileID: UInt64(2 * i), dtype: dtype)))
            } else {
                let sub = PseudoSubtomogram.make(extracted, pose: pose, series: series, settings: settings)
                let v = sub.realSpaceData, w = sub.weightVolume
                payloads.append(.tile(try TileCodec.encode(v.data, nx: v.nx, ny: v.ny, nz: v.nz, voxelSize: pixel,
                                                           tileID: UInt64(2 * i), dtype: dtype)))
                payloads.append(.tile(try TileCodec.encode(w.data, nx: w.nx, ny: w.ny, nz: w.nz, voxelSize: 1 / pixel,
                                                           tileID: UInt64(2 * i + 1), dtype: dtype)))
            }
            entries.append(["index": i, "frames": extracted.frames.count, "visible": extracted.visibleFrameFlags])
        }
        return .init(summaryJSON: JSON.string(["particles": entries]), payloads: payloads)
    }
}
