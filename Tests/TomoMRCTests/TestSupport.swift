import Foundation
@testable import TomoMRC

/// A fresh folder under the system temporary directory, removed by `cleanUp()`.
struct TemporaryFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "/TomoMRCTests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func contents() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }
    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Deterministic pseudo-random values (64-bit LCG), so tests need no seed plumbing.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 11
    }
    /// Uniform in [lo, hi).
    mutating func uniform(_ lo: Float, _ hi: Float) -> Float { lo + (hi - lo) * Float(next() % (1 << 24)) / Float(1 << 24) }
}

/// `count` values that every real mode stores exactly (integers in 0...100 minus 50 for signed modes).
func exactValues(count: Int, mode: MRCMode, seed: UInt64 = 1) -> [Float] {
    var r = TestRandom(seed: seed)
    return (0 ..< count).map { _ in
        let v = Float(r.next() % 101)
        return mode == .uint16 ? v * 600 : (mode == .int16 ? (v - 50) * 600 : v - 50)
    }
}

/// Writes a file by hand: `header` then `payload`.
func writeRaw(_ path: String, _ bytes: [UInt8]) {
    precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot create \(path)")
}

/// Little-endian bytes of values in `mode` (the test's own encoder, independent of the library's).
func rawBytes(_ values: [Float], mode: MRCMode, bigEndian: Bool = false) -> [UInt8] {
    var out: [UInt8] = []
    func put(_ v: UInt64, _ width: Int) {
        let bytes = (0 ..< width).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) }
        out += bigEndian ? bytes.reversed() : bytes
    }
    for v in values {
        switch mode {
        case .int8: put(UInt64(UInt8(bitPattern: Int8(v))), 1)
        case .int16: put(UInt64(UInt16(bitPattern: Int16(v))), 2)
        case .uint16: put(UInt64(UInt16(v)), 2)
        case .float32: put(UInt64(v.bitPattern), 4)
        case .float16: put(UInt64(Half.half(from: v)), 2)
        case .complex64: put(UInt64(v.bitPattern), 4)
        }
    }
    return out
}
