import Foundation
import Testing
import TomoSTAR
import TomoTesting

/// Files RELION itself wrote are reproduced byte for byte (the layout of §1), apart from the
/// `# version` number for RELION 3.1 files (we always write 50001).
@Suite("Byte-exact RELION layout", .requiresRealData)
struct ByteExactTests {
    @Test("re-serialising RELION-written files gives the same bytes", arguments: [
        "cryocat/motl_data/relion5/clean/R5_tutorial_run_data.star",
        "cryocat/motl_data/relion5/clean/R5_tutorial_run_tomograms.star",
        "cryocat/motl_data/relion5/clean/relion5_TS_01_tilt.star",
        "dials-relion31-tutorial/Class3D/job016/run_it025_model.star",
        "dials-relion31-tutorial/Class3D/job016/run_it025_data.star",
    ])
    func byteExact(_ relative: String) throws {
        let path = RealData.path(relative)
        let original = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            .replacingOccurrences(of: "# version 30001", with: "# version 50001")
        let written = try StarDocument.read(path: path).serialized()
        let a = original.split(separator: "\n", omittingEmptySubsequences: false)
        let b = written.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDiff == nil, "first difference at line \((firstDiff?.offset ?? 0) + 1): \(firstDiff.map { "\($0.element.0) | \($0.element.1)" } ?? "")")
        #expect(a.count == b.count)
    }

    @Test("re-formatting every numeric column with setColumn(doubles:) reproduces RELION's text")
    func reformatNumbers() throws {
        let path = RealData.path("cryocat/motl_data/relion5/clean/R5_tutorial_run_data.star")
        let doc = try StarDocument.read(path: path)
        var p = try #require(doc["particles"])
        var reformatted = 0
        for label in p.labels {
            guard let known = RelionLabel(rawValue: label) else { continue }
            switch known.valueType {
            case .double, .int, .bool:
                p.setColumn(known, doubles: try p.doubles(known))
                reformatted += 1
            case .intVector:
                p.setColumn(known, intVectors: try p.intVectors(known))
                reformatted += 1
            default: break
            }
        }
        #expect(reformatted == 23)
        #expect(p == doc["particles"])
        var copy = doc
        copy["particles"] = p
        #expect(copy.serialized() == doc.serialized())
    }
}
