/// Immutable bytes shared by every column parsed from one file (the file itself), in memory this
/// object owns, so a pointer to it stays valid while the object is alive.
final class StarBytes: @unchecked Sendable {   // immutable after init
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    /// Takes ownership of `base` (allocated with `UnsafeMutablePointer.allocate`).
    init(adopting base: UnsafeMutablePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    convenience init<C: Collection>(copying bytes: C) where C.Element == UInt8 {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        let n = UnsafeMutableBufferPointer(start: p, count: bytes.count).initialize(from: bytes).1
        self.init(adopting: p, count: n)
    }

    deinit { base.deallocate() }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    static let empty = StarBytes(copying: [UInt8]())
}

/// One column's cells, stored as byte ranges rather than `String`s.
///
/// A cell is a packed `UInt64`: bits 0…39 the start offset, bits 40…61 the length (so a cell
/// holds at most 4 MiB), bit 62 "check before writing unquoted" (the cell came from a quoted
/// or bracketed token or from an API call), bit 63 "in `local`" (else in `shared`). Parsed cells
/// point into the file bytes, so parsing creates no `String`s; cells set or appended later live
/// in the column's own `local` buffer.
struct StarColumn: Sendable {
    var shared: StarBytes
    var local: [UInt8]
    var cells: [UInt64]

    static let localBit: UInt64 = 1 << 63
    static let checkBit: UInt64 = 1 << 62
    static let lengthShift: UInt64 = 40
    static let lengthMask: UInt64 = (1 << 22) - 1
    static let startMask: UInt64 = (1 << 40) - 1
    /// The longest cell the packing can hold.
    static let maxCellLength = Int(lengthMask)

    @inline(__always)
    static func pack(start: Int, length: Int, check: Bool, local: Bool) -> UInt64 {
        UInt64(truncatingIfNeeded: start) | (UInt64(truncatingIfNeeded: length) << lengthShift)
            | (check ? checkBit : 0) | (local ? localBit : 0)
    }

    @inline(__always) static func start(_ c: UInt64) -> Int { Int(truncatingIfNeeded: c & startMask) }
    @inline(__always) static func length(_ c: UInt64) -> Int { Int(truncatingIfNeeded: (c >> lengthShift) & lengthMask) }
    @inline(__always) static func isLocal(_ c: UInt64) -> Bool { c & localBit != 0 }
    @inline(__always) static func needsCheck(_ c: UInt64) -> Bool { c & checkBit != 0 }

    init(shared: StarBytes, cells: [UInt64]) {
        self.shared = shared
        self.local = []
        self.cells = cells
    }

    /// A column holding `values` in its own buffer.
    init<S: Sequence>(strings values: S) where S.Element == String {
        shared = .empty
        local = []
        cells = []
        cells.reserveCapacity(values.underestimatedCount)
        for v in values { append(v) }
    }

    var count: Int { cells.count }

    mutating func append(_ value: String) {
        var v = value
        v.withUTF8 { appendBytes($0) }
    }

    mutating func appendBytes(_ b: UnsafeBufferPointer<UInt8>) {
        precondition(b.count <= StarColumn.maxCellLength, "STAR cell longer than 4 MiB")
        let start = local.count
        local.append(contentsOf: b)
        cells.append(StarColumn.pack(start: start, length: b.count, check: true, local: true))
    }

    /// Calls `body` with the bytes of cell `row`.
    @inline(__always)
    func withCell<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let c = cells[row]
        let s = StarColumn.start(c), n = StarColumn.length(c)
        if StarColumn.isLocal(c) {
            return try local.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s ..< s + n])) }
        }
        return try withExtendedLifetime(shared) { try body(UnsafeBufferPointer(start: shared.base + s, count: n)) }
    }

    func string(_ row: Int) -> String {
        withCell(row) { String(decoding: $0, as: UTF8.self) }
    }

    /// The cells in `indices`, in that order (sharing this column's buffers).
    func selecting(_ indices: [Int]) -> StarColumn {
        var out = self
        out.cells = indices.map { cells[$0] }
        return out
    }

    /// Whether cell `i` of `self` has the same bytes as cell `j` of `other`.
    func cellEquals(_ i: Int, _ other: StarColumn, _ j: Int) -> Bool {
        withCell(i) { a in other.withCell(j) { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
