import Testing
import TomoCore
@testable import TomoWire

@Suite struct ZstdTests {
    @Test func roundTripsAndCompressesRedundantData() throws {
        let input = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 / 64) }
        let frame = try Zstd.compress(input)
        #expect(frame.count < input.count / 20)
        #expect(try Zstd.decompress(frame, maxSize: input.count) == input)
    }

    @Test func refusesFramesOverTheLimitBeforeDecoding() throws {
        let frame = try Zstd.compress([UInt8](repeating: 7, count: 10_000))
        #expect(throws: ZstdError.self) { try Zstd.decompress(frame, maxSize: 9_999) }
    }

    @Test func detectsCorruptionThroughTheChecksum() throws {
        var rng = SplitMix64(seed: 1)
        let input = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var frame = try Zstd.compress(input)
        frame[frame.count - 1] ^= 0xFF   // the last 4 bytes are the checksum
        #expect(throws: ZstdError.self) { try Zstd.decompress(frame, maxSize: 1 << 20) }
        #expect(throws: ZstdError.self) { try Zstd.decompress([1, 2, 3, 4, 5], maxSize: 1 << 20) }
    }
}
