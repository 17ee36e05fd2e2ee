import TomoCore
import TomoSTAR

/// A tomographic particle set, `particles.star` (spec §2.6): blocks `data_general`
/// (`rlnTomoSubTomosAre2DStacks`), `data_optics` and `data_particles`.
///
/// Particles are typed (``TomoParticle``); every particle column the model does not interpret is
/// kept verbatim in `otherColumns` (one row per particle) and written back. The optics table is
/// kept verbatim as a block (typed view: ``opticsGroups``).
///
/// Readers accept RELION 5, RELION 4.0 tomo tables (`rlnCoordinateX/Y/Z` px + `rlnTomoName`),
/// the WarpTools RELION-5-layout export (same coordinates, with `data_general`), and RELION 3.x
/// SPA-style tables (`rlnMicrographName` names the tomogram). See ``Dialect``.
public struct ParticleSet: Equatable, Sendable {
    /// The flavour of file a set was read from.
    public enum Dialect: String, Sendable, Hashable {
        /// RELION 5: `rlnCenteredCoordinate*Angst`.
        case relion5
        /// RELION 4.0 tomography: `rlnTomoName` + `rlnCoordinateX/Y/Z` (decentred px), no `data_general`.
        case relion4
        /// WarpTools RELION-5-layout export: `data_general` + `rlnTomoName` + `rlnCoordinateX/Y/Z`.
        case warpRelion5
        /// RELION 3.1: `data_optics` + `data_particles` keyed by `rlnMicrographName`.
        case relion31
        /// RELION 3.0 / Warp "particle series": one block, no optics table.
        case relion30
    }

    /// Where the set came from (`.relion5` for sets built in code).
    public var dialect: Dialect
    /// `rlnTomoSubTomosAre2DStacks`: true = 2D tilt stacks (RELION 5 default), false = 3D
    /// pseudo-subtomograms (also when `data_general` is absent).
    public var subTomogramsAre2DStacks: Bool
    /// `data_general` cells other than `rlnTomoSubTomosAre2DStacks`, verbatim.
    public var otherGeneralValues: StarRowValues
    /// `data_optics`, verbatim.
    public var optics: StarBlock
    /// The particles, in file order.
    public var particles: [TomoParticle]
    /// Particle columns the model does not interpret, one row per particle.
    public var otherColumns: StarBlock

    /// A set from particles and an optics block.
    public init(particles: [TomoParticle], optics: StarBlock, subTomogramsAre2DStacks: Bool) {
        dialect = .relion5
        self.subTomogramsAre2DStacks = subTomogramsAre2DStacks
        otherGeneralValues = StarRowValues()
        var o = optics
        o.name = "optics"
        self.optics = o
        self.particles = particles
        otherColumns = StarBlock(name: "particles")
    }

    /// The optics table in typed form.
    public var opticsGroups: [RelionOpticsGroup] {
        (try? RelionOpticsGroup.rows(of: optics, file: "data_optics")) ?? []
    }

    /// Distinct tomogram names in order of first appearance.
    public var tomogramNames: [String] {
        var seen = Set<String>(), out: [String] = []
        for p in particles where seen.insert(p.tomoName).inserted { out.append(p.tomoName) }
        return out
    }

    /// Number of particles per tomogram name.
    public var particleCounts: [String: Int] {
        particles.reduce(into: [:]) { $0[$1.tomoName, default: 0] += 1 }
    }

    /// A set with the particles at `indices` (in that order), with their verbatim columns.
    public func selecting(_ indices: [Int]) -> ParticleSet {
        var s = self
        s.particles = indices.map { particles[$0] }
        if otherColumns.rowCount == particles.count && !otherColumns.labels.isEmpty {
            s.otherColumns = otherColumns.selectingRows(indices)
        }
        return s
    }

    /// Positions as decentred tilt-series pixels `p = p0 − A_s·o/px_ts` (spec §2.6.1), using each
    /// particle's tomogram from `tomograms`.
    /// - Throws: if a particle's tomogram is not in the set or its position is still legacy pixels.
    public func positions(in tomograms: TomogramSet) throws(TomoRelionError) -> [Vector3] {
        var out: [Vector3] = []
        out.reserveCapacity(particles.count)
        var cache: [String: Tomogram] = [:]
        for (i, p) in particles.enumerated() {
            let t: Tomogram
            if let c = cache[p.tomoName] { t = c } else {
                guard let f = tomograms[p.tomoName] else {
                    throw TomoRelionError(.unknownReference, file: "data_particles", block: "particles", label: "rlnTomoName",
                                          row: i, message: "particle \(p.particleName) names tomogram \(p.tomoName), which the tomogram set lacks")
                }
                cache[p.tomoName] = f
                t = f
            }
            guard p.hasCenteredPosition else {
                throw TomoRelionError(.badValue, file: "data_particles", block: "particles", label: "rlnCoordinateX", row: i,
                                      message: "particle \(p.particleName) has legacy pixel coordinates; read it with a tomogram set to convert them")
            }
            out.append(p.pose.position(tomogramSize: t.size, pixelSize: t.tiltSeriesPixelSize))
        }
        return out
    }

    /// Builds `data_optics` from a tomogram set (spec §2.6): one group per distinct
    /// `rlnOpticsGroupName` (or per tomogram), numbered in order of first appearance.
    /// - Returns: the block and, per tomogram name, its group number.
    public static func opticsTable(from tomograms: TomogramSet) -> (block: StarBlock, groupOfTomogram: [String: Int]) {
        var order: [String] = [], first: [String: Tomogram] = [:], groupOf: [String: Int] = [:]
        for t in tomograms.tomograms {
            let n = t.effectiveOpticsGroupName
            if first[n] == nil { first[n] = t; order.append(n) }
            groupOf[t.name] = order.firstIndex(of: n)! + 1
        }
        var b = StarBlockBuilder(name: "optics")
        let ts = order.map { first[$0]! }
        b.ints("rlnOpticsGroup", (0 ..< order.count).map { $0 + 1 })
        b.strings("rlnOpticsGroupName", order)
        b.doubles("rlnVoltage", ts.map(\.voltage))
        b.doubles("rlnSphericalAberration", ts.map(\.sphericalAberration))
        b.doubles("rlnAmplitudeContrast", ts.map(\.amplitudeContrast))
        b.doubles("rlnTomoTiltSeriesPixelSize", ts.map(\.tiltSeriesPixelSize))
        return (b.block, groupOf)
    }
}
