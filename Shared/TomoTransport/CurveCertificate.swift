/// A CURVE certificate in the text format of czmq's `zcert` (also written by pyzmq's
/// `zmq.auth.create_certificates`): ZPL (ZeroMQ RFC 4) with a `metadata` section and a `curve`
/// section holding `public-key` and, in the secret file only, `secret-key`, both as quoted Z85:
///
///     #   ****  Generated on 2026-11-02 10:00:00 by sta  ****
///     #   ZeroMQ CURVE Public Certificate
///     ...
///
///     metadata
///         name = "worker-a"
///     curve
///         public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
///
/// `NAME.key` is the public file, `NAME.key_secret` the secret one (mode 0600). Pure: formats
/// and parses text; `CurveKeyFiles` reads and writes the files.
public struct CurveCertificate: Equatable, Sendable {
    /// One `metadata` entry (czmq keeps them in insertion order).
    public struct Field: Equatable, Sendable {
        /// Entry name (ZPL name characters: letters, digits, `$-_@.&+/`).
        public var name: String
        /// Entry value (written double-quoted).
        public var value: String
        /// An entry.
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    /// The public key (`curve/public-key`).
    public var publicKey: CurveKey
    /// The secret key (`curve/secret-key`); nil in a public file (czmq also writes forty `0`s
    /// for "none", read as nil).
    public var secretKey: CurveKey?
    /// The `metadata` section.
    public var metadata: [Field]

    /// A certificate.
    public init(publicKey: CurveKey, secretKey: CurveKey? = nil, metadata: [Field] = []) {
        self.publicKey = publicKey
        self.secretKey = secretKey
        self.metadata = metadata
    }

    /// A certificate of a key pair.
    public init(keyPair: CurveKeyPair, metadata: [Field] = []) {
        self.init(publicKey: keyPair.publicKey, secretKey: keyPair.secretKey, metadata: metadata)
    }

    /// The value of metadata entry `name`, if present.
    public func metadata(_ name: String) -> String? { metadata.first { $0.name == name }?.value }

    /// The public file's text (never the secret key).
    /// - Parameter generatedOn: the timestamp for the banner, e.g. `2026-11-02 10:00:00`.
    public func publicFileText(generatedOn: String) -> String {
        text(banner: [
            "   ZeroMQ CURVE Public Certificate",
            "   Exchange securely, or use a secure mechanism to verify the contents",
            "   of this file after exchange. Store public certificates in your home",
            "   directory, in the .curve subdirectory.",
        ], generatedOn: generatedOn, includeSecret: false)
    }

    /// The secret file's text (public and secret key).
    /// - Precondition: `secretKey != nil`.
    public func secretFileText(generatedOn: String) -> String {
        precondition(secretKey != nil, "a secret certificate file needs a secret key")
        return text(banner: [
            "   ZeroMQ CURVE **Secret** Certificate",
            "   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.",
        ], generatedOn: generatedOn, includeSecret: true)
    }

    private func text(banner: [String], generatedOn: String, includeSecret: Bool) -> String {
        var lines = ["#   ****  Generated on \(generatedOn) by sta  ****"]
        lines += banner.map { "#" + $0 }
        lines += ["", "metadata"]
        lines += metadata.map { "    \($0.name) = \(Self.quoted($0.value))" }
        lines += ["curve", "    public-key = \"\(publicKey.z85)\""]
        if includeSecret, let s = secretKey { lines.append("    secret-key = \"\(s.z85)\"") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ZPL has no escapes: a value is double-quoted unless it holds `"`, then single-quoted.
    /// Line breaks become spaces.
    private static func quoted(_ v: String) -> String {
        let flat = v.replacingNewlines()
        return flat.contains("\"") ? "'\(flat.filter { $0 != "'" })'" : "\"\(flat)\""
    }

    /// Parses a certificate file's text.
    /// - Parameter source: the file name, for error messages.
    /// - Throws: `CurveKeyError.malformed` with the line and reason (bad indentation, a line
    ///   that is not `name [= value]`, no `curve/public-key`, a key that is not Z85).
    public static func parse(_ text: String, source: String) throws(CurveKeyError) -> CurveCertificate {
        var path: [String] = []
        var publicText: (String, Int)?, secretText: (String, Int)?
        var metadata: [Field] = []
        var lineNumber = 0, lastLine = 0
        // `\r\n` is one Character in Swift, so split on any newline, not on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let body = line.drop { $0 == " " }
            if body.isEmpty || body.first == "#" { continue }
            lastLine = lineNumber
            let indent = line.count - body.count
            guard indent % 4 == 0, indent / 4 <= path.count else {
                throw .malformed(path: source, line: lineNumber,
                                 reason: "indentation of \(indent) spaces (ZPL indents by 4 per level)")
            }
            let (name, value) = try parseEntry(body, source: source, line: lineNumber)
            path = Array(path.prefix(indent / 4)) + [name]
            switch (path.count, path.first, value) {
            case (2, "curve", let v?) where name == "public-key": publicText = (v, lineNumber)
            case (2, "curve", let v?) where name == "secret-key": secretText = (v, lineNumber)
            case (2, "metadata", let v): metadata.append(Field(name: name, value: v ?? ""))
            default: break
            }
        }
        guard let (pub, pubLine) = publicText else {
            throw .malformed(path: source, line: lastLine, reason: "no curve/public-key entry")
        }
        let publicKey: CurveKey
        do { publicKey = try CurveKey(z85: pub) } catch {
            throw .malformed(path: source, line: pubLine, reason: "public-key: \(error)")
        }
        var secretKey: CurveKey?
        if let (sec, secLine) = secretText {
            do { secretKey = try CurveKey(z85: sec) } catch {
                throw .malformed(path: source, line: secLine, reason: "secret-key: \(error)")
            }
            if secretKey?.isZero == true { secretKey = nil }
        }
        return CurveCertificate(publicKey: publicKey, secretKey: secretKey, metadata: metadata)
    }

    /// `name`, `name = value`, `name = "value"` or `name = 'value'`, with an optional trailing
    /// `# comment` after an unquoted value or the closing quote.
    private static func parseEntry(_ body: Substring, source: String, line: Int) throws(CurveKeyError)
        -> (String, String?) {
        let nameEnd = body.firstIndex { $0 == " " || $0 == "=" || $0 == "#" } ?? body.endIndex
        let name = String(body[..<nameEnd])
        let allowed = Set("$-_@.&+/")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || allowed.contains($0) }) else {
            throw .malformed(path: source, line: line, reason: "'\(body)' does not start with a ZPL name")
        }
        var rest = body[nameEnd...].drop { $0 == " " }
        if rest.isEmpty || rest.first == "#" { return (name, nil) }
        guard rest.first == "=" else {
            throw .malformed(path: source, line: line, reason: "expected '=' after '\(name)'")
        }
        rest = rest.dropFirst().drop { $0 == " " }
        if let q = rest.first, q == "\"" || q == "'" {
            let inner = rest.dropFirst()
            guard let close = inner.firstIndex(of: q) else {
                throw .malformed(path: source, line: line, reason: "unterminated quoted value of '\(name)'")
            }
            let after = inner[inner.index(after: close)...].drop { $0 == " " }
            guard after.isEmpty || after.first == "#" else {
                throw .malformed(path: source, line: line, reason: "text after the quoted value of '\(name)'")
            }
            return (name, String(inner[..<close]))
        }
        let value = rest.prefix { $0 != "#" }
        return (name, String(value.reversed().drop { $0 == " " }.reversed()))
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
