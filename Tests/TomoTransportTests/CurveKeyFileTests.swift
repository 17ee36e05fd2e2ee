import Foundation
import Testing
import TomoTesting
@testable import TomoTransport

/// Z85 and key files (czmq zcert format), without sockets.
@Suite struct CurveKeyFileTests {
    static func temporaryDirectory() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("sta-curve-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// ZeroMQ RFC 32's test vector, and a 32-byte round trip.
    @Test func z85MatchesTheRFCVectorAndRoundTrips() throws {
        let vector: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(CurveZ85.encode(vector) == "HelloWorld")
        #expect(try CurveZ85.decode("HelloWorld") == vector)
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let key = try CurveKey(bytes: bytes)
        #expect(key.z85.count == 40)
        #expect(try CurveKey(z85: key.z85) == key)
        #expect(throws: CurveKeyError.self) { try CurveKey(z85: String(repeating: "~", count: 40)) }   // not in alphabet
        #expect(throws: CurveKeyError.badLength(31)) { try CurveKey(bytes: Array(bytes.prefix(31))) }
        #expect(throws: CurveKeyError.self) { try CurveZ85.decode("%%%%%") }   // > 2^32 - 1
    }

    /// libzmq's keys decode with our Z85, and libzmq derives the same public key from our
    /// encoding of the secret (so the two codecs agree).
    @Test func generatedPairIsConsistentWithLibzmq() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey != pair.secretKey)
        let again = try CurveKeyPair(secretKey: pair.secretKey)
        #expect(again.publicKey == pair.publicKey)
        let other = try CurveKeyPair.generate()
        #expect(throws: CurveKeyError.keyMismatch) { try CurveKeyPair(publicKey: other.publicKey, secretKey: pair.secretKey) }
    }

    /// The exact text czmq's zcert_save writes (banner, blank line, sections, 4-space indent,
    /// quoted values), and the public file never holds the secret key.
    @Test func fileTextIsCzmqZcertFormat() throws {
        let pub = try CurveKey(z85: "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
        let sec = try CurveKey(z85: "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6")
        let cert = CurveCertificate(publicKey: pub, secretKey: sec, metadata: [.init(name: "name", value: "w1")])
        #expect(cert.secretFileText(generatedOn: "2026-11-02 10:00:00") == """
            #   ****  Generated on 2026-11-02 10:00:00 by sta  ****
            #   ZeroMQ CURVE **Secret** Certificate
            #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

            metadata
                name = "w1"
            curve
                public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
                secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"

            """)
        let publicText = cert.publicFileText(generatedOn: "x")
        #expect(publicText.hasPrefix("#   ****  Generated on x by sta  ****\n#   ZeroMQ CURVE Public Certificate\n"))
        #expect(!publicText.contains(sec.z85) && !publicText.contains("secret-key"))
        #expect(try CurveCertificate.parse(publicText, source: "p") == CurveCertificate(publicKey: pub, metadata: cert.metadata))
        #expect(try CurveCertificate.parse(cert.secretFileText(generatedOn: "x"), source: "s") == cert)
    }

    /// ZPL variants czmq and pyzmq read: single quotes, unquoted values, trailing comments,
    /// CRLF, czmq's forty-zero "no secret key"; and errors name the line.
    @Test func parserAcceptsZPLVariantsAndRejectsBadFiles() throws {
        let text = "# c\r\nmetadata\r\n    email = 'a@b.c'   # who\r\n    note = plain text\r\ncurve\r\n"
            + "    public-key = \"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7\"\r\n"
            + "    secret-key = \"0000000000000000000000000000000000000000\"\r\n"
        let cert = try CurveCertificate.parse(text, source: "f.key")
        #expect(cert.metadata("email") == "a@b.c" && cert.metadata("note") == "plain text")
        #expect(cert.secretKey == nil)
        #expect(cert.publicKey.z85 == "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
        #expect(throws: CurveKeyError.malformed(path: "f", line: 2, reason: "no curve/public-key entry")) {
            try CurveCertificate.parse("metadata\ncurve\n", source: "f")
        }
        #expect(throws: CurveKeyError.malformed(path: "f", line: 2, reason: "indentation of 2 spaces (ZPL indents by 4 per level)")) {
            try CurveCertificate.parse("curve\n  public-key = \"x\"\n", source: "f")
        }
        do {
            _ = try CurveCertificate.parse("curve\n    public-key = \"short\"\n", source: "f")
            Issue.record("a 5-character key parsed")
        } catch let CurveKeyError.malformed(_, line, reason) {
            #expect(line == 2 && reason.contains("40 Z85 characters"))
        }
    }

    /// Files on disk: secret file mode 0600, public 0644; pair read back; no overwrite;
    /// a group-readable secret file is refused.
    @Test func keyFilesRoundTripWithPermissions() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try CurveKeyPair.generate()
        let (pubPath, secPath) = try CurveKeyFiles.write(pair, name: "w1", directory: dir)
        #expect(pubPath.hasSuffix("/w1.key") && secPath.hasSuffix("/w1.key_secret"))
        let mode = { (p: String) in (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int) ?? -1 }
        #expect(try mode(secPath) == 0o600 && mode(pubPath) == 0o644)
        #expect(try CurveKeyFiles.readKeyPair(secPath) == pair)
        #expect(try CurveKeyFiles.readPublicKey(pubPath) == pair.publicKey)
        #expect(try CurveKeyFiles.read(pubPath).metadata("name") == "w1")
        #expect(throws: CurveKeyError.noSecretKey(path: pubPath)) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pubPath)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pubPath) }
            return try CurveKeyFiles.readKeyPair(pubPath)
        }
        #expect(throws: CurveKeyError.self) { try CurveKeyFiles.write(pair, name: "w1", directory: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: secPath)
        #expect(throws: CurveKeyError.insecurePermissions(path: secPath, mode: 0o640)) { try CurveKeyFiles.readKeyPair(secPath) }
    }

    /// pyzmq's `zmq.auth` reads our files, and we read the files it creates.
    @Test(.requiresInteropPython) func pyzmqReadsOursAndWeReadPyzmqs() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = try CurveKeyPair.generate()
        let (_, secPath) = try CurveKeyFiles.write(pair, name: "ours", directory: dir)
        let out = try InteropPython.run("""
            import sys, zmq.auth
            pub, sec = zmq.auth.load_certificate(sys.argv[1])
            print(pub.decode()); print(sec.decode())
            p, s = zmq.auth.create_certificates(sys.argv[2], "theirs")
            print(zmq.auth.load_certificate(s)[0].decode())
            """, arguments: [secPath, dir])
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == pair.publicKey.z85 && lines.dropFirst().first == pair.secretKey.z85)
        let theirs = try CurveKeyFiles.read(dir + "/theirs.key_secret")
        #expect(theirs.publicKey.z85 == lines.last)
        #expect(try CurveKeyPair(publicKey: theirs.publicKey, secretKey: #require(theirs.secretKey)).publicKey == theirs.publicKey)
        #expect(try CurveKeyFiles.readPublicKey(dir + "/theirs.key").z85 == lines.last)
    }

    /// The allow-list reads `*.key` only, skips a bad file with a reason, and a missing
    /// directory allows nobody.
    @Test func allowListLoadsKeyFilesAndReportsBadOnes() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try CurveKeyPair.generate(), b = try CurveKeyPair.generate()
        try CurveKeyFiles.write(a, name: "a", directory: dir)            // a.key and a.key_secret
        try CurveKeyFiles.writePublic(CurveCertificate(publicKey: b.publicKey), to: dir + "/b.key")
        try "not a key".write(toFile: dir + "/broken.key", atomically: true, encoding: .utf8)
        let list = CurveAllowList.load(directory: dir)
        #expect(Set(list.keys.keys) == [a.publicKey, b.publicKey])
        #expect(list.problems.count == 1 && list.problems[0].contains("broken.key"))
        let none = CurveAllowList.load(directory: dir + "/missing")
        #expect(none.keys.isEmpty && none.problems.count == 1)
    }
}
