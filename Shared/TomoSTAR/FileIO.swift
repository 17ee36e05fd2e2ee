import TomoFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// POSIX file reading and atomic writing (temp file in the same directory + fsync + rename).
enum FileIO {
    private static func ioError(_ path: String, _ what: String, _ err: Int32) -> StarError {
        StarError(code: .io, file: path, message: "cannot \(what) \(path): \(String(cString: strerror(err)))")
    }

    /// The whole file at `path`, read into memory the returned object owns.
    static func readAll(path: String) throws(StarError) -> StarBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ioError(path, "open", errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw ioError(path, "stat", errno) }
        var capacity = max(Int(st.st_size), 0) + 1
        var p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var done = 0
        while true {
            if done == capacity {   // the file grew after fstat, or is not a regular file
                let q = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                q.update(from: p, count: done)
                p.deallocate()
                p = q
                capacity *= 2
            }
            let r = read(fd, p + done, capacity - done)
            if r < 0 {
                if errno == EINTR { continue }
                let e = errno
                p.deallocate()
                throw ioError(path, "read", e)
            }
            if r == 0 { break }
            done += r
        }
        return StarBytes(adopting: p, count: done)
    }

    /// Writes `bytes` to `path` atomically (`AtomicFile`). `failAfter` (tests only) simulates an
    /// I/O error after that many bytes.
    static func writeAtomically(_ bytes: [UInt8], to path: String, failAfter: Int? = nil) throws(StarError) {
        do { try AtomicFile.write(bytes, to: path, failAfter: failAfter) } catch {
            throw StarError(code: .io, file: path, message: "cannot write \(path): \(error.message)")
        }
    }
}
