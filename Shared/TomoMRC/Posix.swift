#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one funnel for the system calls this module makes: retries `EINTR`, loops over short
/// reads and writes, and turns failures into ``MRCError`` naming the path, offset and `strerror`.
enum Posix {
    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    static func openForReading(_ path: String) throws(MRCError) -> Int32 {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw MRCError(code: .ioError, path: path, message: "cannot open for reading: \(errorText())")
        }
    }

    static func fileSize(_ fd: Int32, path: String) throws(MRCError) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw MRCError(code: .ioError, path: path, message: "cannot stat: \(errorText())")
        }
        return Int(st.st_size)
    }

    /// Reads exactly `count` bytes at `offset`; a short file is a `.truncated` error.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int,
                     path: String) throws(MRCError) {
        var done = 0
        while done < count {
            let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n == 0 {
                throw MRCError(code: .truncated, path: path, offset: offset + done,
                               message: "file ends at byte \(offset + done), expected \(count) bytes from byte \(offset)")
            }
            throw MRCError(code: .ioError, path: path, offset: offset + done, message: "read failed: \(errorText())")
        }
    }
}

/// Runs `body`, which calls a `rethrows` standard-library API (`withUnsafeBytes`,
/// `init(unsafeUninitializedCapacity:)`) around code that throws only ``MRCError``, and gives the
/// error back its type.
@inline(__always)
func typedThrows<R>(_ body: () throws -> R) throws(MRCError) -> R {
    do { return try body() } catch { throw error as! MRCError }
}
