import TomoFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The project's small files (note.txt, exit markers) written with `TomoFiles.AtomicFile`:
/// a reader sees the old content or the new, never a part.
enum ProjectFiles {
    /// Writes `text` (UTF-8) to `path`.
    ///
    /// - Throws: ``ProjectError/file(path:message:)`` naming the path and the system error.
    static func write(_ text: String, to path: String) throws(ProjectError) {
        do { try AtomicFile.write(Array(text.utf8), to: path) } catch { throw .file(path: path, message: error.message) }
    }

    /// Removes `path` if it exists.
    static func remove(_ path: String) {
        unlink(path)
    }
}
