import TomoSTAR

/// One row of `data_optics` (spec §2.6) in typed form. Absent labels are nil.
public struct RelionOpticsGroup: Hashable, Sendable {
    /// `rlnOpticsGroup` (1-based).
    public var number: Int
    /// `rlnOpticsGroupName`.
    public var name: String?
    /// `rlnVoltage` (kV).
    public var voltage: Double?
    /// `rlnSphericalAberration` (mm).
    public var sphericalAberration: Double?
    /// `rlnAmplitudeContrast`.
    public var amplitudeContrast: Double?
    /// `rlnTomoTiltSeriesPixelSize` (Å/px).
    public var tiltSeriesPixelSize: Double?
    /// `rlnImagePixelSize` (Å/px of the extracted images).
    public var imagePixelSize: Double?
    /// `rlnImageSize` (pixels).
    public var imageSize: Int?
    /// `rlnImageDimensionality` (2 or 3).
    public var imageDimensionality: Int?
    /// `rlnTomoSubtomogramBinning`.
    public var subtomogramBinning: Double?
    /// `rlnCtfDataAreCtfPremultiplied`.
    public var ctfPremultiplied: Bool?

    /// A group with a number and optional name.
    public init(number: Int, name: String? = nil) {
        self.number = number
        self.name = name
    }

    /// All rows of an optics block.
    static func rows(of block: StarBlock, file: String) throws(TomoRelionError) -> [RelionOpticsGroup] {
        let r = StarBlockReader(block: block, file: file)
        let numbers = try r.optionalIntegral("rlnOpticsGroup") ?? (0 ..< block.rowCount).map { $0 + 1 }
        let names = r.optionalStrings("rlnOpticsGroupName")
        let v = try r.optionalDoubles("rlnVoltage"), cs = try r.optionalDoubles("rlnSphericalAberration")
        let q0 = try r.optionalDoubles("rlnAmplitudeContrast"), pxts = try r.optionalDoubles("rlnTomoTiltSeriesPixelSize")
        let pxi = try r.optionalDoubles("rlnImagePixelSize"), size = try r.optionalIntegral("rlnImageSize")
        let dim = try r.optionalIntegral("rlnImageDimensionality"), bin = try r.optionalDoubles("rlnTomoSubtomogramBinning")
        let pre = try r.optionalIntegral("rlnCtfDataAreCtfPremultiplied")
        return (0 ..< block.rowCount).map { i in
            var g = RelionOpticsGroup(number: numbers[i], name: names?[i])
            g.voltage = v?[i]; g.sphericalAberration = cs?[i]; g.amplitudeContrast = q0?[i]
            g.tiltSeriesPixelSize = pxts?[i]; g.imagePixelSize = pxi?[i]; g.imageSize = size?[i]
            g.imageDimensionality = dim?[i]; g.subtomogramBinning = bin?[i]; g.ctfPremultiplied = pre.map { $0[i] != 0 }
            return g
        }
    }
}
