import Foundation
import Testing
import TomoTesting
@testable import TomoWire

/// docs/protocol.md Appendix A is the contract: its hex decodes to the intended messages and
/// re-encodes to the same bytes. Set `STA_WRITE_GOLDEN=<path>` to write fresh blocks from the
/// encoder (for pasting into the document after a deliberate change).
@Suite struct GoldenTests {
    @Test func writesBlocksWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["STA_WRITE_GOLDEN"] else { return }
        try GoldenExamples.markdown(GoldenExamples.all()).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func documentHasEveryExample() throws {
        let doc = try GoldenExamples.fromDocument()
        let names = try GoldenExamples.all().map(\.name)
        #expect(Set(doc.keys) == Set(names))
    }

    @Test(arguments: try! GoldenExamples.all().map(\.name))
    func exampleDecodesAndReencodesExactly(name: String) throws {
        let doc = try GoldenExamples.fromDocument()
        let frames = try #require(doc[name], "docs/protocol.md has no example \(name)")
        let expected = try #require(try GoldenExamples.all().first { $0.name == name }?.message)
        let decoded = try Message.decode(frames)
        // Same command, correlation, flags, sequence, body and payload descriptors …
        #expect(decoded.body == expected.body)
        #expect(decoded.correlation == expected.correlation)
        #expect(decoded.flags == expected.flags)
        #expect(decoded.sequence == expected.sequence)
        #expect(decoded.payloads.count == expected.payloads.count)
        // … the same payload content (compressed bytes may differ between zstd versions) …
        for (got, want) in zip(decoded.payloads, expected.payloads) {
            switch (got, want) {
            case (.tile(let g), .tile(let w)):
                #expect(g.descriptor == w.descriptor)
                #expect(try TileCodec.decode(g) == TileCodec.decode(w))
            case (.starTable(let g), .starTable(let w)):
                #expect(g.descriptor == w.descriptor)
                #expect(try StarTableCodec.decode(g) == StarTableCodec.decode(w))
            default:
                Issue.record("payload kinds differ in \(name)")
            }
        }
        // … and re-encoding gives back every byte of the document.
        #expect(decoded.encode() == frames)
    }

    @Test func taskExampleCarriesTheTinyFloat16Image() throws {
        let frames = try #require(try GoldenExamples.fromDocument()["task"])
        let message = try Message.decode(frames)
        guard case .tile(let tile) = try #require(message.payloads.first) else { Issue.record("no tile"); return }
        #expect(tile.descriptor.dtype == .float16 && tile.descriptor.encoding == .shuffleZstd)
        #expect([tile.descriptor.nx, tile.descriptor.ny, tile.descriptor.nz] == [4, 4, 1])
        // Every value k/4 − 2 is exact in binary16.
        #expect(try TileCodec.decode(tile) == GoldenExamples.tinyImage)
    }

    @Test func headerLayoutMatchesTheDocumentedOffsets() throws {
        let frames = try #require(try GoldenExamples.fromDocument()["task"])
        let h = frames[0]
        #expect(h.count == 56)
        #expect(Array(h[0..<4]) == Array("STAW".utf8))
        #expect(h[4] == 1 && h[5] == Command.task.rawValue && h[6] == 0 && h[7] == 0)
        #expect(h[8] == 42 && h[16] == 3 && h[20] == 1 && h[24] == 7)
        #expect(Array(h[32..<48]) == GoldenExamples.taskKey.bytes)
        #expect(h[48] == 2 && h[49] == 0)   // one payload: descriptor + data
        #expect(h[52] == 17)
    }
}
