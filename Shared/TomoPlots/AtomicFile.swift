#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files transactionally: the bytes go to a hidden temporary file beside the
/// destination (`.<name>.XXXXXX`), which is flushed and renamed over the destination. A reader
/// sees either the previous file or the complete new one, never half a PNG; on any failure the
/// temporary file is removed and the destination is left as it was.
enum AtomicFile {
    /// Replaces the file at `path` with `bytes`; errors name `path` and carry `strerror`.
    static func save(_ bytes: [UInt8], to path: String) throws(PlotError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "." + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw PlotError(code: .ioError, path: path,
                            message: "cannot create a temporary file in \(folder.isEmpty ? "." : folder): \(errorText())")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(fd, 0o644)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            let e = errno
            close(fd); unlink(temporary)
            throw PlotError(code: .ioError, path: path, message: "cannot write \(temporary): \(errorText(e))")
        }
        let synced = fsync(fd) == 0
        let syncError = errno
        close(fd)
        guard synced else {
            unlink(temporary)
            throw PlotError(code: .ioError, path: path, message: "cannot flush \(temporary): \(errorText(syncError))")
        }
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw PlotError(code: .ioError, path: path, message: "cannot rename \(temporary) to it: \(errorText(e))")
        }
    }

    private static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
