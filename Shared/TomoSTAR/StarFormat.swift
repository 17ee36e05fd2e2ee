#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Value formatting exactly as RELION's `MetaDataTable::write` does it (`src/metadata_container.cpp`),
/// without the field padding, which the writer adds (numbers right-aligned to 12, other values to 10).
///
/// - double: `%.6f` (≥ 0) / `%.5f` (< 0); `%.6e` / `%.5e` when `0 < |v| < 0.001` or `|v| > 100000`.
/// - int and bool: decimal integer (`0`/`1` for bools).
/// - vectors: `[v1,v2,…]`, no spaces, doubles with up to 12 significant digits (`%.12g`); `[]` when empty.
/// - strings: verbatim, or double-quoted when empty, containing whitespace, or starting with a quote,
///   `#`, `_`, `data_` or `loop_` (single-quoted when the text itself holds `"` followed by whitespace).
public enum StarFormat {
    /// A double as RELION writes it, e.g. `1.350000`, `-0.25410`, `5.599779e+07`.
    public static func double(_ v: Double) -> String {
        var b = [UInt8](repeating: 0, count: 64)
        let n = writeDouble(v, into: &b)
        return String(decoding: b[0 ..< n], as: UTF8.self)
    }

    /// An integer as RELION writes it.
    public static func int(_ v: Int) -> String { String(v) }

    /// `[1,0,1]`.
    public static func intVector(_ v: [Int]) -> String {
        "[" + v.map(String.init).joined(separator: ",") + "]"
    }

    /// `[0.05876775,0.99705213,-0.049329475,0]` (12 significant digits).
    public static func doubleVector(_ v: [Double]) -> String {
        "[" + v.map { cFormat("%.12g", $0) }.joined(separator: ",") + "]"
    }

    /// The string as it must appear in a STAR file: verbatim, or quoted if needed.
    public static func string(_ s: String) -> String {
        var s = s
        return s.withUTF8 { b in
            switch quoteNeeded(b) {
            case 0: return String(decoding: b, as: UTF8.self)
            case let q: return String(decoding: [q] + Array(b) + [q], as: UTF8.self)
            }
        }
    }

    // MARK: - byte-level helpers used by the writer and setColumn

    /// 0 if `b` can be written bare, else the quote byte to wrap it in.
    static func quoteNeeded(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        if b.isEmpty { return UInt8(ascii: "\"") }
        let f = b[0]
        var need = f == UInt8(ascii: "\"") || f == UInt8(ascii: "'") || f == UInt8(ascii: "#") || f == UInt8(ascii: "_")
        if !need && (f == UInt8(ascii: "d") || f == UInt8(ascii: "l")) && b.count >= 5 {
            need = (b[0], b[1], b[2], b[3], b[4]) == (100, 97, 116, 97, 95)        // data_
                || (b[0], b[1], b[2], b[3], b[4]) == (108, 111, 111, 112, 95)      // loop_
        }
        var doubleQuoteThenSpace = b.last == UInt8(ascii: "\"")
        for i in 0 ..< b.count {
            let c = b[i]
            if c == 32 || c == 9 || c == 10 || c == 13 {
                need = true
                if i > 0 && b[i - 1] == UInt8(ascii: "\"") { doubleQuoteThenSpace = true }
            }
        }
        if !need { return 0 }
        return doubleQuoteThenSpace ? UInt8(ascii: "'") : UInt8(ascii: "\"")
    }

    /// Writes `v` as RELION does into `out` (at least 32 bytes); returns the byte count.
    static func writeDouble(_ v: Double, into out: inout [UInt8]) -> Int {
        let a = v.magnitude
        let negative = v < 0
        if !v.isFinite || (a > 0 && a < 0.001) || a > 100_000 {
            return cFormat(negative ? "%.5e" : "%.6e", v, into: &out)
        }
        // Fast fixed-point path: |v| ≤ 1e5 so |v|·10^6 ≤ 1e11 is exact enough to round, except
        // near a half-way point, where printf's exact-binary rounding is used instead.
        let p = negative ? 5 : 6
        let scale = negative ? 100_000.0 : 1_000_000.0
        let scaled = a * scale
        let floorv = scaled.rounded(.down)
        let frac = scaled - floorv
        if abs(frac - 0.5) < 1e-3 {
            return cFormat(negative ? "%.5f" : "%.6f", v, into: &out)
        }
        let r = UInt64(frac > 0.5 ? floorv + 1 : floorv)
        let div: UInt64 = negative ? 100_000 : 1_000_000
        var intPart = r / div
        var fracPart = r % div
        var n = 0
        if v.sign == .minus { out[n] = UInt8(ascii: "-"); n += 1 }
        // integer digits
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var k = 0
        withUnsafeMutableBytes(of: &tmp) { t in
            repeat {
                t[k] = UInt8(48 + intPart % 10)
                intPart /= 10
                k += 1
            } while intPart > 0
            for j in 0 ..< k { out[n + j] = t[k - 1 - j] }
        }
        n += k
        out[n] = UInt8(ascii: ".")
        n += 1
        var j = p - 1
        while j >= 0 {
            out[n + j] = UInt8(48 + fracPart % 10)
            fracPart /= 10
            j -= 1
        }
        return n + p
    }

    /// Writes the decimal digits of `v` into `out` (at least 21 bytes); returns the byte count.
    static func writeInt(_ v: Int, into out: inout [UInt8]) -> Int {
        var m = v.magnitude
        var n = 0
        if v < 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        var digits = 0
        var t = m
        repeat { digits += 1; t /= 10 } while t > 0
        var i = n + digits - 1
        repeat {
            out[i] = UInt8(48 + m % 10)
            m /= 10
            i -= 1
        } while m > 0
        return n + digits
    }

    static func cFormat(_ format: String, _ v: Double, into out: inout [UInt8]) -> Int {
        let n = out.withUnsafeMutableBufferPointer { buf in
            withVaList([v]) { args in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    vsnprintf($0, buf.count, format, args)
                }
            }
        }
        return Int(n)
    }

    static func cFormat(_ format: String, _ v: Double) -> String {
        var b = [UInt8](repeating: 0, count: 64)
        let n = cFormat(format, v, into: &b)
        return String(decoding: b[0 ..< n], as: UTF8.self)
    }
}
