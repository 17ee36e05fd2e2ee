import TomoCore
import TomoSTAR

/// A per-tilt-series STAR table, block `data_<rlnTomoName>` (spec §2.2): one ``TiltSeriesFrame``
/// per row. **The frame index `f` used everywhere (visible-frame vectors, 2D stack slices) is the
/// row index**; rows are not reordered. Labels the model does not interpret (movie names, CTF
/// figures of merit, …) are kept verbatim in `otherColumns` (same row count).
public struct TiltSeries: Equatable, Sendable {
    /// The tilt-series name (`rlnTomoName`, the block name).
    public var name: String
    /// The tilt images, in file row order.
    public var frames: [TiltSeriesFrame]
    /// Columns not interpreted by the model, one row per frame.
    public var otherColumns: StarBlock

    /// A tilt series from frames (no extra columns).
    public init(name: String, frames: [TiltSeriesFrame]) {
        self.name = name
        self.frames = frames
        otherColumns = StarBlock(name: name)
    }

    static let known: Set<String> = [
        "rlnMicrographName", "rlnMicrographPreExposure", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle",
        "rlnCtfScalefactor", "rlnCtfBfactor", "rlnPhaseShift", "rlnTomoXTilt", "rlnTomoYTilt", "rlnTomoZRot",
        "rlnTomoXShiftAngst", "rlnTomoYShiftAngst", "rlnTomoNominalStageTiltAngle",
        "rlnTomoProjX", "rlnTomoProjY", "rlnTomoProjZ", "rlnTomoProjW",
    ]

    /// Reads a block. `rlnMicrographPreExposure` and the defocus labels are compulsory;
    /// `rlnTomoYTilt`/`rlnTomoZRot` are compulsory unless `rlnTomoProjX..W` are present, in which
    /// case missing angles are recovered from the matrices.
    /// - Parameter file: used in error messages.
    public init(block: StarBlock, file: String) throws(TomoRelionError) {
        let r = StarBlockReader(block: block, file: file)
        let n = block.rowCount
        let dose = try r.doubles("rlnMicrographPreExposure")
        let du = try r.doubles("rlnDefocusU"), dv = try r.doubles("rlnDefocusV")
        let da = try r.doubles("rlnDefocusAngle", default: 0)
        let scale = try r.doubles("rlnCtfScalefactor", default: 1)
        let bfac = try r.doubles("rlnCtfBfactor", default: 0)
        let phase = try r.doubles("rlnPhaseShift", default: 0)
        var legacy: [TiltProjection?] = Array(repeating: nil, count: n)
        if r.has("rlnTomoProjX") {
            let rows = try ["rlnTomoProjX", "rlnTomoProjY", "rlnTomoProjZ", "rlnTomoProjW"].map { l throws(TomoRelionError) in
                try r.doubleVectors(l)
            }
            for f in 0 ..< n {
                guard let p = TiltProjection(rows: [rows[0][f], rows[1][f], rows[2][f], rows[3][f]]) else {
                    throw TomoRelionError(.badValue, file: file, block: block.name, label: "rlnTomoProjX", row: f,
                                          message: "rlnTomoProjX..W must be four [a,b,c,d] rows ending in [0,0,0,1]")
                }
                legacy[f] = p
            }
        }
        let hasLegacy = r.has("rlnTomoProjX")
        func angle(_ label: String, _ fromMatrix: (TiltProjection) -> Double) throws(TomoRelionError) -> [Double] {
            if r.has(label) { return try r.doubles(label) }
            guard hasLegacy else { throw r.missing(label, " (needed unless rlnTomoProjX..W are given)") }
            return legacy.map { fromMatrix($0!) }
        }
        let xt = try angle("rlnTomoXTilt") { $0.angles.xTilt }
        let yt = try angle("rlnTomoYTilt") { $0.angles.yTilt }
        let zr = try angle("rlnTomoZRot") { $0.angles.zRot }
        let xs = try r.doubles("rlnTomoXShiftAngst", default: 0), ys = try r.doubles("rlnTomoYShiftAngst", default: 0)
        let names = r.optionalStrings("rlnMicrographName")
        let nominal = try r.optionalDoubles("rlnTomoNominalStageTiltAngle")
        name = block.name
        frames = (0 ..< n).map { f in
            TiltSeriesFrame(micrographName: names?[f], preExposure: dose[f], defocusU: du[f], defocusV: dv[f],
                            defocusAngle: da[f], ctfScalefactor: scale[f], ctfBfactor: bfac[f], phaseShift: phase[f],
                            xTilt: xt[f], yTilt: yt[f], zRot: zr[f], xShiftAngst: xs[f], yShiftAngst: ys[f],
                            nominalStageTiltAngle: nominal?[f], legacyProjection: legacy[f])
        }
        otherColumns = r.remainder(excluding: Self.known)
    }

    /// Reads the per-tilt-series file at `path`: block `data_<name>` if `name` is given and present,
    /// else the first block.
    public static func read(path: String, name: String? = nil) throws(TomoRelionError) -> TiltSeries {
        let doc = try StarIO.read(path)
        guard let block = (name.flatMap { doc[$0] }) ?? doc.blocks.first else {
            throw TomoRelionError(.missingBlock, file: path, block: name, message: "no data block in the file")
        }
        return try TiltSeries(block: block, file: path)
    }

    /// The block as RELION 5 writes it: `rlnTomoProjX..W` are dropped.
    public var block: StarBlock {
        var b = StarBlockBuilder(name: name)
        if frames.contains(where: { $0.micrographName != nil }) {
            b.strings("rlnMicrographName", frames.map { $0.micrographName ?? "" })
        }
        if frames.contains(where: { $0.nominalStageTiltAngle != nil }) {
            b.doubles("rlnTomoNominalStageTiltAngle", frames.map { $0.nominalStageTiltAngle ?? $0.yTilt })
        }
        b.doubles("rlnMicrographPreExposure", frames.map(\.preExposure))
        b.doubles("rlnDefocusU", frames.map(\.defocusU))
        b.doubles("rlnDefocusV", frames.map(\.defocusV))
        b.doubles("rlnDefocusAngle", frames.map(\.defocusAngle))
        b.doubles("rlnCtfScalefactor", frames.map(\.ctfScalefactor))
        if frames.contains(where: { $0.ctfBfactor != 0 }) { b.doubles("rlnCtfBfactor", frames.map(\.ctfBfactor)) }
        if frames.contains(where: { $0.phaseShift != 0 }) { b.doubles("rlnPhaseShift", frames.map(\.phaseShift)) }
        b.doubles("rlnTomoXTilt", frames.map(\.xTilt))
        b.doubles("rlnTomoYTilt", frames.map(\.yTilt))
        b.doubles("rlnTomoZRot", frames.map(\.zRot))
        b.doubles("rlnTomoXShiftAngst", frames.map(\.xShiftAngst))
        b.doubles("rlnTomoYShiftAngst", frames.map(\.yShiftAngst))
        if otherColumns.rowCount == frames.count { b.append(otherColumns) }
        return b.block
    }

    /// Writes the file (atomically) with one block, `data_<name>`.
    public func write(to path: String) throws(TomoRelionError) {
        var doc = StarDocument(blocks: [])
        doc.blocks.append(block)
        try StarIO.write(doc, to: path)
    }

    /// `P_f` for frame `frame`: the legacy `rlnTomoProjX..W` matrix if the file had one, else built
    /// from the angles and shifts with the tomogram's pixel size and size (spec §2.3).
    public func projection(frame: Int, tomogram: Tomogram, imageWidth: Int, imageHeight: Int) -> TiltProjection {
        let f = frames[frame]
        if let p = f.legacyProjection { return p }
        return f.projection(pixelSize: tomogram.tiltSeriesPixelSize, tomogramSize: tomogram.size,
                            imageWidth: imageWidth, imageHeight: imageHeight)
    }

    /// Frame indices sorted by cumulative dose (RELION's `frameSequence`), ties by row.
    public var frameSequence: [Int] {
        frames.indices.sorted { (frames[$0].preExposure, $0) < (frames[$1].preExposure, $1) }
    }
}
