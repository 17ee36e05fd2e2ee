/// The size limits of docs/protocol.md §7.4. A receiver checks every declared size against these
/// before allocating, and refuses a message that exceeds one with ERROR 413.
public struct WireLimits: Hashable, Sendable {
    /// Largest uncompressed tile (element bytes), default 256 MiB.
    public var maxTileBytes: Int
    /// Largest uncompressed STAR table (UTF-8 bytes), default 64 MiB.
    public var maxStarBytes: Int
    /// Largest message: the sum of all frame lengths, and separately the sum of all declared
    /// uncompressed payload sizes, default 512 MiB.
    public var maxMessageBytes: Int
    /// Largest body frame, default 1 MiB.
    public var maxBodyBytes: Int
    /// Most payload frames in one message (descriptor and data frames counted), default 2,048.
    public var maxPayloadFrames: Int

    /// Creates limits; every parameter defaults to the protocol's value.
    public init(maxTileBytes: Int = 256 << 20, maxStarBytes: Int = 64 << 20, maxMessageBytes: Int = 512 << 20,
                maxBodyBytes: Int = 1 << 20, maxPayloadFrames: Int = 2048) {
        self.maxTileBytes = maxTileBytes
        self.maxStarBytes = maxStarBytes
        self.maxMessageBytes = maxMessageBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxPayloadFrames = maxPayloadFrames
    }

    /// The protocol's limits (what `ZMQ_MAXMSGSIZE` should be set to: `maxMessageBytes`).
    public static let protocolDefault = WireLimits()
}
