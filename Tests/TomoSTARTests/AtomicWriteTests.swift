import Foundation
import Testing
@testable import TomoSTAR

/// `write(to:)` replaces files atomically: a failed write leaves the old file and no temp file.
@Suite("Atomic write")
struct AtomicWriteTests {
    private func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("star-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    private func sample(rows: Int) -> StarDocument {
        var b = StarBlock(name: "particles")
        b.setColumn(.angleRot, doubles: (0 ..< rows).map(Double.init))
        return StarDocument(blocks: [b])
    }

    @Test("write then read gives an equal document and leaves no temporary file")
    func writeRead() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.star"
        let doc = sample(rows: 100)
        try doc.write(to: path)
        #expect(try StarDocument.read(path: path) == doc)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.star"])
    }

    @Test("a write failing midway leaves the old file intact")
    func failureKeepsOldFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.star"
        let old = sample(rows: 3)
        try old.write(to: path)
        let oldBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let new = sample(rows: 10_000)
        #expect(new.serializedBytes().count > 1000)
        do {
            try new.write(to: path, failAfterBytes: 1000)
            Issue.record("expected a simulated I/O error")
        } catch let e as StarError {
            #expect(e.code == .io && e.file == path)
            #expect(e.message.contains("Input/output error"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == oldBytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.star"])
    }

    @Test("a missing directory fails with the path named and creates nothing")
    func missingDirectory() throws {
        let path = "/nonexistent-\(UUID().uuidString)/out.star"
        do {
            try sample(rows: 1).write(to: path)
            Issue.record("expected an error")
        } catch let e as StarError {
            #expect(e.code == .io && e.file == path && e.message.contains(path))
        }
    }
}
