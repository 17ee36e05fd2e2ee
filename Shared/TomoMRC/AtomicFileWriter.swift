#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file transactionally: bytes go to a hidden temporary file in the destination's
/// folder (`.<name>.XXXXXX`), which ``commit()`` flushes and renames over the destination. Until
/// then the destination keeps its previous content; an abandoned writer (error, or dropped
/// without commit) removes its temporary file.
final class AtomicFileWriter {
    let path: String
    let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    init(path: String) throws(MRCError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "." + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw MRCError(code: .ioError, path: path,
                           message: "cannot create a temporary file in \(folder.isEmpty ? "." : folder): \(Posix.errorText())")
        }
        fchmod(fd, 0o644)
        descriptor = fd
        temporaryPath = String(cString: template.map { UInt8(bitPattern: $0) })
    }

    deinit { if !finished { abandon() } }

    /// Writes `bytes` at `offset` of the temporary file.
    func write(_ bytes: [UInt8], at offset: Int) throws(MRCError) {
        try typedThrows { try bytes.withUnsafeBytes { (b) in try Posix.write(descriptor, b, at: offset, path: temporaryPath) } }
    }

    /// Flushes the temporary file to disk and renames it to ``path``.
    func commit() throws(MRCError) {
        precondition(!finished, "AtomicFileWriter committed twice")
        finished = true
        let synced = fsync(descriptor) == 0
        let syncError = errno
        close(descriptor)
        guard synced else {
            unlink(temporaryPath)
            throw MRCError(code: .ioError, path: path, message: "cannot flush \(temporaryPath): \(Posix.errorText(syncError))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let e = errno
            unlink(temporaryPath)
            throw MRCError(code: .ioError, path: path, message: "cannot rename \(temporaryPath) to it: \(Posix.errorText(e))")
        }
    }

    /// Closes and removes the temporary file; the destination is untouched.
    func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }
}

/// Runs `body` with an ``AtomicFileWriter`` for `path` and commits it; if `body` throws, the
/// temporary file is removed and the previous `path` is left as it was.
func writeAtomically(path: String, _ body: (AtomicFileWriter) throws(MRCError) -> Void) throws(MRCError) {
    let file = try AtomicFileWriter(path: path)
    do {
        try body(file)
    } catch {
        file.abandon()
        throw error
    }
    try file.commit()
}
