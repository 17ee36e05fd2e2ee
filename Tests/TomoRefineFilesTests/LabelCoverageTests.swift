import Foundation
import Testing
import TomoSTAR
import TomoTesting
@testable import TomoRefineFiles

/// Every block and label of the real RELION Class3D files (dials RELION 3.1 tutorial, job016) is
/// present in the files we write, except the documented exclusions below.
@Suite struct LabelCoverageTests {
    static let dir = "dials-relion31-tutorial/Class3D/job016/"

    /// Labels of the real (RELION 3.1, single-particle) files that our (RELION 5, tomography)
    /// files do not carry, with the reason.
    static let excludedLabels: [String: String] = [
        // optimiser: RELION 3.1's SGD labels, replaced in RELION 4/5 by gradient refinement
        // (rlnDoGradientRefine, rlnSgdInitialIterationsFraction, … — spec §6.4).
        "rlnDoStochasticEM": "RELION 3.1 only; removed with stochastic EM in RELION 4",
        "rlnSgdInitialIterations": "RELION 3.1 only; RELION 5 writes rlnSgdInitialIterationsFraction",
        "rlnSgdFinalIterations": "RELION 3.1 only; RELION 5 writes rlnSgdFinalIterationsFraction",
        "rlnSgdInBetweenIterations": "RELION 3.1 only; no counterpart in RELION 5",
        "rlnSgdSigma2FudgeInitial": "RELION 3.1 only; no counterpart in RELION 5",
        "rlnSgdSigma2FudgeHalflife": "RELION 3.1 only; no counterpart in RELION 5",
        // data: single-particle micrograph metadata; tomography keeps it in the tomogram set.
        "rlnCoordinateX": "SPA pixel coordinates; tomography writes rlnCenteredCoordinate*Angst (spec §2.6)",
        "rlnCoordinateY": "SPA pixel coordinates; tomography writes rlnCenteredCoordinate*Angst (spec §2.6)",
        "rlnMicrographName": "SPA micrograph; tomography names the tomogram in rlnTomoName",
        "rlnAutopickFigureOfMerit": "SPA autopicking score",
        "rlnCtfMaxResolution": "SPA per-micrograph CTF fit; per tilt in the tomogram set",
        "rlnCtfFigureOfMerit": "SPA per-micrograph CTF fit; per tilt in the tomogram set",
        "rlnDefocusU": "SPA per-particle CTF; per tilt in the tomogram set (spec §2.2)",
        "rlnDefocusV": "SPA per-particle CTF; per tilt in the tomogram set (spec §2.2)",
        "rlnDefocusAngle": "SPA per-particle CTF; per tilt in the tomogram set (spec §2.2)",
        "rlnCtfBfactor": "SPA per-particle CTF; per tilt in the tomogram set (spec §2.2)",
        "rlnCtfScalefactor": "SPA per-particle CTF; per tilt in the tomogram set (spec §2.2)",
        "rlnPhaseShift": "SPA per-particle CTF; per tilt in the tomogram set (spec §2.2)",
        "rlnMtfFileName": "SPA detector MTF, used by post-processing only; not in tomography optics tables",
        "rlnMicrographOriginalPixelSize": "SPA optics; tomography carries it in the tomogram set",
    ]

    /// RELION 3.1's per-group noise blocks `data_model_group_N` became per-optics-group
    /// `data_model_optics_group_N` in RELION 4 (same labels).
    static func ourBlockName(_ real: String) -> String {
        real.hasPrefix("model_group_") ? "model_optics_group_1" : real
    }

    func compare(real file: String, ours: StarDocument) throws {
        let real = try StarDocument.read(path: RealData.path(Self.dir + file))
        let mine = Fixture.labelsPerBlock(ours)
        var checked = 0
        for b in real.blocks {
            let name = b.name.hasPrefix("model_class_") || b.name.hasPrefix("model_pdf_orient_class_")
                ? b.name.replacingOccurrences(of: #"_\d+$"#, with: "_1", options: .regularExpression) : Self.ourBlockName(b.name)
            let ourLabels = try #require(mine[name], "\(file): our file lacks block data_\(name) (real data_\(b.name))")
            for l in b.labels where Self.excludedLabels[l] == nil {
                #expect(ourLabels.contains(l), "\(file) data_\(b.name): our data_\(name) lacks _\(l)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    @Test(.requiresRealData) func modelCarriesEveryRealBlockAndLabel() throws {
        try compare(real: "run_it025_model.star", ours: Fixture.model.document)
    }

    @Test(.requiresRealData) func optimiserCarriesEveryRealLabel() throws {
        try compare(real: "run_it025_optimiser.star", ours: StarDocument(blocks: [Fixture.iteration.resolvedOptimiser.block]))
    }

    @Test(.requiresRealData) func samplingCarriesEveryRealBlockAndLabel() throws {
        try compare(real: "run_it025_sampling.star", ours: Fixture.sampling.document)
    }

    @Test(.requiresRealData) func dataCarriesEveryRealBlockAndRefineLabel() throws {
        try compare(real: "run_it025_data.star", ours: RefineData.document(of: Fixture.iteration.data))
    }

    @Test func optimiserWritesEveryRelion5LabelOnceInOrder() throws {
        let b = Fixture.iteration.resolvedOptimiser.block
        #expect(b.labels.count == Set(b.labels).count)
        #expect(b.labels == RefineOptimiser.labels.filter { $0 != "rlnModelStarFile2" })
        #expect(b.labels.count == 102)
        #expect(b.labels.first == "rlnOutputRootName" && b.labels.last == "rlnOffsetRangeZ")
    }

    @Test func tomographyAdditionsArePresent() throws {
        let data = Fixture.labelsPerBlock(RefineData.document(of: Fixture.iteration.data))
        #expect(data["general"] == ["rlnTomoSubTomosAre2DStacks"])
        for l in ["rlnTomoName", "rlnTomoParticleName", "rlnCenteredCoordinateXAngst", "rlnOriginZAngst",
                  "rlnTomoVisibleFrames", "rlnTomoSubtomogramRot"] {
            #expect(data["particles"]?.contains(l) == true, "data_particles lacks _\(l)")
        }
        let model = Fixture.labelsPerBlock(Fixture.model.document)
        #expect(model["model_general"]?.contains("rlnNrOpticsGroups") == true)
        let o = Fixture.iteration.resolvedOptimiser.block
        #expect(o.string("rlnTomoTomogramsFile", row: 0) == "Tomograms/job006/tomograms.star")
    }
}
