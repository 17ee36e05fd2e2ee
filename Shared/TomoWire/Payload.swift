/// A tile as it travels: its descriptor and its (possibly compressed) data frame. Decoding a
/// message validates the descriptor but leaves the data compressed; `TileCodec.decode` turns it
/// into floats.
public struct EncodedTile: Hashable, Sendable {
    /// The descriptor frame's fields.
    public var descriptor: TileDescriptor
    /// The data frame, encoded as `descriptor.encoding` says.
    public var data: [UInt8]
    /// Pairs a descriptor with its data frame.
    public init(descriptor: TileDescriptor, data: [UInt8]) {
        self.descriptor = descriptor
        self.data = data
    }
}

/// A STAR table as it travels: descriptor and (possibly compressed) UTF-8 data frame.
public struct EncodedStarTable: Hashable, Sendable {
    /// The descriptor frame's fields.
    public var descriptor: StarTableDescriptor
    /// The data frame.
    public var data: [UInt8]
    /// Pairs a descriptor with its data frame.
    public init(descriptor: StarTableDescriptor, data: [UInt8]) {
        self.descriptor = descriptor
        self.data = data
    }
}

/// One payload: two frames, a descriptor whose first byte is the kind, then the data.
public enum Payload: Hashable, Sendable {
    /// Kind 1: a volume or image stack.
    case tile(EncodedTile)
    /// Kind 2: a STAR table.
    case starTable(EncodedStarTable)

    /// The descriptor and data frames.
    public var frames: [[UInt8]] {
        switch self {
        case .tile(let t): [t.descriptor.encode(), t.data]
        case .starTable(let s): [s.descriptor.encode(), s.data]
        }
    }

    /// The declared uncompressed size.
    public var declaredByteCount: UInt64 {
        switch self {
        case .tile(let t): t.descriptor.byteCount
        case .starTable(let s): s.descriptor.byteCount
        }
    }

    /// Decodes a descriptor frame (index `frame`) and its data frame; a raw data frame must be
    /// exactly the declared size.
    static func decode(descriptor: [UInt8], data: [UInt8], frame: Int, limits: WireLimits) throws(WireError) -> Payload {
        guard let kind = descriptor.first else { throw .at(.malformed, frame: frame, offset: 0, "empty payload descriptor") }
        let payload: Payload
        let encoding: PayloadEncoding
        switch kind {
        case TileDescriptor.kind:
            let d = try TileDescriptor.decode(descriptor, frame: frame, limits: limits)
            payload = .tile(EncodedTile(descriptor: d, data: data))
            encoding = d.encoding
        case StarTableDescriptor.kind:
            let d = try StarTableDescriptor.decode(descriptor, frame: frame, limits: limits)
            payload = .starTable(EncodedStarTable(descriptor: d, data: data))
            encoding = d.encoding
        default:
            throw .at(.malformed, frame: frame, offset: 0, "unknown payload kind \(kind)")
        }
        if encoding == .raw, UInt64(data.count) != payload.declaredByteCount {
            throw .at(.malformed, frame: frame + 1, offset: 0,
                      "raw data frame is \(data.count) bytes, descriptor declares \(payload.declaredByteCount)")
        }
        return payload
    }
}
