extension Message {
    /// Decodes one message from its frames (without the ROUTER identity frame).
    ///
    /// Never traps: every read is bounds-checked, and every declared size is checked against
    /// `limits` before anything is allocated. Throws `WireError` with code 426 for another major
    /// version, 413 for a size over a limit, and 400 for everything else malformed (including an
    /// unknown command). Payload data frames are validated but left encoded; decode them with
    /// `TileCodec` and `StarTableCodec`.
    public static func decode(_ frames: [[UInt8]], limits: WireLimits = .protocolDefault) throws(WireError) -> Message {
        guard !frames.isEmpty else { throw WireError(code: .malformed, message: "message has no frames") }
        var total = 0
        for f in frames { total += f.count }
        guard total <= limits.maxMessageBytes else {
            throw WireError(code: .tooLarge, message: "message is \(total) bytes, the limit is \(limits.maxMessageBytes)")
        }
        // An EVENT leads with its topic (for SUB prefix filtering); every other message with the header.
        let headerIndex: Int
        if MessageHeader.hasSignature(frames[0]) {
            headerIndex = 0
        } else if frames.count >= 2, MessageHeader.hasSignature(frames[1]) {
            headerIndex = 1
        } else {
            throw .at(.malformed, frame: 0, offset: 0, "neither frame 0 nor frame 1 starts with the signature \"STAW\"")
        }
        let header = try MessageHeader.decode(frames[headerIndex], frame: headerIndex)
        guard let command = header.command else {
            throw .at(.malformed, frame: headerIndex, offset: 5, "unknown command 0x\(String(header.commandByte, radix: 16))")
        }
        guard (headerIndex == 1) == (command == .event) else {
            throw headerIndex == 1
                ? .at(.malformed, frame: 0, offset: 0, "\(command) has a frame before its header; only EVENT leads with a topic")
                : .at(.malformed, frame: 0, offset: 0, "EVENT has no topic frame before its header")
        }
        let payloadFrames = Int(header.payloadFrameCount)
        let expectedFrames = headerIndex + 2 + payloadFrames
        guard frames.count == expectedFrames else {
            throw .at(.malformed, frame: headerIndex, offset: 48,
                      "\(command) declares \(payloadFrames) payload frames, so \(expectedFrames) frames, but has \(frames.count)")
        }
        guard payloadFrames == 0 || command.allowsPayloads else {
            throw .at(.malformed, frame: headerIndex, offset: 48, "\(command) carries no payloads, header declares \(payloadFrames)")
        }
        guard payloadFrames % 2 == 0 else {
            throw .at(.malformed, frame: headerIndex, offset: 48, "payload frame count \(payloadFrames) is odd")
        }
        guard payloadFrames <= limits.maxPayloadFrames else {
            throw .at(.tooLarge, frame: headerIndex, offset: 48,
                      "\(payloadFrames) payload frames, the limit is \(limits.maxPayloadFrames)")
        }
        let bodyIndex = headerIndex + 1
        guard frames[bodyIndex].count <= limits.maxBodyBytes else {
            throw .at(.tooLarge, frame: bodyIndex, offset: 0,
                      "body frame is \(frames[bodyIndex].count) bytes, the limit is \(limits.maxBodyBytes)")
        }
        var r = ByteReader(frames[bodyIndex], frame: bodyIndex)
        let body: Body
        switch command {
        case .ready: body = .ready(try .decode(from: &r))
        case .task: body = .task(try .decode(from: &r))
        case .result: body = .result(try .decode(from: &r))
        case .heartbeat: body = .heartbeat(try .decode(from: &r))
        case .request: body = .request(try .decode(from: &r))
        case .reply: body = .reply(try .decode(from: &r))
        case .error: body = .error(try .decode(from: &r))
        case .disconnect: body = .disconnect(try .decode(from: &r))
        case .event: body = .event(try decodeEvent(topic: frames[0], json: frames[2]))
        }
        var payloads: [Payload] = []
        var declared: UInt64 = 0
        var i = bodyIndex + 1
        while i < frames.count {
            let p = try Payload.decode(descriptor: frames[i], data: frames[i + 1], frame: i, limits: limits)
            declared += p.declaredByteCount   // both terms ≤ Int.max here, so no overflow
            guard declared <= UInt64(limits.maxMessageBytes) else {
                throw .at(.tooLarge, frame: i, offset: 0,
                          "payloads declare \(declared) uncompressed bytes, the limit is \(limits.maxMessageBytes)")
            }
            payloads.append(p)
            i += 2
        }
        return Message(body, correlation: header.correlation, flags: header.flags, sequence: header.sequence,
                       payloads: payloads)
    }

    private static func decodeEvent(topic: [UInt8], json: [UInt8]) throws(WireError) -> Event {
        guard Event.isValidTopic(topic) else {
            throw .at(.malformed, frame: 0, offset: 0, "topic is not 1–255 bytes of [a-z0-9._-]")
        }
        guard let j = String(validating: json, as: UTF8.self) else {
            throw .at(.malformed, frame: 2, offset: 0, "event body is not valid UTF-8")
        }
        return Event(topic: String(decoding: topic, as: UTF8.self), json: j)
    }
}
