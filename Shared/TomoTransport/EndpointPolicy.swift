/// Which ZeroMQ endpoints need CURVE (docs/protocol.md §12). Pure: looks at the endpoint text.
///
/// | endpoint | rule |
/// |---|---|
/// | `tcp://` to or on a non-loopback host (`*`, `0.0.0.0`, `::`, a name, any other address) | CURVE required: a service refuses to start without `--keys` |
/// | `tcp://` on loopback (`127.0.0.0/8`, `::1`, `localhost`, interface `lo`) | plain allowed |
/// | `ipc://`, `inproc://` | plain allowed (file permissions / the process are the boundary) |
/// | anything else (`pgm`, `udp`, `ws`, …) | refused: no transport other than the above is used |
///
/// With `--keys` given, every `tcp://` endpoint uses CURVE, loopback included: the binding side
/// decides the mechanism, so a worker on the catalog's own host connecting over `127.0.0.1`
/// must speak CURVE too when the catalog binds `tcp://*` with CURVE.
public enum EndpointPolicy {
    /// What an endpoint needs.
    public enum Requirement: Equatable, Sendable {
        /// CURVE is required.
        case curve
        /// No security mechanism is needed.
        case plain
        /// The transport is not one the project uses.
        case unsupported(transport: String)
    }

    /// The requirement of `endpoint`.
    public static func requirement(for endpoint: String) -> Requirement {
        guard let schemeEnd = endpoint.range(of: "://") else { return .unsupported(transport: endpoint) }
        let transport = String(endpoint[..<schemeEnd.lowerBound])
        let rest = String(endpoint[schemeEnd.upperBound...])
        switch transport {
        case "ipc", "inproc": return .plain
        case "tcp": return isLoopback(tcpHost(rest)) ? .plain : .curve
        default: return .unsupported(transport: transport)
        }
    }

    /// Whether `endpoint` is to use CURVE, given whether keys were supplied (`--keys`).
    /// - Throws: `EndpointPolicyError` when CURVE is required and no keys were given, or the
    ///   transport is unsupported.
    public static func usesCurve(_ endpoint: String, keysGiven: Bool) throws(EndpointPolicyError) -> Bool {
        switch requirement(for: endpoint) {
        case .curve:
            guard keysGiven else { throw .keysRequired(endpoint: endpoint) }
            return true
        case .plain:
            return keysGiven && endpoint.hasPrefix("tcp://")
        case .unsupported(let t):
            throw .unsupportedTransport(endpoint: endpoint, transport: t)
        }
    }

    /// The host part of a TCP endpoint body: after an optional `source;`, before the last `:`
    /// (the port), without IPv6 brackets.
    static func tcpHost(_ body: String) -> String {
        var s = Substring(body)
        if let semi = s.lastIndex(of: ";") { s = s[s.index(after: semi)...] }   // tcp://src;dst:port
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            return String(s[s.index(after: s.startIndex)..<close])
        }
        if let colon = s.lastIndex(of: ":") { s = s[..<colon] }
        return String(s)
    }

    /// Loopback: `localhost`, the `lo` interface, `127.0.0.0/8`, `::1` (any spelling) and
    /// IPv4-mapped `::ffff:127.x.y.z`.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "lo" { return true }
        if let v4 = ipv4(h) { return v4[0] == 127 }
        if h.hasPrefix("::ffff:"), let v4 = ipv4(String(h.dropFirst(7))) { return v4[0] == 127 }
        if let v6 = ipv6(h) { return v6 == [0, 0, 0, 0, 0, 0, 0, 1] }
        return false
    }

    /// The eight 16-bit groups of an IPv6 address (with `::` expanded), or nil.
    private static func ipv6(_ s: String) -> [UInt16]? {
        guard s.contains(":") else { return nil }
        var halves = [s]
        if let r = s.firstRange(of: "::") { halves = [String(s[..<r.lowerBound]), String(s[r.upperBound...])] }
        guard halves.count == 1 || !halves[1].contains("::") else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            let g = part.split(separator: ":", omittingEmptySubsequences: false)
            let v = g.compactMap { $0.count <= 4 ? UInt16($0, radix: 16) : nil }
            return v.count == g.count ? v : nil
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    private static func ipv4(_ s: String) -> [Int]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let values = parts.compactMap { p -> Int? in
            guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCII), let v = Int(p), (0...255).contains(v) else { return nil }
            return v
        }
        return values.count == 4 ? values : nil
    }
}

/// Why an endpoint cannot be used as configured.
public enum EndpointPolicyError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Non-loopback TCP without `--keys`.
    case keysRequired(endpoint: String)
    /// A transport other than tcp, ipc, inproc.
    case unsupportedTransport(endpoint: String, transport: String)

    public var description: String {
        switch self {
        case .keysRequired(let e):
            "\(e): TCP beyond loopback requires CURVE; pass --keys DIR (make keys with `sta keys generate`)"
        case .unsupportedTransport(let e, let t):
            "\(e): transport '\(t)' is not supported (use tcp://, ipc:// or inproc://)"
        }
    }
}
