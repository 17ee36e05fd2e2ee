import Foundation
import Testing
import TomoTesting
@testable import TomoSTAR

@Suite struct StarPrintTableTests {
    static let model = "dials-relion31-tutorial/Class3D/job016/run_it025_model.star"

    @Test(.requiresRealData) func chosenColumnsAsRelionPrintsThem() throws {
        let rows = try StarPrintTable.rows(path: RealData.path(Self.model), block: "model_classes",
                                           labels: ["rlnClassDistribution", "rlnEstimatedResolution"])
        #expect(rows == ["0.055685 20.596363", "0.033127 22.656000", "0.072245 20.596363", "0.838943 10.298182"])
    }

    @Test(.requiresRealData, .requiresInteropPython) func sameNumbersAsStarfile() throws {
        let rows = try StarPrintTable.rows(path: RealData.path(Self.model), block: "model_classes",
                                           labels: ["rlnClassDistribution", "rlnEstimatedResolution"])
        let py = try InteropPython.run("""
        import sys, starfile
        t = starfile.read(sys.argv[1])['model_classes']
        for a, b in zip(t['rlnClassDistribution'], t['rlnEstimatedResolution']): print(repr(float(a)), repr(float(b)))
        """, arguments: [RealData.path(Self.model)])
        let theirs = py.split(separator: "\n").map { $0.split(separator: " ").map { Double($0)! } }
        let ours = rows.map { $0.split(separator: " ").map { Double($0)! } }
        #expect(ours == theirs)
    }

    @Test func verbatimRowsKeepSpacingAndStopAtTheBlankLine() throws {
        let text = "\ndata_a\n\n_rlnX 1\n\ndata_t\n\nloop_ \n_rlnA #1 \n_rlnB #2 \n  1   two \n  3   four \n \n\ndata_u\n"
        #expect(try StarPrintTable.verbatimRows(text: text, block: "t", source: "x") == ["  1   two ", "  3   four "])
        #expect(try StarPrintTable.verbatimRows(text: text, block: "a", source: "x") == [])   // list block: nothing
        #expect(throws: StarError.self) { try StarPrintTable.verbatimRows(text: text, block: "nope", source: "x") }
    }

    @Test func missingLabelIsAnErrorNamingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pt-\(UUID().uuidString).star").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "data_t\nloop_\n_rlnA\n1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try StarPrintTable.rows(path: path, block: "t", labels: ["rlnB"]) } throws: {
            ($0 as? StarError)?.code == .missingLabel && "\($0)".contains("rlnB")
        }
    }
}
