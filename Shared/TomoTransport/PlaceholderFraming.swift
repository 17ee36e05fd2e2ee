// TEMPORARY framing until TomoWire messages land.
// Everything that knows how a transport message looks on the wire is in this file, so it can be
// replaced by the TomoWire codecs without touching the loops or the state machines.

/// A message between a coordinator and a worker, as the loops see it.
///
/// TEMPORARY: the byte layout below is a placeholder, not the documented protocol.
/// Frame 0 is `[0xA7, command]`; frame 1 (when present) is a little-endian header; any further
/// frames are the opaque payload.
enum TransportMessage: Sendable, Equatable {
    /// Worker → coordinator: a fresh session that can hold `credit` tasks.
    case ready(credit: UInt32, capabilities: [String])
    /// Coordinator → worker: run this task.
    case task(TaskKey, attempt: UInt32, payload: [[UInt8]])
    /// Worker → coordinator: the result of a task.
    case result(TaskKey, attempt: UInt32, payload: [[UInt8]])
    /// Worker → coordinator: the task failed; the worker is fine.
    case failure(TaskKey, attempt: UInt32, reason: String)
    /// Either way: I am alive.
    case heartbeat
    /// Worker → coordinator: tasks returned unprocessed (graceful shutdown).
    case handBack([TaskKey])
    /// Worker → coordinator: goodbye. Coordinator → worker: I do not know you, send READY.
    case disconnect

    private static let marker: UInt8 = 0xA7

    /// The frames of this message.
    func encode() -> [[UInt8]] {
        var h = ByteWriter()
        switch self {
        case .ready(let credit, let caps):
            h.u32(credit)
            h.string(caps.joined(separator: ","))
            return [[Self.marker, 1], h.bytes]
        case .task(let k, let attempt, let payload):
            h.key(k); h.u32(attempt)
            return [[Self.marker, 2], h.bytes] + payload
        case .result(let k, let attempt, let payload):
            h.key(k); h.u32(attempt)
            return [[Self.marker, 3], h.bytes] + payload
        case .failure(let k, let attempt, let reason):
            h.key(k); h.u32(attempt); h.string(reason)
            return [[Self.marker, 4], h.bytes]
        case .heartbeat:
            return [[Self.marker, 5]]
        case .handBack(let keys):
            h.u32(UInt32(keys.count))
            for k in keys { h.key(k) }
            return [[Self.marker, 6], h.bytes]
        case .disconnect:
            return [[Self.marker, 7]]
        }
    }

    /// Decodes frames (without any ROUTER identity frame); nil when they are not a message.
    static func decode(_ frames: ArraySlice<[UInt8]>) -> TransportMessage? {
        guard let first = frames.first, first.count == 2, first[0] == marker else { return nil }
        let rest = frames.dropFirst()
        var r = ByteReader(rest.first ?? [])
        switch first[1] {
        case 1:
            guard let c = r.u32(), let s = r.string() else { return nil }
            return .ready(credit: c, capabilities: s.isEmpty ? [] : s.split(separator: ",").map(String.init))
        case 2, 3:
            guard let k = r.key(), let a = r.u32() else { return nil }
            let payload = Array(rest.dropFirst())
            return first[1] == 2 ? .task(k, attempt: a, payload: payload) : .result(k, attempt: a, payload: payload)
        case 4:
            guard let k = r.key(), let a = r.u32(), let s = r.string() else { return nil }
            return .failure(k, attempt: a, reason: s)
        case 5: return .heartbeat
        case 6:
            guard let n = r.u32() else { return nil }
            var keys: [TaskKey] = []
            for _ in 0..<n { guard let k = r.key() else { return nil }; keys.append(k) }
            return .handBack(keys)
        case 7: return .disconnect
        default: return nil
        }
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func key(_ k: TaskKey) { u64(k.job); u32(k.iteration); u64(k.task) }
    mutating func string(_ s: String) { let u = Array(s.utf8); u32(UInt32(u.count)); bytes += u }
}

private struct ByteReader {
    let bytes: [UInt8]
    var at = 0
    init(_ b: [UInt8]) { bytes = b }
    mutating func u64() -> UInt64? {
        guard at + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[at + i]) << (8 * i) }
        at += 8
        return v
    }
    mutating func u32() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[at + i]) << (8 * i) }
        at += 4
        return v
    }
    mutating func key() -> TaskKey? {
        guard let j = u64(), let i = u32(), let t = u64() else { return nil }
        return TaskKey(job: j, iteration: i, task: t)
    }
    mutating func string() -> String? {
        guard let n = u32(), at + Int(n) <= bytes.count else { return nil }
        defer { at += Int(n) }
        return String(decoding: bytes[at..<at + Int(n)], as: UTF8.self)
    }
}
