import Foundation

/// Reads and writes CURVE key files (`CurveCertificate` text): `NAME.key` (public, mode 0644)
/// and `NAME.key_secret` (public + secret, mode 0600). Writes go to a temporary file in the
/// same directory, created with the final mode, and are renamed over the target when complete.
public enum CurveKeyFiles {
    /// The public file name of `name`.
    public static func publicFileName(_ name: String) -> String { name + ".key" }
    /// The secret file name of `name`.
    public static func secretFileName(_ name: String) -> String { name + ".key_secret" }

    /// Writes `NAME.key` and `NAME.key_secret` for `pair` into `directory` (created if missing).
    /// - Parameters:
    ///   - metadata: extra `metadata` entries; `name = NAME` is always first.
    ///   - overwrite: replace existing files (default: refuse, so a key is never lost by accident).
    /// - Returns: the paths of the public and secret files.
    /// - Throws: `CurveKeyError.io` naming the file and the reason.
    @discardableResult
    public static func write(_ pair: CurveKeyPair, name: String, directory: String,
                             metadata: [CurveCertificate.Field] = [], overwrite: Bool = false,
                             now: Date = Date()) throws(CurveKeyError) -> (publicPath: String, secretPath: String) {
        let cert = CurveCertificate(keyPair: pair, metadata: [.init(name: "name", value: name)] + metadata)
        let stamp = timestamp(now)
        try makeDirectory(directory)
        let pub = (directory as NSString).appendingPathComponent(publicFileName(name))
        let sec = (directory as NSString).appendingPathComponent(secretFileName(name))
        if !overwrite {
            for p in [pub, sec] where FileManager.default.fileExists(atPath: p) {
                throw .io(path: p, reason: "exists; refusing to overwrite a key file")
            }
        }
        try writeAtomically(cert.secretFileText(generatedOn: stamp), to: sec, mode: 0o600)
        try writeAtomically(cert.publicFileText(generatedOn: stamp), to: pub, mode: 0o644)
        return (pub, sec)
    }

    /// Writes a public certificate (e.g. a copy into an allow-list) to `path`, mode 0644.
    public static func writePublic(_ certificate: CurveCertificate, to path: String, now: Date = Date()) throws(CurveKeyError) {
        let publicOnly = CurveCertificate(publicKey: certificate.publicKey, metadata: certificate.metadata)
        try writeAtomically(publicOnly.publicFileText(generatedOn: timestamp(now)), to: path, mode: 0o644)
    }

    /// Reads and parses any key file.
    public static func read(_ path: String) throws(CurveKeyError) -> CurveCertificate {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .io(path: path, reason: "cannot read: \(Self.reason(error))")
        }
        return try CurveCertificate.parse(text, source: path)
    }

    /// Reads a public key from a `.key` (or `.key_secret`) file.
    public static func readPublicKey(_ path: String) throws(CurveKeyError) -> CurveKey {
        try read(path).publicKey
    }

    /// Reads a key pair from a `.key_secret` file, which must not be readable by group or others.
    /// - Throws: `.insecurePermissions`, `.noSecretKey`, `.keyMismatch`, `.malformed`, `.io`.
    public static func readKeyPair(_ path: String) throws(CurveKeyError) -> CurveKeyPair {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw .io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        let mode = UInt16(st.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .insecurePermissions(path: path, mode: mode) }
        let cert = try read(path)
        guard let secret = cert.secretKey else { throw .noSecretKey(path: path) }
        do { return try CurveKeyPair(publicKey: cert.publicKey, secretKey: secret) } catch {
            throw .malformed(path: path, line: 0, reason: "\(error)")
        }
    }

    /// `yyyy-MM-dd HH:mm:ss` in local time, as czmq's banner.
    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }

    static func makeDirectory(_ directory: String) throws(CurveKeyError) {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .io(path: directory, reason: "cannot create directory: \(reason(error))")
        }
    }

    /// Creates a temporary file with `mode` (O_EXCL, so never someone else's file), writes,
    /// fsyncs and renames it over `path`.
    static func writeAtomically(_ text: String, to path: String, mode: mode_t) throws(CurveKeyError) {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .io(path: tmp, reason: "cannot create: \(String(cString: strerror(errno)))") }
        var ok = fchmod(fd, mode) == 0                       // umask must not widen or narrow it
        let bytes = Array(text.utf8)
        var written = 0
        while ok && written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false; break }
            written += n
        }
        let why = String(cString: strerror(errno))
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw .io(path: path, reason: "cannot write: \(why)")
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
