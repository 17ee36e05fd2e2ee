import Foundation
import Testing
import TomoCore
import TomoRelion
import TomoSTAR
import TomoTesting
@testable import TomoRefineFiles

/// Subset selection (spec §7) by classes, class fraction, class resolution and duplicates.
@Suite struct SelectionTests {
    static let classOfRow = [1, 2, 1, 3, 2, 1, 1, 3, 2, 1]

    /// 10 particles in one tomogram, classes `classOfRow`.
    static var classData: StarDocument {
        let ps = classOfRow.indices.map { i in
            TomoParticle(tomoName: "TS_01", particleName: "TS_01/\(i + 1)",
                         pose: ParticlePose(centeredPositionAngst: Vector3(Double(i) * 1000, 0, 0)), classNumber: classOfRow[i])
        }
        return RefineData.document(of: ParticleSet(particles: ps, optics: Fixture.optics, subTomogramsAre2DStacks: true))
    }

    static var model3: RefineModel {
        var m = Fixture.model
        let c = m.classes[0]
        m.classes = [(0.5, 20.0), (0.3, 30.0), (0.2, 40.0)].map { d, r in
            var k = c
            k.distribution = d
            k.estimatedResolution = r
            return k
        }
        m.general.nrClasses = 3
        return m
    }

    func kept(_ s: SubsetSelection, model: RefineModel? = model3) throws -> Int {
        try s.apply(to: Self.classData, model: model, file: "test").keptCount
    }

    @Test func selectsByClassesFractionAndResolution() throws {
        #expect(try kept(SubsetSelection(classes: [1, 3])) == 7)
        #expect(try kept(SubsetSelection(minClassFraction: 0.25)) == 8)
        #expect(try kept(SubsetSelection(maxClassResolution: 30)) == 8)
        #expect(try kept(SubsetSelection(maxClassResolution: 25)) == 5)
        #expect(try kept(SubsetSelection(classes: [2, 3], minClassFraction: 0.25)) == 3)
        #expect(try kept(SubsetSelection()) == 10)
        #expect(try kept(SubsetSelection(minClassFraction: 0.25), model: nil) == 8)   // fractions from the data
        #expect(throws: RefineFilesError.self) { try kept(SubsetSelection(maxClassResolution: 30), model: nil) }
        let r = try SubsetSelection(classes: [1, 3]).apply(to: Self.classData, model: Self.model3, file: "test")
        #expect(r.keptPerClass == [1: 5, 3: 2] && r.selectedClasses == [1, 3])
        #expect(r.keptRows == [0, 2, 3, 5, 6, 7, 9])
        let p = try #require(r.document["particles"])
        #expect(p.labels == Self.classData["particles"]!.labels)
        #expect(r.document["optics"] == Self.classData["optics"] && r.document["general"] == Self.classData["general"])
    }

    /// Tomogram A: x = 0, 30, 100, 125, 300 Å; B: x = 0, 10 Å; pmax .9 .5 .5 .5 .1 | .3 .3.
    static var duplicateBlock: StarBlock {
        var b = StarBlock(name: "particles")
        b.setColumn("rlnTomoName", ["A", "A", "A", "A", "A", "B", "B"])
        b.setColumn("rlnCenteredCoordinateXAngst", doubles: [0, 30, 100, 125, 300, 0, 10])
        b.setColumn("rlnCenteredCoordinateYAngst", doubles: [0, 0, 0, 0, 0, 0, 0])
        b.setColumn("rlnCenteredCoordinateZAngst", doubles: [0, 0, 0, 0, 0, 0, 0])
        b.setColumn("rlnMaxValueProbDistribution", doubles: [0.9, 0.5, 0.5, 0.5, 0.1, 0.3, 0.3])
        return b
    }

    @Test func removesDuplicatesAsStarHandler() throws {
        let relion = try DuplicateRemoval(distanceAngst: 40).keptRows(particles: Self.duplicateBlock, optics: nil, file: "t")
        #expect(relion == [1, 3, 4, 6])
        let pmax = try DuplicateRemoval(distanceAngst: 40, keep: .higherMaxValueProbability)
            .keptRows(particles: Self.duplicateBlock, optics: nil, file: "t")
        #expect(pmax == [0, 2, 4, 5])
        // The threshold is inclusive (distance ≤ d), as RELION's.
        #expect(try DuplicateRemoval(distanceAngst: 25).keptRows(particles: Self.duplicateBlock, optics: nil, file: "t") == [0, 1, 3, 4, 6])
    }

    @Test func duplicateOriginsAreRotatedBySubtomogramMatrix() throws {
        let origin = Vector3(0, 0, 50)
        let subtomo = EulerAngles(rot: 0, tilt: 90, psi: 0)
        let rotated = subtomo.matrix * origin                       // |rotated.z| ≈ 0: origin now along x
        #expect(abs(rotated.z) < 1e-9 && abs(abs(rotated.x) - 50) < 1e-9)
        var b = StarBlock(name: "particles")
        b.setColumn("rlnTomoName", ["A", "A"])
        b.setColumn("rlnCenteredCoordinateXAngst", doubles: [0, -rotated.x])
        b.setColumn("rlnCenteredCoordinateYAngst", doubles: [0, 0])
        b.setColumn("rlnCenteredCoordinateZAngst", doubles: [0, 0])
        b.setColumn("rlnOriginXAngst", doubles: [0, 0])
        b.setColumn("rlnOriginYAngst", doubles: [0, 0])
        b.setColumn("rlnOriginZAngst", doubles: [50, 0])
        b.setColumn("rlnTomoSubtomogramRot", doubles: [0, 0])
        b.setColumn("rlnTomoSubtomogramTilt", doubles: [90, 0])
        b.setColumn("rlnTomoSubtomogramPsi", doubles: [0, 0])
        // Rotated (spec §2.6.1): both sit at −A_s·o → one duplicate removed.
        #expect(try DuplicateRemoval(distanceAngst: 40).keptRows(particles: b, optics: nil, file: "t") == [1])
        // As relion_star_handler (spec §13.10): (0,0,−50) vs (∓50,0,0) are 70.7 Å apart → both kept.
        #expect(try DuplicateRemoval(distanceAngst: 40, applySubtomogramRotation: false).keptRows(particles: b, optics: nil, file: "t") == [0, 1])
    }

    @Test func selectsFromAnOptimiserAndWritesParticlesStar() throws {
        let dir = try Fixture.writtenProject()
        let out = dir + "/Select/job005"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let r = try SubsetSelection(classes: [2]).run(input: dir + "/" + Fixture.names.optimiser, outputDirectory: out)
        #expect(r.keptCount == 2 && r.inputCount == 6 && r.keptRows == [0, 3])
        let written = try StarDocument.read(path: out + "/particles.star")
        let data = try StarDocument.read(path: dir + "/" + Fixture.names.data)
        #expect(written.blocks.map(\.name) == data.blocks.map(\.name))
        #expect(written["optics"] == data["optics"] && written["general"] == data["general"])
        #expect(written["particles"] == data["particles"]!.selectingRows([0, 3]))
        // From the model file: resolution criterion uses rlnEstimatedResolution (class 1: 21.6 Å, class 2: 24.69 Å).
        let byRes = try SubsetSelection(maxClassResolution: 22).run(input: dir + "/" + Fixture.names.model, outputDirectory: out)
        #expect(byRes.keptCount == 4 && byRes.selectedClasses == [1])
    }

    /// dials Class3D/job016: classes 1–4 hold 300, 179, 387, 4501 particles (counted with awk);
    /// rlnEstimatedResolution 20.60, 22.66, 20.60, 10.30 Å; rlnClassDistribution 0.056, 0.033, 0.072, 0.839.
    @Test(.requiresRealData) func selectsFromRealClass3DOptimiser() throws {
        let opt = RealData.path("dials-relion31-tutorial/Class3D/job016/run_it025_optimiser.star")
        let out = NSTemporaryDirectory() + "select-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let a = try SubsetSelection(classes: [1, 4]).run(input: opt, outputDirectory: out)
        #expect(a.keptPerClass == [1: 300, 4: 4501] && a.inputCount == 5367)
        let b = try SubsetSelection(minClassFraction: 0.05, maxClassResolution: 21).run(input: opt, outputDirectory: out)
        #expect(b.selectedClasses == [1, 3, 4] && b.keptCount == 5188)
        #expect(try SubsetSelection(maxClassResolution: 15).run(input: opt, outputDirectory: out).keptCount == 4501)
        #expect(try StarDocument.read(path: out + "/particles.star")["particles"]?.rowCount == 4501)
    }

    static let relion5 = "cryocat/motl_data/relion5_1/run_it025_data.star"

    @Test(.requiresRealData) func selectsClassesOfRealRelion5Data() throws {
        let doc = try StarDocument.read(path: RealData.path(Self.relion5))
        let one = try SubsetSelection(classes: [1]).apply(to: doc, model: nil, file: Self.relion5)
        #expect(one.inputCount == 7488 && one.keptCount == 5992)
        #expect(try SubsetSelection(classes: [2]).apply(to: doc, model: nil, file: Self.relion5).keptCount == 1496)
        #expect(try SubsetSelection(minClassFraction: 0.5).apply(to: doc, model: nil, file: Self.relion5).keptCount == 5992)
        #expect(try SubsetSelection(minClassFraction: 0.1).apply(to: doc, model: nil, file: Self.relion5).keptCount == 7488)
        // Columns and optics preserved.
        #expect(one.document["particles"]?.labels == doc["particles"]?.labels)
        #expect(one.document["optics"] == doc["optics"])
    }

    @Test(.requiresRealData, .requiresInteropPython) func removesDuplicatesOfRealRelion5DataAsBruteForce() throws {
        let path = RealData.path(Self.relion5)
        let doc = try StarDocument.read(path: path)
        let script = """
        import sys, starfile, numpy as np
        d = starfile.read(sys.argv[1], always_dict=True)
        p, o = d['particles'], d['optics']
        px = dict(zip(o['rlnOpticsGroup'], o['rlnImagePixelSize']))
        s = p['rlnOpticsGroup'].map(px).to_numpy()
        pos = np.stack([p['rlnCoordinate' + a].to_numpy() * s - p['rlnOrigin' + a + 'Angst'].to_numpy() for a in 'XYZ'], 1)
        for dist in (150.0, 300.0):
            keep = np.ones(len(p), bool)
            for name, idx in p.groupby('rlnMicrographName', sort=False).indices.items():
                for k, i in enumerate(idx):
                    rest = idx[k + 1:]
                    if len(rest) and (((pos[rest] - pos[i]) ** 2).sum(1) <= dist * dist).any():
                        keep[i] = False
            print(int(keep.sum()))
        """
        let expected = try InteropPython.run(script, arguments: [path]).split(separator: "\n").map { Int($0)! }
        for (d, e) in zip([150.0, 300.0], expected) {
            let r = try SubsetSelection(duplicates: DuplicateRemoval(distanceAngst: d)).apply(to: doc, model: nil, file: path)
            #expect(r.keptCount == e, "d = \(d) Å")
            #expect(r.keptCount < 7488)
        }
    }
}
