import Foundation
import TomoAlgorithms
import TomoCore
import TomoJobs
import TomoKernels
import TomoRelion
import TomoTransport
import TomoWire

/// The worker side of `relion.reconstructparticletomo`: back-project the task's particles (cut
/// from the tilt series through `tile.get`, exactly as `ReconstructJob.backProject(indices:)`
/// does with `.tiltSeries`) into a fresh ``ReconstructionAccumulator`` and answer with its sums
/// as float32 shuffle+zstd tiles: tile 0/1 are half 1's data (re, im interleaved) and weight,
/// tile 2/3 half 2's. Summary: `{"counts": [n1, n2], "size": n, "padding": p, "particles": k}`.
public enum ReconstructParticleOperation {
    /// The TASK operation and the worker capability.
    public static let name = "reconstructparticletomo"

    /// A handler for `WorkerLoop`.
    public static func handler(inputs: StageWorkerInputs) -> WorkerLoop.Handler {
        { task in
            let t = try StageTask(json: task.parametersJSON)
            let options = try StageParameters(t.parameters).reconstructOptions()
            if let d = t.parameters["delay_ms"].flatMap({ Int($0) }), d > 0 { Thread.sleep(forTimeInterval: Double(d) / 1000) }
            let sets = try inputs.sets(t, job: task.key.job)
            let remote = RemoteTiltImages(client: try inputs.client(), job: task.key.job)
            let job = try ReconstructJob(particles: sets.particles, tomograms: sets.tomograms,
                                         projectDirectory: inputs.directory, outputDirectory: "", options: options)
            let acc = try backProject(t, job: job, remote: remote)
            return .init(summaryJSON: JSON.string(["counts": acc.particleCounts, "size": acc.size,
                                                   "padding": acc.halves[0].padding, "particles": t.indices.count]),
                         payloads: try PartialSums.payloads(acc))
        }
    }

    static func backProject(_ t: StageTask, job: ReconstructJob, remote: RemoteTiltImages) throws -> ReconstructionAccumulator {
        let o = job.options
        var acc = ReconstructionAccumulator(size: job.reconstructionBox, symmetry: job.symmetry)
        var cache: [String: ExtractionTiltSeries] = [:]
        let settings = ExtractionSettings.reconstruction(boxSize: o.boxSize, binning: o.binning,
                                                         premultiplyCTF: o.premultiplyCTF, doseCutoff: o.doseCutoff)
        for i in t.indices {
            guard i >= 0 && i < job.particles.particles.count else {
                throw CatalogError(.badRequest, "particle index \(i) outside 0..<\(job.particles.particles.count)")
            }
            let p = job.particles.particles[i], half = job.halves[i]
            guard let tomo = job.tomograms[p.tomoName] else {
                throw CatalogError(.notFound, "tomogram \(p.tomoName) is not in the tomogram set")
            }
            let s: ExtractionTiltSeries
            if let c = cache[p.tomoName] { s = c } else {
                let (w, h) = try t.imageSize(p.tomoName)
                s = try ExtractionTiltSeries(tomogram: tomo, imageWidth: w, imageHeight: h)
                cache[p.tomoName] = s
            }
            let frames = tomo.tiltSeries.frames
            let e = try SubtomogramExtraction.extract(p.pose, series: s, settings: settings) { f, w in
                try remote.read(frames[f].micrographName ?? "", window: w)
            }
            let rotations = e.frames.map { SubtomogramExtraction.imageRotation(p.pose, series: s, frame: $0.frame) }
            acc.insert(e, rotations: rotations, doseCutoff: o.doseCutoff, half: half)
        }
        return acc
    }
}

/// A partial ``ReconstructionAccumulator`` as tiles (worker → catalog) and as a raw file the
/// catalog keeps until the reduction: per half, the complex data (re, im interleaved) and the
/// weights, float32, in the order half 1 data, half 1 weight, half 2 data, half 2 weight.
public enum PartialSums {
    /// The four tiles of `acc` (ids 0…3).
    public static func payloads(_ acc: ReconstructionAccumulator) throws -> [Payload] {
        var out: [Payload] = []
        for (h, bp) in acc.halves.enumerated() {
            let d = interleave(bp.data)
            out.append(.tile(try TileCodec.encode(d, nx: d.count, ny: 1, nz: 1, voxelSize: 0, tileID: UInt64(2 * h))))
            out.append(.tile(try TileCodec.encode(bp.weight, nx: bp.weight.count, ny: 1, nz: 1, voxelSize: 0,
                                                  tileID: UInt64(2 * h + 1))))
        }
        return out
    }

    static func interleave(_ c: [ComplexF]) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * c.count)
        for i in c.indices { out[2 * i] = c[i].re; out[2 * i + 1] = c[i].im }
        return out
    }

    /// The four arrays of a RESULT's tiles, checked against the grid of box `size` × `padding`.
    public static func arrays(_ payloads: [Payload], size: Int, padding: Int) throws(CatalogError) -> [[Float]] {
        let g = BackProjector(size: size, padding: padding).weight.count
        let tiles = payloads.compactMap { p -> EncodedTile? in if case .tile(let t) = p { return t } else { return nil } }
        guard tiles.count == 4 else { throw CatalogError(.badRequest, "a partial reconstruction has 4 tiles, got \(tiles.count)") }
        var out: [[Float]] = []
        for (k, t) in tiles.enumerated() {
            let v: [Float]
            do { v = try TileCodec.decode(t) } catch { throw CatalogError(.badRequest, "partial tile \(k): \(error)") }
            guard v.count == (k % 2 == 0 ? 2 * g : g) else {
                throw CatalogError(.badRequest, "partial tile \(k) has \(v.count) values; box \(size) needs \(k % 2 == 0 ? 2 * g : g)")
            }
            out.append(v)
        }
        return out
    }

    /// The accumulator from the four arrays.
    public static func accumulator(_ a: [[Float]], size: Int, padding: Int, symmetry: SymmetryGroup,
                                   counts: [Int]) -> ReconstructionAccumulator {
        var halves: [BackProjector] = []
        for h in 0..<2 {
            let d = a[2 * h]
            let c = (0..<(d.count / 2)).map { ComplexF(re: d[2 * $0], im: d[2 * $0 + 1]) }
            halves.append(BackProjector(size: size, padding: padding, data: c, weight: a[2 * h + 1]))
        }
        return ReconstructionAccumulator(size: size, symmetry: symmetry, halves: halves, particleCounts: counts)
    }

    /// Writes the arrays to `path` atomically (little-endian float32, concatenated).
    public static func write(_ a: [[Float]], to path: String) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(a.reduce(0) { $0 + $1.count } * 4)
        for arr in a { for v in arr { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } } }
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads the arrays written by ``write(_:to:)`` for box `size` × `padding`.
    public static func read(path: String, size: Int, padding: Int) throws -> [[Float]] {
        let g = BackProjector(size: size, padding: padding).weight.count
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let counts = [2 * g, g, 2 * g, g]
        guard data.count == counts.reduce(0, +) * 4 else {
            throw CatalogError(.internalError, "\(path) has \(data.count) bytes, expected \(counts.reduce(0, +) * 4)")
        }
        var out: [[Float]] = []
        var offset = 0
        data.withUnsafeBytes { raw in
            for n in counts {
                var arr = [Float](repeating: 0, count: n)
                for i in 0..<n {
                    arr[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)))
                }
                out.append(arr)
                offset += 4 * n
            }
        }
        return out
    }
}
