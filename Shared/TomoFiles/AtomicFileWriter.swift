#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file transactionally: bytes go to a hidden temporary file in the destination's
/// folder (`.<name>.XXXXXX`), which ``commit()`` flushes and renames over the destination (then
/// flushes the folder). Until then the destination keeps its previous content; an abandoned
/// writer (error, or dropped without commit) removes its temporary file. So a reader sees the old
/// file or the complete new one, never a part.
public final class AtomicFileWriter {
    /// The destination.
    public let path: String
    /// The temporary file being written.
    public let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Creates the temporary file beside `path` (mode 0644).
    /// - Throws: ``FileError`` when the folder does not allow it.
    public init(path: String) throws(FileError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "." + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let e = errno
            throw FileError(path: path, code: e,
                            message: "cannot create a temporary file in \(folder.isEmpty ? "." : folder): \(FileError.text(e))")
        }
        fchmod(fd, 0o644)
        descriptor = fd
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { if !finished { abandon() } }

    /// Writes `bytes` at `offset` of the temporary file (retrying `EINTR` and short writes).
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            let e = n < 0 ? errno : EIO
            throw FileError(path: path, code: e, message: "cannot write \(temporaryPath) at byte \(offset + done): \(FileError.text(e))")
        }
    }

    /// Writes `bytes` at `offset`.
    public func write(_ bytes: [UInt8], at offset: Int) throws(FileError) {
        // withUnsafeBytes rethrows untyped; the body throws only FileError.
        do { try bytes.withUnsafeBytes { try write($0, at: offset) } } catch { throw error as! FileError }
    }

    /// Flushes the temporary file to disk, renames it to ``path`` and flushes the folder.
    public func commit() throws(FileError) {
        precondition(!finished, "AtomicFileWriter committed twice")
        finished = true
        let synced = fsync(descriptor) == 0
        let syncError = errno
        close(descriptor)
        guard synced else {
            unlink(temporaryPath)
            throw FileError(path: path, code: syncError, message: "cannot flush \(temporaryPath): \(FileError.text(syncError))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let e = errno
            unlink(temporaryPath)
            throw FileError(path: path, code: e, message: "cannot rename \(temporaryPath) to it: \(FileError.text(e))")
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let dfd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Closes and removes the temporary file; the destination is untouched.
    public func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }
}

/// Whole-file atomic writes.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes` through an ``AtomicFileWriter``; on failure the
    /// previous file is left as it was.
    /// - Parameter failAfter: tests only: fail with `EIO` after writing that many bytes.
    public static func write(_ bytes: [UInt8], to path: String, failAfter: Int? = nil) throws(FileError) {
        let file = try AtomicFileWriter(path: path)
        if let limit = failAfter, limit < bytes.count {
            try? file.write(Array(bytes.prefix(limit)), at: 0)
            file.abandon()
            throw FileError(path: path, code: EIO, message: "cannot write \(file.temporaryPath) at byte \(limit): \(FileError.text(EIO))")
        }
        do { try file.write(bytes, at: 0) } catch { file.abandon(); throw error }
        try file.commit()
    }
}
