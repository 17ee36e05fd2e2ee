#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing from cell bytes (no `String` created). Decimals with at most 15 significant
/// digits and at most 22 fractional digits take an exact fast path (an integer divided by a power of
/// ten, both exact, so the quotient is correctly rounded); everything else goes through `strtod`.
enum NumberParsing {
    private static let powersOfTen: [Double] = (0 ... 22).map { p in
        var x = 1.0
        for _ in 0 ..< p { x *= 10 }
        return x
    }

    /// The double in `b`, or nil. Accepts what `strtod` accepts (including `nan`, `inf`, exponents)
    /// plus `<NA>` (pandas' missing value, read as NaN).
    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        if n == 0 { return nil }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if b[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fracDigits = 0
        var sawDigit = false
        while i < n, b[i] &- 48 < 10 {
            if mantissa != 0 || b[i] != 48 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48)
            sawDigit = true
            i += 1
        }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, b[i] &- 48 < 10 {
                if mantissa != 0 || b[i] != 48 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48)
                fracDigits += 1
                sawDigit = true
                i += 1
            }
        }
        if i == n && sawDigit && digits <= 15 && fracDigits <= 22 {
            let v = Double(mantissa) / powersOfTen[fracDigits]
            return negative ? -v : v
        }
        return slowDouble(b)
    }

    private static func slowDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if b.count == 4 && b[0] == UInt8(ascii: "<") && b[1] == UInt8(ascii: "N") && b[2] == UInt8(ascii: "A")
            && b[3] == UInt8(ascii: ">") { return .nan }
        if b.count > 400 { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { t -> Double? in
            for i in 0 ..< b.count { t[i] = CChar(bitPattern: b[i]) }
            t[b.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(t.baseAddress!, &end)
            guard let e = end, e - t.baseAddress! == b.count, b[0] > 32 else { return nil }
            return v
        }
    }

    /// The integer in `b`, or nil. Accepts `12`, `-3`, `+4` and integral decimals such as `1.000000`
    /// or `2e+00` (RELION writes some integer labels through `%f`).
    static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        if n == 0 { return nil }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if b[0] == UInt8(ascii: "+") { i = 1 }
        var v = 0
        let start = i
        while i < n, b[i] &- 48 < 10, i - start < 18 {
            v = v * 10 + Int(b[i] &- 48)
            i += 1
        }
        if i == n && i > start { return negative ? -v : v }
        guard let d = double(b), d.isFinite, d == d.rounded(), d.magnitude < 9.0e18 else { return nil }
        return Int(d)
    }

    /// `[1,0,1]` → `[1,0,1]`; spaces around values are tolerated; `[]` is empty.
    static func vector<T>(_ b: UnsafeBufferPointer<UInt8>, _ element: (UnsafeBufferPointer<UInt8>) -> T?) -> [T]? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 32 || b[lo] == 9 { lo += 1 }
        while hi > lo, b[hi - 1] == 32 || b[hi - 1] == 9 { hi -= 1 }
        guard hi - lo >= 2, b[lo] == UInt8(ascii: "["), b[hi - 1] == UInt8(ascii: "]") else { return nil }
        lo += 1
        hi -= 1
        var out: [T] = []
        var s = lo
        while s < hi, b[s] == 32 || b[s] == 9 { s += 1 }
        if s == hi { return out }
        var p = lo
        while true {
            var e = p
            while e < hi, b[e] != UInt8(ascii: ",") { e += 1 }
            var a = p, z = e
            while a < z, b[a] == 32 || b[a] == 9 { a += 1 }
            while z > a, b[z - 1] == 32 || b[z - 1] == 9 { z -= 1 }
            guard let v = element(UnsafeBufferPointer(rebasing: b[a ..< z])) else { return nil }
            out.append(v)
            if e == hi { break }
            p = e + 1
        }
        return out
    }
}
