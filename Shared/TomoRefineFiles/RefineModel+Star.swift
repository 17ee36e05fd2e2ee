import TomoSTAR

extension RefineModel {
    /// The document `relion_refine` writes (spec §6.3), blocks in RELION's order:
    /// `data_model_general` (list), `data_model_classes`, `data_model_class_K` (K = 1…),
    /// `data_model_groups`, `data_model_optics_group_N`, `data_model_pdf_orient_class_K`
    /// (3D references only). Noise rows with σ² ≤ 0 are left out, as RELION does.
    public var document: StarDocument {
        var blocks: [StarBlock] = [general.block]

        var cls = StarBlock(name: "model_classes")
        cls.setColumn(RelionLabel.referenceImage.rawValue, classes.map(\.referenceImage))
        cls.setColumn(RelionLabel.classDistribution.rawValue, doubles: classes.map(\.distribution))
        cls.setColumn(RelionLabel.accuracyRotations.rawValue, doubles: classes.map(\.accuracyRotations))
        cls.setColumn(RelionLabel.accuracyTranslationsAngst.rawValue, doubles: classes.map(\.accuracyTranslationsAngst))
        cls.setColumn(RelionLabel.estimatedResolution.rawValue, doubles: classes.map(\.estimatedResolution))
        cls.setColumn(RelionLabel.overallFourierCompleteness.rawValue, doubles: classes.map(\.overallFourierCompleteness))
        blocks.append(cls)

        for (k, c) in classes.enumerated() {
            var b = StarBlock(name: "model_class_\(k + 1)")
            let s = c.spectrum
            b.setColumn("rlnSpectralIndex", ints: s.map(\.index))
            b.setColumn("rlnResolution", doubles: s.map(\.resolution))
            b.setColumn("rlnAngstromResolution", doubles: s.map(\.angstromResolution))
            b.setColumn("rlnSsnrMap", doubles: s.map(\.ssnr))
            b.setColumn("rlnGoldStandardFsc", doubles: s.map(\.goldStandardFsc))
            b.setColumn("rlnFourierCompleteness", doubles: s.map(\.fourierCompleteness))
            b.setColumn("rlnReferenceSigma2", doubles: s.map(\.referenceSigma2))
            b.setColumn("rlnReferenceTau2", doubles: s.map(\.referenceTau2))
            if !s.isEmpty, s.allSatisfy({ $0.orientability != nil }) {
                b.setColumn("rlnSpectralOrientabilityContribution", doubles: s.map { $0.orientability ?? 0 })
            }
            blocks.append(b)
        }

        var g = StarBlock(name: "model_groups")
        g.setColumn("rlnGroupNumber", ints: groups.map(\.number))
        g.setColumn("rlnGroupName", groups.map(\.name))
        g.setColumn("rlnGroupNrParticles", ints: groups.map(\.particleCount))
        g.setColumn("rlnGroupScaleCorrection", doubles: groups.map(\.scaleCorrection))
        blocks.append(g)

        for n in noiseSpectra {
            var b = StarBlock(name: "model_optics_group_\(n.number)")
            let keep = n.sigma2.indices.filter { n.sigma2[$0] > 0 }
            b.setColumn("rlnSpectralIndex", ints: keep.map { n.indices[$0] })
            b.setColumn("rlnResolution", doubles: keep.map { n.resolutions[$0] })
            b.setColumn("rlnSigma2Noise", doubles: keep.map { n.sigma2[$0] })
            blocks.append(b)
        }

        if general.referenceDimensionality == 3 {
            for (k, c) in classes.enumerated() {
                var b = StarBlock(name: "model_pdf_orient_class_\(k + 1)")
                b.setColumn("rlnOrientationDistribution", doubles: c.orientationDistribution)
                blocks.append(b)
            }
        }
        return StarDocument(blocks: blocks)
    }

    /// Writes ``document`` to `path` atomically.
    public func write(to path: String) throws(RefineFilesError) {
        try RefineStarIO.write(document, to: path)
    }

    /// Reads a `_model.star` written by RELION 3.1–5 or by ``write(to:)``.
    public static func read(path: String) throws(RefineFilesError) -> RefineModel {
        try RefineModel(document: RefineStarIO.read(path), file: path)
    }

    /// Interprets a parsed model document. Noise spectra come from `data_model_optics_group_N`
    /// (RELION ≥ 4) or, if there are none, from the per-group `data_model_group_N` (RELION 3.1).
    /// A missing orientability column or pdf_orient block reads as nil / empty.
    public init(document doc: StarDocument, file: String) throws(RefineFilesError) {
        guard let gb = doc["model_general"] else {
            throw RefineFilesError(file: file, block: "model_general", message: "block is missing; not a model.star file")
        }
        general = try RefineModelGeneral(block: gb, file: file)
        guard let cb = doc["model_classes"] else {
            throw RefineFilesError(file: file, block: "model_classes", message: "block is missing")
        }
        let cr = ColumnReader(cb, file: file)
        let refs = try cr.strings("rlnReferenceImage")
        let dist = try cr.doubles("rlnClassDistribution")
        let accR = try cr.doubles("rlnAccuracyRotations")
        var accT: [Double]
        if let a = try cr.optionalDoubles("rlnAccuracyTranslationsAngst") { accT = a } else {
            accT = try cr.doubles("rlnAccuracyTranslations")   // RELION 3.0: pixels
        }
        let est = try cr.optionalDoubles("rlnEstimatedResolution") ?? Array(repeating: 0, count: refs.count)
        let comp = try cr.optionalDoubles("rlnOverallFourierCompleteness") ?? Array(repeating: 0, count: refs.count)
        var cls: [RefineModelClass] = []
        for k in refs.indices {
            var spectrum: [RefineSpectralShell] = []
            if let sb = doc["model_class_\(k + 1)"] {
                let r = ColumnReader(sb, file: file)
                let idx = try r.ints("rlnSpectralIndex")
                let res = try r.doubles("rlnResolution")
                let ang = try r.optionalDoubles("rlnAngstromResolution") ?? res.map { $0 > 0 ? 1 / $0 : 999 }
                let ssnr = try r.doubles("rlnSsnrMap")
                let fsc = try r.doubles("rlnGoldStandardFsc")
                let fc = try r.optionalDoubles("rlnFourierCompleteness") ?? Array(repeating: 0, count: idx.count)
                let s2 = try r.doubles("rlnReferenceSigma2")
                let t2 = try r.doubles("rlnReferenceTau2")
                let or = try r.optionalDoubles("rlnSpectralOrientabilityContribution")
                spectrum = idx.indices.map { i in
                    RefineSpectralShell(index: idx[i], resolution: res[i], angstromResolution: ang[i], ssnr: ssnr[i],
                                        goldStandardFsc: fsc[i], fourierCompleteness: fc[i], referenceSigma2: s2[i],
                                        referenceTau2: t2[i], orientability: or?[i])
                }
            }
            let pdf = try doc["model_pdf_orient_class_\(k + 1)"].map { b throws(RefineFilesError) in
                try ColumnReader(b, file: file).doubles("rlnOrientationDistribution")
            } ?? []
            cls.append(RefineModelClass(referenceImage: refs[k], distribution: dist[k], accuracyRotations: accR[k],
                                        accuracyTranslationsAngst: accT[k], estimatedResolution: est[k],
                                        overallFourierCompleteness: comp[k], spectrum: spectrum,
                                        orientationDistribution: pdf))
        }
        classes = cls

        if let grb = doc["model_groups"] {
            let r = ColumnReader(grb, file: file)
            let num = try r.ints("rlnGroupNumber"), name = try r.strings("rlnGroupName")
            let cnt = try r.ints("rlnGroupNrParticles"), sc = try r.doubles("rlnGroupScaleCorrection")
            groups = num.indices.map { RefineModelGroup(number: num[$0], name: name[$0], particleCount: cnt[$0], scaleCorrection: sc[$0]) }
        } else {
            groups = []
        }

        var noise: [RefineNoiseSpectrum] = []
        let prefix = doc.blocks.contains { $0.name.hasPrefix("model_optics_group_") } ? "model_optics_group_" : "model_group_"
        for b in doc.blocks where b.name.hasPrefix(prefix) {
            guard let n = Int(b.name.dropFirst(prefix.count)) else { continue }
            let r = ColumnReader(b, file: file)
            noise.append(RefineNoiseSpectrum(number: n, indices: try r.ints("rlnSpectralIndex"),
                                             resolutions: try r.doubles("rlnResolution"),
                                             sigma2: try r.doubles("rlnSigma2Noise")))
        }
        noiseSpectra = noise
    }
}

extension RefineModelGeneral {
    /// The list entries in RELION's write order (`MlModel::write`).
    public var entries: [(String, StarValue)] {
        var e: [(String, StarValue)] = [
            ("rlnReferenceDimensionality", .int(referenceDimensionality)),
            ("rlnDataDimensionality", .int(dataDimensionality)),
            ("rlnOriginalImageSize", .int(originalImageSize)),
            ("rlnCurrentResolution", .double(currentResolution)),
            ("rlnCurrentImageSize", .int(currentImageSize)),
            ("rlnPaddingFactor", .double(paddingFactor)),
            ("rlnIsHelix", .bool(isHelix)),
            ("rlnFourierSpaceInterpolator", .int(fourierSpaceInterpolator)),
            ("rlnMinRadiusNnInterpolation", .int(minRadiusNnInterpolation)),
            ("rlnPixelSize", .double(pixelSize)),
            ("rlnNrClasses", .int(nrClasses)),
            ("rlnNrBodies", .int(nrBodies)),
            ("rlnNrGroups", .int(nrGroups)),
        ]
        if let nrOpticsGroups { e.append(("rlnNrOpticsGroups", .int(nrOpticsGroups))) }
        e += [
            ("rlnTau2FudgeFactor", .double(tau2FudgeFactor)),
            ("rlnNormCorrectionAverage", .double(normCorrectionAverage)),
            ("rlnSigmaOffsetsAngst", .double(sigmaOffsetsAngst)),
            ("rlnOrientationalPriorMode", .int(orientationalPriorMode)),
            ("rlnSigmaPriorRotAngle", .double(sigmaPriorRotAngle)),
            ("rlnSigmaPriorTiltAngle", .double(sigmaPriorTiltAngle)),
            ("rlnSigmaPriorPsiAngle", .double(sigmaPriorPsiAngle)),
            ("rlnLogLikelihood", .double(logLikelihood)),
            ("rlnAveragePmax", .double(averagePmax)),
        ]
        return e
    }

    /// `data_model_general` as a list block.
    public var block: StarBlock { ListBlock.make("model_general", entries) }

    /// Reads `data_model_general`.
    init(block b: StarBlock, file: String) throws(RefineFilesError) {
        let r = RowReader(b, file: file)
        var sigmaOffsets: Double
        if let s = try r.optionalDouble("rlnSigmaOffsetsAngst") { sigmaOffsets = s } else {
            sigmaOffsets = try r.double("rlnSigmaOffsets")   // RELION 3.0: pixels
        }
        self.init(originalImageSize: try r.int("rlnOriginalImageSize"),
                  currentResolution: try r.double("rlnCurrentResolution"),
                  currentImageSize: try r.int("rlnCurrentImageSize"),
                  pixelSize: try r.double("rlnPixelSize"),
                  nrClasses: try r.int("rlnNrClasses"),
                  nrGroups: try r.int("rlnNrGroups"),
                  nrOpticsGroups: try r.optionalInt("rlnNrOpticsGroups"),
                  sigmaOffsetsAngst: sigmaOffsets,
                  logLikelihood: try r.double("rlnLogLikelihood"),
                  averagePmax: try r.double("rlnAveragePmax"),
                  dataDimensionality: try r.optionalInt("rlnDataDimensionality") ?? 2,
                  tau2FudgeFactor: try r.double("rlnTau2FudgeFactor"))
        referenceDimensionality = try r.int("rlnReferenceDimensionality")
        paddingFactor = try r.double("rlnPaddingFactor")
        isHelix = try r.optionalBool("rlnIsHelix") ?? false
        fourierSpaceInterpolator = try r.int("rlnFourierSpaceInterpolator")
        minRadiusNnInterpolation = try r.int("rlnMinRadiusNnInterpolation")
        nrBodies = try r.optionalInt("rlnNrBodies") ?? 1
        normCorrectionAverage = try r.double("rlnNormCorrectionAverage")
        orientationalPriorMode = try r.int("rlnOrientationalPriorMode")
        sigmaPriorRotAngle = try r.double("rlnSigmaPriorRotAngle")
        sigmaPriorTiltAngle = try r.double("rlnSigmaPriorTiltAngle")
        sigmaPriorPsiAngle = try r.double("rlnSigmaPriorPsiAngle")
    }
}
