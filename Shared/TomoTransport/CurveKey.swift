private import CZeroMQ

/// One CURVE key (Curve25519): 32 bytes, written as 40 characters of Z85.
///
/// The same type holds public and secret keys; which one it is, is the holder's business
/// (`CurveKeyPair` names them). It prints nothing by itself, so a secret key does not end up
/// in a log by string interpolation.
public struct CurveKey: Hashable, Sendable {
    /// The 32 raw key bytes.
    public let bytes: [UInt8]

    /// A key from its 32 raw bytes.
    /// - Throws: `CurveKeyError.badLength` for any other length.
    public init(bytes: [UInt8]) throws(CurveKeyError) {
        guard bytes.count == 32 else { throw .badLength(bytes.count) }
        self.bytes = bytes
    }

    /// A key from its 40-character Z85 text.
    /// - Throws: `CurveKeyError.badZ85` or `.badLength`.
    public init(z85: String) throws(CurveKeyError) {
        guard z85.utf8.count == 40 else {
            throw .badZ85("a key is 40 Z85 characters, got \(z85.utf8.count)")
        }
        try self.init(bytes: CurveZ85.decode(z85))
    }

    /// The key as 40 characters of Z85 (what key files and `sta keys show` print).
    public var z85: String { CurveZ85.encode(bytes) }

    /// True for the all-zero key czmq writes where a certificate has no secret key.
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }
}

/// A CURVE key pair: the public key is shared (servers: with every client; clients: with the
/// servers' allow-lists), the secret key never leaves its host.
public struct CurveKeyPair: Hashable, Sendable {
    /// The public half.
    public let publicKey: CurveKey
    /// The secret half.
    public let secretKey: CurveKey

    /// A pair from both halves, as read from a key file (checked: the public key must be the
    /// one derived from the secret key).
    /// - Throws: `CurveKeyError.keyMismatch` when it is not.
    public init(publicKey: CurveKey, secretKey: CurveKey) throws(CurveKeyError) {
        let derived = try Self.publicKey(for: secretKey)
        guard derived == publicKey else { throw .keyMismatch }
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The pair of a secret key (the public key derived with `zmq_curve_public`).
    public init(secretKey: CurveKey) throws(CurveKeyError) {
        self.publicKey = try Self.publicKey(for: secretKey)
        self.secretKey = secretKey
    }

    private init(unchecked publicKey: CurveKey, _ secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh random pair (`zmq_curve_keypair`).
    /// - Throws: `CurveKeyError.curveUnavailable` when libzmq was built without CURVE.
    public static func generate() throws(CurveKeyError) -> CurveKeyPair {
        guard isCurveAvailable else { throw .curveUnavailable }
        var pub = [CChar](repeating: 0, count: 41), sec = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&pub, &sec) == 0 else { throw .curveUnavailable }
        let p = try CurveKey(z85: text(pub)), s = try CurveKey(z85: text(sec))
        return CurveKeyPair(unchecked: p, s)
    }

    /// Whether this process's libzmq supports CURVE (`zmq_has("curve")`).
    public static var isCurveAvailable: Bool { zmq_has("curve") != 0 }

    private static func publicKey(for secret: CurveKey) throws(CurveKeyError) -> CurveKey {
        guard isCurveAvailable else { throw .curveUnavailable }
        var pub = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&pub, secret.z85) == 0 else { throw .curveUnavailable }
        return try CurveKey(z85: text(pub))
    }

    /// The text of a NUL-terminated buffer libzmq filled.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// What went wrong with a CURVE key or key file, with where and why.
public enum CurveKeyError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A raw key that is not 32 bytes.
    case badLength(Int)
    /// Text that is not valid Z85 (the reason says which character).
    case badZ85(String)
    /// A key pair whose public key is not derived from its secret key.
    case keyMismatch
    /// libzmq was built without CURVE (`zmq_has("curve") == 0`).
    case curveUnavailable
    /// A key file that is not ZPL as czmq writes it, or lacks `curve/public-key`.
    case malformed(path: String, line: Int, reason: String)
    /// A key file that cannot be read or written.
    case io(path: String, reason: String)
    /// A secret key file that group or others may read.
    case insecurePermissions(path: String, mode: UInt16)
    /// A file that was expected to hold a secret key but holds only a public key.
    case noSecretKey(path: String)

    public var description: String {
        switch self {
        case .badLength(let n): "CURVE key: expected 32 bytes, got \(n)"
        case .badZ85(let why): "CURVE key: bad Z85 text: \(why)"
        case .keyMismatch: "CURVE key pair: the public key is not the one of the secret key"
        case .curveUnavailable: "CURVE: this libzmq was built without CURVE support (zmq_has(\"curve\") is 0)"
        case .malformed(let p, let l, let why): "\(p):\(l): not a CURVE key file: \(why)"
        case .io(let p, let why): "\(p): \(why)"
        case .insecurePermissions(let p, let m):
            "\(p): secret key file has mode \(String(m, radix: 8)), readable by group or others; run `chmod 600 \(p)`"
        case .noSecretKey(let p): "\(p): holds no secret key (a public .key file? use the .key_secret file)"
        }
    }
}
