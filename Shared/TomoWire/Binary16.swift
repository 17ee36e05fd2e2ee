/// IEEE 754 binary16 ("half", RELION's float16) conversion, written out so it behaves the same on
/// every platform (Swift's `Float16` is missing on Intel macOS).
///
/// `bits(from:)` rounds to nearest, ties to even; magnitudes at or above 65,520 become ±infinity;
/// values below 2⁻²⁵ become ±0; NaN stays NaN (quiet). `float(fromBits:)` is exact.
public enum Binary16 {
    /// The binary16 bit pattern nearest to `value`.
    public static func bits(from value: Float) -> UInt16 {
        let b = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (b >> 16) & 0x8000)
        let exponent = Int((b >> 23) & 0xFF)
        let mantissa = b & 0x7F_FFFF
        if exponent == 0xFF {   // infinity or NaN
            return sign | 0x7C00 | (mantissa != 0 ? 0x200 | UInt16(truncatingIfNeeded: mantissa >> 13) : 0)
        }
        let e = exponent - 127 + 15
        if e >= 31 { return sign | 0x7C00 }
        if e <= 0 {   // a binary16 subnormal (or zero)
            if e < -10 { return sign }
            let m = mantissa | 0x80_0000
            let shift = UInt32(14 - e)
            var h = m >> shift
            let rest = m & ((1 << shift) - 1), half = UInt32(1) << (shift - 1)
            if rest > half || (rest == half && h & 1 == 1) { h += 1 }
            return sign | UInt16(truncatingIfNeeded: h)
        }
        var h = UInt32(e) << 10 | mantissa >> 13
        let rest = mantissa & 0x1FFF
        if rest > 0x1000 || (rest == 0x1000 && h & 1 == 1) { h += 1 }   // a carry may reach infinity, correctly
        return sign | UInt16(truncatingIfNeeded: h)
    }

    /// The value of a binary16 bit pattern.
    public static func float(fromBits h: UInt16) -> Float {
        let sign: Float = h & 0x8000 != 0 ? -1 : 1
        let exponent = UInt32((h >> 10) & 0x1F), mantissa = UInt32(h & 0x3FF)
        switch exponent {
        case 0: return sign * Float(mantissa) * 0x1p-24
        case 31:
            let bits = UInt32(h & 0x8000) << 16 | 0x7F80_0000 | mantissa << 13
            return Float(bitPattern: bits)
        default:
            return Float(bitPattern: UInt32(h & 0x8000) << 16 | (exponent + 112) << 23 | mantissa << 13)
        }
    }
}
