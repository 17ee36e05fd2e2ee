import Foundation
import Testing
import TomoRefineFiles

/// `_classKKK_angdist.bild` (spec §6.1): cylinders per direction with length ∝ pdf.
@Suite struct AngularDistributionTests {
    /// Three directions (z, x, y axes), pdf 0 / 0.25 / 0.75, box 64 at 2 Å (R = offset = 64 Å):
    /// no cylinder for pdf 0; the largest pdf gets length 0.3·R; colours and width as RELION's.
    @Test func cylindersFollowThePdf() throws {
        let text = RefineAngularDistribution.bild(
            directions: [(0, 0), (0, 90), (90, 90)], distribution: [0, 0.25, 0.75], boxSize: 64, pixelSize: 2,
            angularStep: 15)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let cylinders = lines.filter { $0.hasPrefix(".cylinder ") }.map { $0.split(separator: " ").dropFirst().map { Double($0)! } }
        #expect(cylinders.count == 2)
        // x axis, pdf 0.25: from (128, 64, 64) to (64 + 64 + 0.3·64/3, 64, 64).
        let x = cylinders[0]
        #expect(abs(x[0] - 128) < 1e-3 && abs(x[1] - 64) < 1e-3 && abs(x[2] - 64) < 1e-3)
        #expect(abs(x[3] - (128 + 0.3 * 64 / 3)) < 1e-3)
        // y axis, pdf 0.75 (max): length 0.3·R.
        let y = cylinders[1]
        #expect(abs(y[4] - y[1] - 0.3 * 64) < 1e-3)
        #expect(abs(x[6] - 0.5 * Double.pi * 64 * 15 / 360) < 1e-3)
        // mean 1/3, σ = 0.3118: the 0.75 direction is (0.75−1/3)/σ = 1.336 σ above → c = 2.336/6.
        let colour = lines[2].split(separator: " ").dropFirst().map { Double($0)! }
        #expect(abs(colour[0] - (1.3363 + 1) / 6) < 1e-3 && colour[1] == 0 && abs(colour[0] + colour[2] - 1) < 1e-9)
    }

    /// The iteration bundle writes one BILD file per class of the joined model, with one cylinder
    /// per direction of the sampling with pdf > 0.
    @Test func iterationWritesOneFilePerClass() throws {
        let dir = try Fixture.writtenProject()
        for k in 1...2 {
            let path = dir + "/" + Fixture.names.angularDistribution(k)
            #expect(path.hasSuffix("run_it025_class00\(k)_angdist.bild"))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.components(separatedBy: ".cylinder ").count - 1 == 12)
        }
    }
}
