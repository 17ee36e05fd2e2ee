#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Small files written atomically: a temporary file in the same directory is written, `fsync`ed
/// and renamed over the target, so a reader sees the old content or the new, never a part.
enum AtomicFile {
    /// Writes `text` (UTF-8) to `path`.
    ///
    /// - Throws: ``ProjectError/file(path:message:)`` naming the path and the system error.
    static func write(_ text: String, to path: String) throws(ProjectError) {
        let bytes = Array(text.utf8)
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(base).tmp.\(getpid()).\(UInt32.random(in: 0 ... .max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw error(path, "create a temporary file for", errno) }
        var done = 0
        while done < bytes.count {
            let w = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if w < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd); unlink(tmp)
                throw error(path, "write", e)
            }
            done += w
        }
        if fsync(fd) != 0 { let e = errno; close(fd); unlink(tmp); throw error(path, "fsync", e) }
        if close(fd) != 0 { let e = errno; unlink(tmp); throw error(path, "close", e) }
        if rename(tmp, path) != 0 { let e = errno; unlink(tmp); throw error(path, "rename a temporary file onto", e) }
    }

    /// Removes `path` if it exists.
    static func remove(_ path: String) {
        unlink(path)
    }

    private static func error(_ path: String, _ what: String, _ err: Int32) -> ProjectError {
        .file(path: path, message: "cannot \(what) \(path): \(String(cString: strerror(err)))")
    }
}
