/// The protocol's identity and version, as carried in the first bytes of every header frame
/// (docs/protocol.md §4.1, §8).
///
/// The 4-byte signature `"STAW"` (0x53 0x54 0x41 0x57) is followed by the major version byte.
/// A different major means an incompatible wire layout (the receiver answers ERROR 426 and drops
/// the message); the minor version, carried at byte 6 of the header, only ever adds trailing
/// fields and flags that older receivers ignore.
public struct ProtocolVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version: changes only when the layout of existing fields changes.
    public var major: UInt8
    /// The minor version: changes when fields are appended or flags are defined.
    public var minor: UInt8

    /// Creates a version.
    public init(major: UInt8, minor: UInt8) {
        self.major = major
        self.minor = minor
    }

    /// The version this library speaks: 1.0.
    public static let current = ProtocolVersion(major: 1, minor: 0)

    /// The signature bytes `"STAW"` that open every header frame.
    public static let signature: [UInt8] = [0x53, 0x54, 0x41, 0x57]

    /// `"1.0"`.
    public var description: String { "\(major).\(minor)" }
}
