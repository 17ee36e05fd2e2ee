import Testing
import TomoSTAR
import TomoTesting

/// Every `.star` file under `../shared/data/real` (RELION 3.1–5, WarpTools, pytom, cryoCAT,
/// starfile fixtures) parses, and re-writing it gives an equal document.
@Suite("Real files", .requiresRealData)
struct RealDataRoundTripTests {
    static let files = RealData.files(withExtensions: [".star"])

    /// RELION 3.1 wrote a literal tab inside a GUI help text (`(*.star)__<TAB>__Image__stacks`), which
    /// makes rows 103 and 106 of this table hold 12 fields for 11 labels. Python starfile rejects it too
    /// ("Expected 11 fields in line 16, saw 12"); we report the exact place.
    static let malformed = ["dials-relion31-tutorial/Refine3D/job019/job.star": (103, 862)]

    @Test("every real .star file round-trips to an equal document")
    func roundTripAll() throws {
        #expect(Self.files.count >= 50)
        for path in Self.files {
            if let (line, column) = Self.malformed.first(where: { path.hasSuffix($0.key) })?.value {
                do {
                    _ = try StarDocument.read(path: path)
                    Issue.record("\(path) should fail")
                } catch let e as StarError {
                    #expect(e.code == .wrongFieldCount && e.line == line && e.column == column, "\(e)")
                }
                continue
            }
            let doc = try StarDocument.read(path: path)
            let again = try StarDocument.parse(doc.serialized(), source: path + " (re-written)")
            #expect(again == doc, "\(path)")
            #expect(!doc.blocks.isEmpty, "\(path)")
        }
    }

    @Test("RELION 5 particle table: shape and values")
    func relion5Particles() throws {
        let doc = try StarDocument.read(path: RealData.path("cryocat/motl_data/relion5/clean/R5_tutorial_run_data.star"))
        #expect(doc.blocks.map(\.name) == ["general", "optics", "particles"])
        #expect(try doc["general"]?.bools(.tomoSubTomosAre2DStacks) == [true])
        let p = try #require(doc["particles"])
        #expect(p.rowCount == 9053 && p.labels.count == 26)
        #expect(p.string(.tomoName, row: 0) == "TS_01")
        #expect(try p.doubles(.tomoSubtomogramPsi)[0] == -164.55358)
        #expect(try p.intVectors(.tomoVisibleFrames)[0].count == 40)
        #expect(Set(try p.ints(.randomSubset)) == [1, 2])
        #expect(try doc["optics"]?.doubles(.tomoTiltSeriesPixelSize) == [1.35])
    }

    @Test("WarpTools tomograms: 4-vector projection rows, no version line")
    func warpProjections() throws {
        let doc = try StarDocument.read(path: RealData.path("cryocat/motl_data/relion5/clean/warp2_matching_tomograms.star"))
        let ts = try #require(doc["TS_17.tomostar"])
        let x = try ts.doubleVectors(.tomoProjX)
        #expect(x[0] == [0.05876775, 0.99705213, -0.049329475, 0])
        #expect(try ts.doubleVectors(.tomoProjW).allSatisfy { $0 == [0, 0, 0, 1] })
    }

    @Test("CRLF + tab separated MTF file")
    func crlfMtf() throws {
        let doc = try StarDocument.read(path: RealData.path("dials-relion31-tutorial/mtf_k2_200kV.star"))
        let b = try #require(doc["mtf_k2_200kv"])
        #expect(try b.doubles("rlnMtfValue")[0] == 1)
        #expect(try b.doubles("rlnResolutionInversePixel")[7] == 0.01758794)
    }
}
