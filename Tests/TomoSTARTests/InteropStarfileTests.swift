import Foundation
import Testing
import TomoSTAR
import TomoTesting

/// Interoperability with Python `starfile` (teamtomo), the reader most third-party tools use.
@Suite("Interop: Python starfile", .requiresInteropPython)
struct InteropStarfileTests {
    /// Reads a STAR file with starfile and prints `{block: {label: [values]}}` as JSON (NaN → null).
    static let dumpScript = """
    import json, math, sys, starfile
    d = starfile.read(sys.argv[1], always_dict=True)
    def clean(v):
        if hasattr(v, 'item'): v = v.item()
        if isinstance(v, float) and math.isnan(v): return None
        return v
    out = {}
    for name, blk in d.items():
        if isinstance(blk, dict):
            out[name] = {k: [clean(v)] for k, v in blk.items()}
        else:
            out[name] = {c: [clean(v) for v in blk[c].tolist()] for c in blk.columns}
    print(json.dumps(out))
    """

    private func starfileRead(_ path: String) throws -> [String: [String: [Any]]] {
        let json = try InteropPython.run(Self.dumpScript, arguments: [path])
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(obj as? [String: [String: [Any]]])
    }

    private func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    /// Compares our block with starfile's columns: numbers to 1e-6 (relative for large values),
    /// strings exactly, `<NA>` ↔ NaN/None.
    private func expectEqual(_ ours: StarBlock, _ theirs: [String: [Any]], file: String) {
        #expect(Set(theirs.keys) == Set(ours.labels), "\(file) data_\(ours.name) labels")
        for label in ours.labels {
            guard let col = theirs[label], let mine = ours.column(label) else { continue }
            #expect(col.count == mine.count, "\(label) row count")
            for (r, (a, b)) in zip(mine, col).enumerated() {
                switch b {
                case is NSNull:
                    #expect(a == "<NA>" || a == "", "\(label)[\(r)]: ours \(a), starfile None")
                case let s as String:
                    #expect(a == s, "\(label)[\(r)]")
                case let n as NSNumber:
                    let x = try? ours.doubles(label)[r]
                    let y = n.doubleValue
                    #expect(x.map { abs($0 - y) <= 1e-6 * max(1, abs(y)) } == true, "\(label)[\(r)]: ours \(a), starfile \(y)")
                default:
                    Issue.record("\(label)[\(r)]: unexpected starfile value \(b)")
                }
            }
        }
    }

    @Test("a document we write (list + loop, every value kind) reads back equal in starfile")
    func weWriteTheyRead() throws {
        var general = StarBlock(name: "general", isLoop: false)
        general.setColumn(.tomoSubTomosAre2DStacks, ints: [1])
        general.setColumn(.tomoParticlesFile, ["dir with space/particles.star"])
        general.setColumn(.tomoTiltSeriesPixelSize, doubles: [1.35])
        var p = StarBlock(name: "particles")
        p.setColumn(.tomoName, ["TS_01", "TS_02", "TS_03"])
        p.setColumn(.angleRot, doubles: [-0.2541, 5.599779e7, 0.0005])
        p.setColumn(.classNumber, ints: [1, 2, 3])
        p.setColumn(.randomSubset, doubles: [1, 2, 1])
        p.setColumn(.tomoVisibleFrames, intVectors: [[0, 1, 1], [1], []])
        p.setColumn(.tomoProjX, doubleVectors: [[0.05876775, -0.049329475, 0, 3618.2], [1, 0, 0, 0], [0, 0, 0, 1]])
        p.setColumn(.imageName, ["a b.mrcs", "plain.mrcs", "TS_03/1_stack2d.mrcs"])
        p.setColumn("rlnNote", ["<NA>", "it is", "x"])
        let doc = StarDocument(blocks: [general, p])
        let path = tempPath("ours.star")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try doc.write(to: path)
        let theirs = try starfileRead(path)
        #expect(Set(theirs.keys) == ["general", "particles"])
        expectEqual(general, theirs["general"] ?? [:], file: path)
        expectEqual(p, theirs["particles"] ?? [:], file: path)
    }

    @Test("a table starfile writes reads back equal here")
    func theyWriteWeRead() throws {
        let path = tempPath("theirs.star")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try InteropPython.run("""
        import sys, pandas as pd, starfile
        df = pd.DataFrame({
            'rlnTomoName': ['TS_01', 'TS_02', 'TS 03'],
            'rlnAngleRot': [1.5, -2.25e-7, 123456.789],
            'rlnClassNumber': [1, 2, 3],
            'rlnTomoVisibleFrames': ['[0,1,1]', '[1,1]', '[]'],
            'rlnImageName': ['a.mrcs', 'b.mrcs', 'c.mrcs'],
        })
        starfile.write({'general': {'rlnTomoSubTomosAre2DStacks': 1}, 'particles': df}, sys.argv[1])
        """, arguments: [path])
        let doc = try StarDocument.read(path: path)
        #expect(doc.blocks.map(\.name) == ["general", "particles"])
        let p = try #require(doc["particles"])
        #expect(p.column(.tomoName) == ["TS_01", "TS_02", "TS 03"])
        let rot = try p.doubles(.angleRot)
        // starfile writes floats with %.6f, so -2.25e-7 is written as -0.000000.
        #expect(abs(rot[0] - 1.5) < 1e-9 && abs(rot[1] + 2.25e-7) <= 1e-6 && abs(rot[2] - 123456.789) < 1e-6)
        #expect(try p.ints(.classNumber) == [1, 2, 3])
        #expect(try p.intVectors(.tomoVisibleFrames) == [[0, 1, 1], [1, 1], []])
        #expect(try doc["general"]?.ints(.tomoSubTomosAre2DStacks) == [1])
        let theirs = try starfileRead(path)
        expectEqual(p, theirs["particles"] ?? [:], file: path)
    }

    @Test("RELION 3.1 model_classes: class distribution and resolution equal starfile's", .requiresRealData)
    func modelClasses() throws {
        let path = RealData.path("dials-relion31-tutorial/Class3D/job016/run_it025_model.star")
        let doc = try StarDocument.read(path: path)
        let classes = try #require(doc["model_classes"])
        let theirs = try #require(try starfileRead(path)["model_classes"])
        for label in [RelionLabel.classDistribution, .estimatedResolution] {
            let ours = try classes.doubles(label)
            let t = try #require(theirs[label.rawValue]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
            #expect(ours.count == 4 && ours == t, "\(label.rawValue)")
        }
        #expect(abs(try classes.doubles(.classDistribution).reduce(0, +) - 1) < 1e-5)
    }
}
