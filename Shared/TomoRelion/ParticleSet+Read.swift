import TomoCore
import TomoSTAR

extension ParticleSet {
    static let knownParticleLabels: Set<String> = [
        "rlnTomoName", "rlnTomoParticleName",
        "rlnCenteredCoordinateXAngst", "rlnCenteredCoordinateYAngst", "rlnCenteredCoordinateZAngst",
        "rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst",
        "rlnTomoSubtomogramRot", "rlnTomoSubtomogramTilt", "rlnTomoSubtomogramPsi",
        "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
        "rlnOpticsGroup", "rlnRandomSubset", "rlnTomoVisibleFrames", "rlnImageName", "rlnClassNumber",
    ]
    static let legacyCoordinateLabels: Set<String> = ["rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ"]

    /// Reads a particle file of any supported ``Dialect``.
    ///
    /// - Parameters:
    ///   - tomograms: if given, legacy `rlnCoordinateX/Y/Z` are converted to centred Å with each
    ///     particle's tomogram (`(c·s − size/2)·px_ts`, `s = coordinatePixelSize/px_ts`), and a
    ///     missing optics table is built from the set (spec §2.6).
    ///   - coordinatePixelSize: pixel size (Å) of legacy coordinates; default: each tomogram's
    ///     tilt-series pixel size (RELION 4.0). No +1 px correction for early RELION 4.0 files is applied.
    /// - Throws: ``TomoRelionError`` naming the file, block and label or row.
    public static func read(path: String, tomograms: TomogramSet? = nil,
                            coordinatePixelSize: Double? = nil) throws(TomoRelionError) -> ParticleSet {
        let doc = try StarIO.read(path)
        return try ParticleSet(document: doc, file: path, tomograms: tomograms, coordinatePixelSize: coordinatePixelSize)
    }

    /// Interprets a parsed document; see ``read(path:tomograms:coordinatePixelSize:)``.
    public init(document doc: StarDocument, file: String, tomograms: TomogramSet? = nil,
                coordinatePixelSize: Double? = nil) throws(TomoRelionError) {
        let generalBlock = doc["general"]
        let opticsBlock = doc["optics"]
        guard let pb = doc["particles"]
            ?? doc.blocks.first(where: { $0.isLoop && $0.name != "optics" && $0.name != "general" }) else {
            throw TomoRelionError(.missingBlock, file: file, block: "particles", message: "no particle table (data_particles)")
        }
        let r = StarBlockReader(block: pb, file: file)
        let n = pb.rowCount

        // Dialect and tomogram names.
        let names: [String]
        if r.has("rlnCenteredCoordinateXAngst") {
            dialect = .relion5
            names = try r.strings("rlnTomoName")
        } else if r.has("rlnTomoName") {
            dialect = generalBlock != nil ? .warpRelion5 : .relion4
            names = try r.strings("rlnTomoName")
        } else if r.has("rlnMicrographName") {
            dialect = opticsBlock != nil ? .relion31 : .relion30
            names = try r.strings("rlnMicrographName")
        } else {
            throw TomoRelionError(.missingLabel, file: file, block: pb.name, label: "rlnTomoName",
                                  message: "particle table has neither rlnTomoName nor rlnMicrographName")
        }

        // General block.
        if let g = generalBlock {
            let gr = StarBlockReader(block: g, file: file)
            subTomogramsAre2DStacks = (try gr.optionalIntegral("rlnTomoSubTomosAre2DStacks"))?.first.map { $0 != 0 } ?? false
            otherGeneralValues = g.rowCount > 0 ? gr.rowValues(0, excluding: ["rlnTomoSubTomosAre2DStacks"]) : StarRowValues()
        } else {
            subTomogramsAre2DStacks = false
            otherGeneralValues = StarRowValues()
        }

        // Positions.
        var centred: [Vector3]
        var legacy: [Vector3?] = Array(repeating: nil, count: n)
        let origins = try r.vectors("rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst", default: 0)
        if dialect == .relion5 {
            centred = try r.vectors("rlnCenteredCoordinateXAngst", "rlnCenteredCoordinateYAngst", "rlnCenteredCoordinateZAngst")
        } else {
            let px = try r.vectors("rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ", default: 0)
            centred = Array(repeating: .zero, count: n)
            if let tomograms {
                var cache: [String: Tomogram] = [:]
                for i in 0 ..< n {
                    guard let t = cache[names[i]] ?? tomograms[names[i]] else {
                        throw TomoRelionError(.unknownReference, file: file, block: pb.name, label: "rlnTomoName", row: i,
                                              message: "particle names tomogram \(names[i]), which the tomogram set lacks")
                    }
                    cache[names[i]] = t
                    centred[i] = ParticleCoordinates.centeredAngst(legacyPixels: px[i], tomogramSize: t.size,
                                                                   tiltSeriesPixelSize: t.tiltSeriesPixelSize,
                                                                   coordinatePixelSize: coordinatePixelSize)
                }
            } else {
                legacy = px.map { Optional($0) }
            }
        }
        let sub = try r.angles("rlnTomoSubtomogramRot", "rlnTomoSubtomogramTilt", "rlnTomoSubtomogramPsi")
        let ang = try r.angles("rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi")

        // Optics.
        var groups = try r.optionalIntegral("rlnOpticsGroup")
        if let o = opticsBlock {
            optics = o
        } else if let tomograms {
            let built = ParticleSet.opticsTable(from: tomograms)
            optics = built.block
            if groups == nil {
                var g: [Int] = []
                for i in 0 ..< n {
                    guard let k = built.groupOfTomogram[names[i]] else {
                        throw TomoRelionError(.unknownReference, file: file, block: pb.name, label: "rlnTomoName", row: i,
                                              message: "particle names tomogram \(names[i]), which the tomogram set lacks")
                    }
                    g.append(k)
                }
                groups = g
            }
        } else {
            let built = try ParticleSet.opticsTable(fromParticleColumns: r)
            optics = built.block
            if groups == nil { groups = built.groupOfRow }
        }

        // Names, subsets, frames, images, classes.
        let particleNames: [String]
        if let pn = r.optionalStrings("rlnTomoParticleName") {
            particleNames = pn
        } else {
            var count: [String: Int] = [:]
            particleNames = names.map { t in count[t, default: 0] += 1; return "\(t)/\(count[t]!)" }
        }
        let subsets = try r.optionalIntegral("rlnRandomSubset")
        let visible = r.has("rlnTomoVisibleFrames") ? try r.intVectors("rlnTomoVisibleFrames") : nil
        let images = r.optionalStrings("rlnImageName")
        let classes = try r.optionalIntegral("rlnClassNumber")

        particles = (0 ..< n).map { i in
            var p = TomoParticle(tomoName: names[i], particleName: particleNames[i],
                                 pose: ParticlePose(centeredPositionAngst: centred[i], originAngst: origins[i],
                                                    subtomogramAngles: sub[i], angles: ang[i]),
                                 opticsGroup: groups?[i] ?? 1, randomSubset: subsets?[i] ?? 0,
                                 visibleFrames: visible?[i], imageName: images?[i], classNumber: classes?[i])
            p.legacyCoordinatePixels = legacy[i]
            return p
        }
        var excluded = ParticleSet.knownParticleLabels
        // Legacy coordinates are either converted (RELION deletes them on write) or kept typed.
        if dialect != .relion5 { excluded.formUnion(ParticleSet.legacyCoordinateLabels) }
        var rest = r.remainder(excluding: excluded)
        rest.name = "particles"
        otherColumns = rest
    }

    /// RELION 3.0 tables carry optics per particle: one group per distinct
    /// (voltage, Cs, Q0, pixel size) combination, numbered in order of first appearance.
    static func opticsTable(fromParticleColumns r: StarBlockReader) throws(TomoRelionError) -> (block: StarBlock, groupOfRow: [Int]) {
        let n = r.rowCount
        let v = r.optionalStrings("rlnVoltage"), cs = r.optionalStrings("rlnSphericalAberration")
        let q0 = r.optionalStrings("rlnAmplitudeContrast")
        var px: [Double]? = try r.optionalDoubles("rlnImagePixelSize")
        if px == nil { px = try r.optionalDoubles("rlnPixelSize") }
        if px == nil, let det = try r.optionalDoubles("rlnDetectorPixelSize"), let mag = try r.optionalDoubles("rlnMagnification") {
            px = zip(det, mag).map { $0 * 1e4 / $1 }
        }
        var keys: [String] = [], rowsOfKey: [Int] = [], groupOfRow: [Int] = []
        for i in 0 ..< n {
            let key = [v?[i], cs?[i], q0?[i], px.map { StarFormat.double($0[i]) }].map { $0 ?? "" }.joined(separator: "|")
            if let k = keys.firstIndex(of: key) { groupOfRow.append(k + 1) } else {
                keys.append(key); rowsOfKey.append(i); groupOfRow.append(keys.count)
            }
        }
        var b = StarBlockBuilder(name: "optics")
        b.ints("rlnOpticsGroup", (0 ..< keys.count).map { $0 + 1 })
        b.strings("rlnOpticsGroupName", (0 ..< keys.count).map { "opticsGroup\($0 + 1)" })
        if let v { b.strings("rlnVoltage", rowsOfKey.map { v[$0] }) }
        if let cs { b.strings("rlnSphericalAberration", rowsOfKey.map { cs[$0] }) }
        if let q0 { b.strings("rlnAmplitudeContrast", rowsOfKey.map { q0[$0] }) }
        if let px { b.doubles("rlnImagePixelSize", rowsOfKey.map { px[$0] }) }
        return (b.block, groupOfRow)
    }
}
