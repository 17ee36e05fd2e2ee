import Testing
import TomoCore
@testable import TomoWire

/// `Binary16` against Swift's own `Float16` (correctly rounded by the standard library) as the
/// oracle, where the platform has it.
@Suite struct Binary16Tests {
    @Test func widensEveryPatternExactly() {
        for h in UInt16.min...UInt16.max {
            let mine = Binary16.float(fromBits: h)
            #if !(os(macOS) && arch(x86_64))
            let oracle = Float(Float16(bitPattern: h))
            #expect(mine.isNaN ? oracle.isNaN : mine.bitPattern == oracle.bitPattern, "pattern \(h)")
            #endif
            // Narrowing back gives the same pattern (NaNs stay NaN).
            let back = Binary16.bits(from: mine)
            #expect(mine.isNaN ? Binary16.float(fromBits: back).isNaN : back == h, "pattern \(h)")
        }
    }

    @Test func narrowsWithRoundToNearestEven() {
        #expect(Binary16.bits(from: 1 + 0x1p-11) == 0x3C00)            // tie → even (down)
        #expect(Binary16.bits(from: 1 + 3 * 0x1p-11) == 0x3C02)        // tie → even (up)
        #expect(Binary16.bits(from: 65_504) == 0x7BFF)
        #expect(Binary16.bits(from: 65_519) == 0x7BFF)
        #expect(Binary16.bits(from: 65_520) == 0x7C00)                 // rounds to infinity
        #expect(Binary16.bits(from: 0x1p-24) == 0x0001)                // smallest subnormal
        #expect(Binary16.bits(from: 0x1p-25) == 0x0000)                // tie → even zero
        #expect(Binary16.bits(from: -0x1.8p-25) == 0x8001)
        #expect(Binary16.bits(from: 0x1.ff8p-15) == 0x03FF)            // largest subnormal
        #expect(Binary16.bits(from: 0x1.ffcp-15) == 0x0400)            // tie rounds up into the normals
        #if !(os(macOS) && arch(x86_64))
        var rng = SplitMix64(seed: 16)
        var mismatches = 0
        for _ in 0..<200_000 {
            // Random bit patterns over the binary16 range and beyond.
            let exponent = UInt32(rng.next() % 50) + 95
            let f = Float(bitPattern: UInt32(rng.next() & 0x8000_0000) | exponent << 23 | UInt32(rng.next() & 0x7F_FFFF))
            if Binary16.bits(from: f) != Float16(f).bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #endif
    }
}
