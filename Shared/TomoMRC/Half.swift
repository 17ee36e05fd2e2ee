/// IEEE-754 binary16 ⇄ binary32 conversion on bit patterns (MRC mode 12), written out so it is
/// the same on every platform (Swift's `Float16` is missing on Intel macOS).
///
/// `float(fromHalf:)` is exact (every half is a float). `half(from:)` rounds to nearest, ties to
/// even, produces subnormals below 2⁻¹⁴, overflows to ±∞ from 65520 up, and keeps NaN a NaN
/// (quiet, sign and top payload bits kept).
public enum Half {
    /// The float equal to the binary16 value with bit pattern `h`.
    @inline(__always)
    public static func float(fromHalf h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32(h >> 10) & 0x1f
        let mantissa = UInt32(h & 0x3ff)
        if exponent == 0x1f {                                   // ∞ or NaN
            return Float(bitPattern: sign | 0x7f80_0000 | mantissa << 13)
        }
        if exponent == 0 {                                      // zero or subnormal: m · 2⁻²⁴
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
    }

    /// The binary16 bit pattern nearest to `f` (round to nearest, ties to even).
    @inline(__always)
    public static func half(from f: Float) -> UInt16 {
        let bits = f.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xff)
        let mantissa = bits & 0x7f_ffff
        if exponent == 0xff {                                   // ∞ or NaN
            if mantissa == 0 { return sign | 0x7c00 }
            return sign | 0x7e00 | UInt16(truncatingIfNeeded: mantissa >> 13)
        }
        let e = exponent - 127 + 15                             // biased half exponent
        if e >= 0x1f { return sign | 0x7c00 }                   // overflow → ∞
        if e <= 0 {                                             // subnormal half or zero
            if e < -10 { return sign }                          // below half the smallest subnormal
            let full = mantissa | 0x80_0000                     // implicit 1
            let shift = UInt32(14 - e)                          // 14…24
            var m = full >> shift
            let remainder = full & ((1 << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            if remainder > halfway || (remainder == halfway && m & 1 == 1) { m += 1 }
            return sign | UInt16(m)                             // m may carry into the exponent: fine
        }
        var h = UInt32(e) << 10 | mantissa >> 13
        let remainder = mantissa & 0x1fff
        if remainder > 0x1000 || (remainder == 0x1000 && h & 1 == 1) { h += 1 }   // carry may give ∞: correct
        return sign | UInt16(h)
    }
}
