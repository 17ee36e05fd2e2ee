import Foundation
import TomoJobs
import TomoRelion

/// The `job.submit` parameters of the two distributed stages, `relion.pseudosubtomo` ("Extract
/// subtomos") and `relion.reconstructparticletomo` ("Reconstruct particle"), read into the
/// options of `TomoJobs`. Names follow the RELION program flags (spec §3.1, §4.1); values are
/// strings or numbers, flags `"1"`/`"true"`.
///
/// Inputs (project-relative): `i` (optimisation set), or `particles` and `tomograms` (these
/// override the optimisation set's entries). Common: `box` (`--b`, required), `crop`, `bin`,
/// `cutoff_fract`, `batch` (particles per task; default 8).
/// Extraction: `stack2d`, `float16`, `max_dose`, `min_frames`, `no_ic`, `no_ctf`,
/// `no_circle_crop`, `dont_apply_offsets`.
/// Reconstruction: `sym`, `snr`, `taper`, `random_halves` (seed when `rlnRandomSubset` is
/// absent). Only the tilt-series source is distributed (RELION's own path, §4.2 step 1).
/// Test hook: `delay_ms` makes each task sleep that long before computing.
public struct StageParameters: Sendable {
    /// The parameters as submitted.
    public let values: [String: String]

    /// Wraps submitted parameters.
    public init(_ values: [String: String]) { self.values = values }

    func double(_ k: String) throws(CatalogError) -> Double? {
        guard let s = values[k] else { return nil }
        guard let d = Double(s) else { throw CatalogError(.badRequest, "parameter \(k) must be a number, got \(s)") }
        return d
    }

    func int(_ k: String) throws(CatalogError) -> Int? {
        guard let s = values[k] else { return nil }
        guard let d = Int(s) else { throw CatalogError(.badRequest, "parameter \(k) must be an integer, got \(s)") }
        return d
    }

    func flag(_ k: String) -> Bool { ["1", "true", "yes"].contains(values[k]?.lowercased() ?? "") }

    /// Particles per task (default 8).
    public func batch() throws(CatalogError) -> Int {
        let b = try int("batch") ?? 8
        guard b >= 1 else { throw CatalogError(.badRequest, "batch must be >= 1, got \(b)") }
        return b
    }

    /// The project-relative particle and tomogram set paths (from `particles`/`tomograms` or the
    /// optimisation set `i`), and the optimisation set path if given.
    public func inputs(root: String) throws(CatalogError) -> (particles: String, tomograms: String, optimisationSet: String?) {
        let source = TileSource(root: root)
        var set: OptimisationSet?
        if let i = values["i"] {
            do { set = try OptimisationSet.read(path: try source.resolve(i)) } catch let e as CatalogError { throw e } catch {
                throw CatalogError(.notFound, "cannot read optimisation set \(i): \(error)")
            }
        }
        guard let p = values["particles"] ?? set?.particlesFile else {
            throw CatalogError(.badRequest, "give parameters.i (optimisation set) or parameters.particles")
        }
        guard let t = values["tomograms"] ?? set?.tomogramsFile else {
            throw CatalogError(.badRequest, "give parameters.i (optimisation set) or parameters.tomograms")
        }
        return (p, t, values["i"])
    }

    /// `--b`.
    public func box() throws(CatalogError) -> Int {
        guard let b = try int("box"), b > 0 else { throw CatalogError(.badRequest, "parameters.box (--b) must be a positive integer") }
        return b
    }

    /// The extraction options.
    public func extractOptions() throws(CatalogError) -> ExtractOptions {
        var o = ExtractOptions(boxSize: try box())
        o.cropSize = try int("crop")
        o.binning = try double("bin") ?? 1
        o.stack2D = flag("stack2d")
        o.float16 = flag("float16")
        o.maxDose = try double("max_dose") ?? -1
        o.minFrames = try int("min_frames") ?? 1
        o.invertContrast = !flag("no_ic")
        o.premultiplyCTF = !flag("no_ctf")
        o.circleCrop = !flag("no_circle_crop")
        o.applyOffsets = !flag("dont_apply_offsets")
        o.doseCutoff = try double("cutoff_fract") ?? 0.01
        guard o.binning > 0, (o.cropSize ?? o.boxSize) > 0, (o.cropSize ?? o.boxSize) <= o.boxSize else {
            throw CatalogError(.badRequest, "need bin > 0 and 0 < crop <= box")
        }
        return o
    }

    /// The reconstruction options (tilt-series source).
    public func reconstructOptions() throws(CatalogError) -> ReconstructOptions {
        var o = ReconstructOptions(boxSize: try box())
        o.cropSize = try int("crop")
        o.binning = try double("bin") ?? 1
        o.symmetry = values["sym"] ?? "C1"
        o.snr = try double("snr") ?? -1
        o.taper = try int("taper") ?? 10
        o.doseCutoff = try double("cutoff_fract") ?? 0.01
        o.source = .tiltSeries
        if let seed = values["random_halves"] {
            guard let s = UInt64(seed) else { throw CatalogError(.badRequest, "random_halves must be an unsigned integer seed") }
            o.halves = .randomSubsetOrRandom(seed: s)
        }
        guard o.binning > 0 else { throw CatalogError(.badRequest, "bin must be > 0") }
        if flag("from_extracted") {
            throw CatalogError(.badRequest, "from_extracted is not distributed; run `sta reconstruct --in-process --from-extracted`")
        }
        return o
    }
}
