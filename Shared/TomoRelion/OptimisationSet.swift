import TomoSTAR

/// An optimisation set, `optimisation_set.star` (spec §2.7): a one-row list block of file names.
///
/// The reader takes the first block whatever its name (C++ writes `data_`, the Python tools
/// `data_optimisation_set`); the writer emits `data_` (empty name), list form, like RELION's C++.
public struct OptimisationSet: Hashable, Sendable {
    /// `rlnTomoParticlesFile`.
    public var particlesFile: String?
    /// `rlnTomoTomogramsFile`.
    public var tomogramsFile: String?
    /// `rlnTomoTrajectoriesFile` (may be empty in files).
    public var trajectoriesFile: String?
    /// `rlnTomoManifoldsFile`.
    public var manifoldsFile: String?
    /// `rlnTomoReferenceMap1File`.
    public var referenceMap1File: String?
    /// `rlnTomoReferenceMap2File`.
    public var referenceMap2File: String?
    /// `rlnTomoReferenceMaskFile`.
    public var referenceMaskFile: String?
    /// `rlnTomoReferenceFscFile`.
    public var referenceFscFile: String?
    /// Other labels, verbatim.
    public var otherValues: StarRowValues

    /// An optimisation set naming a particle and a tomogram set.
    public init(particlesFile: String? = nil, tomogramsFile: String? = nil) {
        self.particlesFile = particlesFile
        self.tomogramsFile = tomogramsFile
        otherValues = StarRowValues()
    }

    static var labels: [(String, WritableKeyPath<OptimisationSet, String?>)] { [
        ("rlnTomoParticlesFile", \.particlesFile), ("rlnTomoTomogramsFile", \.tomogramsFile),
        ("rlnTomoTrajectoriesFile", \.trajectoriesFile), ("rlnTomoManifoldsFile", \.manifoldsFile),
        ("rlnTomoReferenceMap1File", \.referenceMap1File), ("rlnTomoReferenceMap2File", \.referenceMap2File),
        ("rlnTomoReferenceMaskFile", \.referenceMaskFile), ("rlnTomoReferenceFscFile", \.referenceFscFile),
    ] }

    /// Reads the first block of `path`.
    public static func read(path: String) throws(TomoRelionError) -> OptimisationSet {
        let doc = try StarIO.read(path)
        guard let b = doc.blocks.first, b.rowCount > 0 else {
            throw TomoRelionError(.missingBlock, file: path, message: "optimisation set has no data block with values")
        }
        var s = OptimisationSet()
        for (label, kp) in labels { s[keyPath: kp] = b.string(label, row: 0) }
        s.otherValues = StarBlockReader(block: b, file: path).rowValues(0, excluding: Set(labels.map(\.0)))
        return s
    }

    /// The `data_` list block with every non-nil entry.
    public var block: StarBlock {
        var b = StarBlockBuilder(name: "", isLoop: false)
        for (label, kp) in Self.labels { if let v = self[keyPath: kp] { b.strings(label, [v]) } }
        b.append([otherValues])
        return b.block
    }

    /// Writes the set atomically.
    public func write(to path: String) throws(TomoRelionError) {
        var doc = StarDocument(blocks: [])
        doc.blocks = [block]
        try StarIO.write(doc, to: path)
    }
}
