import TomoCore
import TomoSTAR

/// Removal of duplicated particles, as `relion_star_handler --remove_duplicates d` (spec §7, §9).
///
/// Positions are in Å: tomography files use `rlnCenteredCoordinate*Angst − origin`; legacy files
/// (`rlnCoordinateX/Y/Z` in pixels) use `coordinate·px − origin`, with `px` = ``coordinatePixelSize``
/// or the optics group's `rlnImagePixelSize`. Particles are compared only within the same
/// `rlnTomoName` (or `rlnMicrographName`); a pair is a duplicate when its distance is ≤ `d`.
///
/// The origin is rotated by `A_s` (`rlnTomoSubtomogram*`, spec §2.6.1) when
/// ``applySubtomogramRotation`` is true (the physically correct position); RELION's star_handler
/// does not rotate it (spec §13.10); both agree when the sub-tomogram angles or the origins are 0.
public struct DuplicateRemoval: Sendable, Hashable {
    /// Which particle of a duplicate pair survives.
    public enum Keep: String, Sendable, Hashable {
        /// RELION's star_handler: walking each tomogram's particles in file order, a particle is
        /// dropped if any *later* particle lies within `d` (so the last of a cluster survives).
        case relionStarHandler
        /// Keep the particle with the higher `rlnMaxValueProbDistribution` (the earlier one on a
        /// tie): particles are visited in decreasing probability and kept when no kept particle is
        /// within `d`.
        case higherMaxValueProbability
    }

    /// The distance `d` in Å.
    public var distanceAngst: Double
    /// Which particle of a pair survives.
    public var keep: Keep
    /// Rotate origins by `A_s` before subtracting (see the type's documentation).
    public var applySubtomogramRotation: Bool
    /// Pixel size (Å) of legacy `rlnCoordinateX/Y/Z`; nil: the optics group's `rlnImagePixelSize`.
    public var coordinatePixelSize: Double?

    /// A removal of particles closer than `distanceAngst`.
    public init(distanceAngst: Double, keep: Keep = .relionStarHandler, applySubtomogramRotation: Bool = true,
                coordinatePixelSize: Double? = nil) {
        self.distanceAngst = distanceAngst
        self.keep = keep
        self.applySubtomogramRotation = applySubtomogramRotation
        self.coordinatePixelSize = coordinatePixelSize
    }

    /// The rows of `particles` (a `data_particles` block) that survive, in file order.
    ///
    /// - Throws: ``RefineFilesError`` if positions or tomogram names cannot be read.
    public func keptRows(particles p: StarBlock, optics: StarBlock?, file: String) throws(RefineFilesError) -> [Int] {
        let pos = try positions(particles: p, optics: optics, file: file)
        let c = ColumnReader(p, file: file)
        let groupLabel = p.has("rlnTomoName") ? "rlnTomoName" : "rlnMicrographName"
        let names = try c.strings(groupLabel)
        var byTomogram: [String: [Int]] = [:], order: [String] = []
        for (i, n) in names.enumerated() {
            if byTomogram[n] == nil { order.append(n) }
            byTomogram[n, default: []].append(i)
        }
        let d2 = distanceAngst * distanceAngst
        func close(_ a: Int, _ b: Int) -> Bool {
            let v = pos[a] - pos[b]
            return v.dot(v) <= d2
        }
        var valid = [Bool](repeating: true, count: p.rowCount)
        switch keep {
        case .relionStarHandler:
            for n in order {
                let rows = byTomogram[n]!
                for (k, i) in rows.enumerated() where rows[(k + 1)...].contains(where: { close(i, $0) }) {
                    valid[i] = false
                }
            }
        case .higherMaxValueProbability:
            let pmax = try c.doubles("rlnMaxValueProbDistribution")
            for n in order {
                let rows = byTomogram[n]!.enumerated().sorted {
                    pmax[$0.element] != pmax[$1.element] ? pmax[$0.element] > pmax[$1.element] : $0.offset < $1.offset
                }.map(\.element)
                var kept: [Int] = []
                for i in rows {
                    if kept.contains(where: { close(i, $0) }) { valid[i] = false } else { kept.append(i) }
                }
            }
        }
        return valid.indices.filter { valid[$0] }
    }

    /// Particle positions in Å (see the type's documentation).
    func positions(particles p: StarBlock, optics: StarBlock?, file: String) throws(RefineFilesError) -> [Vector3] {
        let c = ColumnReader(p, file: file)
        let n = p.rowCount
        func column(_ l: String) throws(RefineFilesError) -> [Double] {
            try c.optionalDoubles(l) ?? [Double](repeating: 0, count: n)
        }
        var coords: [Vector3]
        if p.has("rlnCenteredCoordinateXAngst") {
            let x = try c.doubles("rlnCenteredCoordinateXAngst"), y = try c.doubles("rlnCenteredCoordinateYAngst")
            let z = try column("rlnCenteredCoordinateZAngst")
            coords = (0 ..< n).map { Vector3(x[$0], y[$0], z[$0]) }
        } else if p.has("rlnCoordinateX") {
            let x = try c.doubles("rlnCoordinateX"), y = try c.doubles("rlnCoordinateY"), z = try column("rlnCoordinateZ")
            let px = try pixelSizes(particles: p, optics: optics, file: file)
            coords = (0 ..< n).map { px[$0] * Vector3(x[$0], y[$0], z[$0]) }
        } else {
            throw RefineFilesError(file: file, block: p.name, label: "rlnCenteredCoordinateXAngst",
                                   message: "no particle coordinates (rlnCenteredCoordinate*Angst or rlnCoordinateX/Y)")
        }
        let ox = try column("rlnOriginXAngst"), oy = try column("rlnOriginYAngst"), oz = try column("rlnOriginZAngst")
        let rotate = applySubtomogramRotation && p.has("rlnTomoSubtomogramRot")
        let sr = rotate ? try column("rlnTomoSubtomogramRot") : [], st = rotate ? try column("rlnTomoSubtomogramTilt") : []
        let sp = rotate ? try column("rlnTomoSubtomogramPsi") : []
        for i in 0 ..< n {
            var o = Vector3(ox[i], oy[i], oz[i])
            if rotate { o = EulerAngles(rot: sr[i], tilt: st[i], psi: sp[i]).matrix * o }
            coords[i] = coords[i] - o
        }
        return coords
    }

    private func pixelSizes(particles p: StarBlock, optics: StarBlock?, file: String) throws(RefineFilesError) -> [Double] {
        if let coordinatePixelSize { return [Double](repeating: coordinatePixelSize, count: p.rowCount) }
        guard let o = optics, o.has("rlnImagePixelSize") else {
            throw RefineFilesError(file: file, block: "optics", label: "rlnImagePixelSize",
                                   message: "legacy pixel coordinates need a pixel size: give one (--image_angpix) or an optics table with rlnImagePixelSize")
        }
        let oc = ColumnReader(o, file: file)
        let groups = try oc.ints("rlnOpticsGroup"), px = try oc.doubles("rlnImagePixelSize")
        let byGroup = Dictionary(zip(groups, px), uniquingKeysWith: { a, _ in a })
        let pg = try p.has("rlnOpticsGroup") ? ColumnReader(p, file: file).ints("rlnOpticsGroup") : [Int](repeating: groups[0], count: p.rowCount)
        var out: [Double] = []
        for (i, g) in pg.enumerated() {
            guard let v = byGroup[g] else {
                throw RefineFilesError(file: file, block: p.name, label: "rlnOpticsGroup",
                                       message: "row \(i) names optics group \(g), which data_optics lacks")
            }
            out.append(v)
        }
        return out
    }
}
