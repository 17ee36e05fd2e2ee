import Testing
@testable import TomoMRC

@Suite("IEEE binary16 conversion (mode 12)")
struct Float16Tests {
    @Test("special values encode to their exact bit patterns")
    func specialValues() {
        let cases: [(Float, UInt16)] = [
            (0, 0x0000), (-0.0, 0x8000), (1, 0x3c00), (-2, 0xc000), (0.5, 0x3800),
            (65504, 0x7bff),                         // largest finite
            (65519.99, 0x7bff),                      // just below the overflow threshold
            (65520, 0x7c00),                         // halfway to 2^16 rounds to even → +∞
            (-1e9, 0xfc00), (.infinity, 0x7c00), (-.infinity, 0xfc00),
            (0x1p-14, 0x0400),                       // smallest normal
            (0x1p-24, 0x0001),                       // smallest subnormal
            (0x1p-25, 0x0000),                       // half of it: tie → even (0)
            (0x1.8p-25, 0x0001),                     // above the tie → smallest subnormal
            (0x1.8p-24, 0x0002),                     // 1.5 ulp, tie → even (2)
            (0x1.ff8p-15, 0x03ff),                   // largest subnormal
            (0x1.ffcp-15, 0x0400),                   // halfway to 2^-14: tie → even, the smallest normal
            (0x1.ffap-15, 0x03ff),                   // below that tie
            (1 + 0x1p-11, 0x3c00),                   // tie → even (mantissa 0)
            (1 + 0x3p-11, 0x3c02),                   // tie → even (mantissa 2)
            (1 + 0x1.2p-11, 0x3c01),                 // just above the tie
            (1e-10, 0x0000), (-1e-10, 0x8000),       // underflow keeps the sign
            (Float.leastNonzeroMagnitude, 0x0000),   // float subnormal
            (0.1, 0x2e66), (3.14159265, 0x4248),
        ]
        for (value, bits) in cases {
            #expect(Half.half(from: value) == bits, "\(value) → 0x\(String(Half.half(from: value), radix: 16)), expected 0x\(String(bits, radix: 16))")
        }
        #expect(Half.float(fromHalf: 0x0001) == 0x1p-24)
        #expect(Half.float(fromHalf: 0x03ff) == 0x1.ff8p-15)
        #expect(Half.float(fromHalf: 0x7bff) == 65504)
        #expect(Half.float(fromHalf: 0x8000).sign == .minus && Half.float(fromHalf: 0x8000) == 0)
        #expect(Half.float(fromHalf: 0xfc00) == -.infinity)
        #expect(Half.float(fromHalf: 0x7e00).isNaN && Half.float(fromHalf: 0xfd01).isNaN)
        #expect(Half.half(from: .nan) & 0x7c00 == 0x7c00 && Half.half(from: .nan) & 0x3ff != 0)
    }

    @Test("all 65,536 halves survive half → float → half (NaNs stay NaN)")
    func exhaustiveRoundTrip() {
        var mismatches = 0
        for bits in 0 ... UInt16.max {
            let f = Half.float(fromHalf: bits)
            let back = Half.half(from: f)
            if f.isNaN { if !(back & 0x7c00 == 0x7c00 && back & 0x3ff != 0) { mismatches += 1 } }
            else if back != bits { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test("rounding is to nearest: the chosen half is never farther than its neighbours")
    func nearest() {
        var r = TestRandom(seed: 12)
        var worse = 0
        for _ in 0 ..< 20_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: r.next()) & 0x477f_ffff)   // |f| < 2^16
            let h = Half.half(from: f)
            let chosen = Half.float(fromHalf: h)
            guard chosen.isFinite, h & 0x7fff != 0x7bff, h & 0x7fff != 0 else { continue }
            let up = Half.float(fromHalf: h + 1), down = Half.float(fromHalf: h - 1)
            if abs(chosen - f) > abs(up - f) || abs(chosen - f) > abs(down - f) { worse += 1 }
        }
        #expect(worse == 0)
    }

    #if !(os(macOS) && arch(x86_64))
    @Test("agrees with Swift's Float16 on random floats over the whole float range")
    func agreesWithFloat16() {
        var r = TestRandom(seed: 99)
        var disagreements = 0
        for _ in 0 ..< 200_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: r.next()))
            let ours = Half.half(from: f), swift = Float16(f).bitPattern
            if f.isNaN { if Half.float(fromHalf: ours).isNaN == false { disagreements += 1 } }
            else if ours != swift { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }
    #endif
}
