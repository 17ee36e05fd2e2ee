import Testing
import TomoCore
@testable import TomoWire

/// Decoding never traps: 10,000 random and mutated messages either decode or throw `WireError`,
/// and whatever decodes re-encodes to frames that decode to the same message.
@Suite struct FuzzTests {
    @Test func randomAndMutatedMessagesDecodeOrThrow() throws {
        let seeds = try GoldenExamples.all().map { $0.message.encode() }
        var rng = SplitMix64(seed: 0x5EED)
        var decoded = 0, refused: [UInt16: Int] = [:]
        for i in 0..<10_000 {
            var frames = seeds[Int(rng.next() % UInt64(seeds.count))]
            if i % 10 == 0 {
                // Entirely random frames, sometimes led by a valid signature and major.
                frames = (0..<Int(rng.next() % 5)).map { _ in (0..<Int(rng.next() % 80)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
                if !frames.isEmpty, rng.next() % 2 == 0 { frames[0] = [0x53, 0x54, 0x41, 0x57, 1] + frames[0] }
            } else {
                for _ in 0..<(1 + Int(rng.next() % 4)) { mutate(&frames, &rng) }
            }
            do {
                let m = try Message.decode(frames)
                decoded += 1
                #expect(try Message.decode(m.encode()) == m)
                for p in m.payloads {   // payload decoders must not trap either
                    switch p {
                    case .tile(let t): _ = try? TileCodec.decode(t)
                    case .starTable(let s): _ = try? StarTableCodec.decode(s)
                    }
                }
            } catch {
                refused[error.code.rawValue, default: 0] += 1
            }
        }
        print("fuzz: \(decoded) decoded, refused by code: \(refused.sorted { $0.key < $1.key })")
        #expect(decoded + refused.values.reduce(0, +) == 10_000)
        #expect(decoded > 500 && refused[400, default: 0] > 1000)   // both paths exercised
    }

    func mutate(_ frames: inout [[UInt8]], _ rng: inout SplitMix64) {
        guard !frames.isEmpty else { frames = [[UInt8(truncatingIfNeeded: rng.next())]]; return }
        let f = Int(rng.next() % UInt64(frames.count))
        switch rng.next() % 7 {
        case 0, 1:   // flip a byte (often in a length or count field)
            if !frames[f].isEmpty { frames[f][Int(rng.next() % UInt64(frames[f].count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
        case 2:      // truncate
            frames[f] = Array(frames[f].prefix(Int(rng.next() % UInt64(frames[f].count + 1))))
        case 3:      // append garbage
            frames[f] += (0..<Int(rng.next() % 9)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 4:      // drop a frame
            frames.remove(at: f)
        case 5:      // duplicate a frame
            frames.insert(frames[f], at: f)
        default:     // set a 32-bit field to a huge value
            if frames[f].count >= 4 {
                let o = Int(rng.next() % UInt64(frames[f].count - 3))
                for k in 0..<4 { frames[f][o + k] = 0xFF }
            }
        }
    }
}
