import TomoCore
import TomoSTAR

extension ParticleSet {
    /// The document RELION 5 would write: `data_general` (list), `data_optics`, `data_particles`.
    /// Particles with a centred Å position are written as `rlnCenteredCoordinate*Angst` (legacy
    /// `rlnCoordinate*` dropped); a set whose positions are still legacy pixels keeps `rlnCoordinate*`.
    public var document: StarDocument {
        var general = StarBlockBuilder(name: "general", isLoop: false)
        general.ints("rlnTomoSubTomosAre2DStacks", [subTomogramsAre2DStacks ? 1 : 0])
        general.append([otherGeneralValues])

        let ps = particles
        var b = StarBlockBuilder(name: "particles")
        b.strings("rlnTomoName", ps.map(\.tomoName))
        b.strings("rlnTomoParticleName", ps.map(\.particleName))
        if ps.allSatisfy(\.hasCenteredPosition) {
            b.vectors("rlnCenteredCoordinateXAngst", "rlnCenteredCoordinateYAngst", "rlnCenteredCoordinateZAngst",
                      ps.map(\.pose.centeredPositionAngst))
        } else {
            b.vectors("rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ", ps.map { $0.legacyCoordinatePixels ?? .zero })
        }
        b.angles("rlnTomoSubtomogramRot", "rlnTomoSubtomogramTilt", "rlnTomoSubtomogramPsi", ps.map(\.pose.subtomogramAngles))
        b.angles("rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", ps.map(\.pose.angles))
        b.vectors("rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst", ps.map(\.pose.originAngst))
        b.ints("rlnOpticsGroup", ps.map(\.opticsGroup))
        if ps.contains(where: { $0.visibleFrames != nil }) {
            b.block.setColumn("rlnTomoVisibleFrames", intVectors: ps.map { $0.visibleFrames ?? [] })
        }
        if ps.contains(where: { $0.imageName != nil }) { b.strings("rlnImageName", ps.map { $0.imageName ?? "" }) }
        if ps.contains(where: { $0.randomSubset != 0 }) { b.ints("rlnRandomSubset", ps.map(\.randomSubset)) }
        if ps.contains(where: { $0.classNumber != nil }) { b.ints("rlnClassNumber", ps.map { $0.classNumber ?? 1 }) }
        if otherColumns.rowCount == ps.count { b.append(otherColumns) }

        var o = optics
        o.name = "optics"
        var doc = StarDocument(blocks: [])
        doc.blocks = [general.block, o, b.block]
        return doc
    }

    /// Writes ``document`` to `path` atomically.
    public func write(to path: String) throws(TomoRelionError) {
        try StarIO.write(document, to: path)
    }
}
