extension Message {
    /// The ZeroMQ frames of this message, in order: `[header, body, descriptor, data, …]`, or for
    /// an EVENT `[topic, header, json]`.
    ///
    /// - Precondition: payloads only on TASK, RESULT, REQUEST and REPLY; at most 32,767 of them.
    public func encode() -> [[UInt8]] {
        precondition(payloads.isEmpty || command.allowsPayloads, "\(command) messages carry no payloads")
        precondition(payloads.count <= Int(UInt16.max) / 2, "too many payloads: \(payloads.count)")
        var w = ByteWriter()
        switch body {
        case .ready(let b): b.encode(into: &w)
        case .task(let b): b.encode(into: &w)
        case .result(let b): b.encode(into: &w)
        case .heartbeat(let b): b.encode(into: &w)
        case .request(let b): b.encode(into: &w)
        case .reply(let b): b.encode(into: &w)
        case .error(let b): b.encode(into: &w)
        case .disconnect(let b): b.encode(into: &w)
        case .event(let e): return [Array(e.topic.utf8), header.encode(), Array(e.json.utf8)]
        }
        var frames = [header.encode(), w.bytes]
        for p in payloads { frames.append(contentsOf: p.frames) }
        return frames
    }
}
