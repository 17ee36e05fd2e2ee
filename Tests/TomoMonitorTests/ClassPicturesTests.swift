import Foundation
import Testing
import TomoClass3D
import TomoCore
import TomoMonitor

/// `job.<id>.classes` from the producer (`Class3DClassSections`, classifier side) to the pictures
/// `monitor follow --pictures` draws (`ClassPictures`).
@Suite struct ClassPicturesTests {
    /// A map whose three central sections differ everywhere: a ramp plus an off-centre blob.
    static func map(_ n: Int, blob: Double) -> RealVolume {
        RealVolume(nx: n, ny: n, nz: n) { x, y, z in
            let dx = Double(x - n / 3), dy = Double(y - n / 2), dz = Double(z - 2 * n / 3)
            return Float(Double(x) + 2 * Double(y) + 3 * Double(z) + 50 * blob * _exp(-(dx * dx + dy * dy + dz * dz) / 40))
        }
    }

    @Test func sectionsSurviveTheEventWithin8BitSteps() throws {
        let n = 84
        let maps = [Self.map(n, blob: 1), Self.map(n, blob: -1)]
        let s = Class3DClassSections(iteration: 7, maps: maps, distributions: [0.7, 0.3], resolutions: [21.5, 999])
        #expect(s.size == 42)
        let json = s.json()
        #expect(json.utf8.count < 20_000)
        let decoded = try #require(EventPayload.decode(EventPayload.ClassSections.self, json))
        #expect(decoded.iteration == 7 && decoded.classes.count == 2)
        #expect(decoded.classes[0].resolutionA == 21.5 && decoded.classes[1].resolutionA == nil)
        let figure = try #require(ClassPictures.figure(decoded, title: nil))
        // Every pixel of every section is within half a grey step of the map at the sampled voxel.
        var worst: Float = 0
        for (k, m) in maps.enumerated() {
            let c = decoded.classes[k]
            let step = (c.maximum - c.minimum) / 255
            let v = figure.classes[k].volume, h = s.size / 2
            for a in 0..<s.size {
                for b in 0..<s.size {
                    worst = max(worst, abs(v[b, a, h] - m[2 * b, 2 * a, n / 2]) / step)
                    worst = max(worst, abs(v[b, h, a] - m[2 * b, n / 2, 2 * a]) / step)
                    worst = max(worst, abs(v[h, b, a] - m[n / 2, 2 * b, 2 * a]) / step)
                }
            }
        }
        #expect(worst <= 0.5 + 1e-3)
    }

    @Test func followWritesOnePictureOfClassesPerIterationAndTheConvergencePlot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pictures-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        var pictures = ClassPictures(job: "12", directory: dir)
        let maps = [Self.map(32, blob: 1), Self.map(32, blob: 0), Self.map(32, blob: -1)]
        var written: [String] = []
        for it in 1...2 {
            written += try pictures.apply("job.12.iteration", json: #"{"iteration":\#(it),"resolution_a":\#(40 - 5 * it),"class_distribution":[0.5,0.3,0.2]}"#)
            let s = Class3DClassSections(iteration: it, maps: maps, distributions: [0.5, 0.3, 0.2], resolutions: [30, 30, 30])
            written += try pictures.apply("job.12.classes", json: s.json())
        }
        #expect(try pictures.apply("job.13.classes", json: "{}").isEmpty)
        #expect(Set(written.map { URL(fileURLWithPath: $0).lastPathComponent })
                == ["job12_convergence.png", "job12_it001_classes.png", "job12_it002_classes.png"])
        // PNG signature and the figure's size in the IHDR chunk.
        let png = try Data(contentsOf: dir.appendingPathComponent("job12_it002_classes.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ o: Int) -> Int { png[o..<(o + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let layout = try #require(ClassPictures.figure(
            EventPayload.decode(EventPayload.ClassSections.self,
                                Class3DClassSections(iteration: 2, maps: maps, distributions: [0.5, 0.3, 0.2], resolutions: [30, 30, 30]).json())!,
            title: "t")).layout
        #expect(be32(16) == layout.width && be32(20) == layout.height)
    }

    @Test func malformedSectionsDrawNothingAndLeaveThePreviousPicture() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pictures-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        var pictures = ClassPictures(job: "5", directory: dir)
        let good = Class3DClassSections(iteration: 1, maps: [Self.map(16, blob: 1)], distributions: [1], resolutions: [30])
        let path = try #require(try pictures.apply("job.5.classes", json: good.json()).first)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // Same iteration again, but one section is short, one is not base64, and a body is not JSON.
        var short = good
        short.classes[0].xz = Data([1, 2, 3]).base64EncodedString()
        var garbage = good
        garbage.classes[0].yz = "not base64 at all!"
        #expect(try pictures.apply("job.5.classes", json: short.json()).isEmpty)
        #expect(try pictures.apply("job.5.classes", json: garbage.json()).isEmpty)
        #expect(try pictures.apply("job.5.classes", json: "{\"iteration\":").isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
