import TomoFiles

extension MRCError {
    /// A file-system failure while writing, as an I/O error naming the path.
    init(_ e: FileError) { self.init(code: .ioError, path: e.path, message: e.message) }
}

/// Runs `body` (file-system calls) with its ``FileError`` reported as ``MRCError``.
func mrcIO<T>(_ body: () throws(FileError) -> T) throws(MRCError) -> T {
    do { return try body() } catch { throw MRCError(error) }
}

/// Runs `body` with an `AtomicFileWriter` for `path` and commits it; if `body` throws, the
/// temporary file is removed and the previous `path` is left as it was.
func writeAtomically(path: String, _ body: (AtomicFileWriter) throws(MRCError) -> Void) throws(MRCError) {
    let file = try mrcIO { () throws(FileError) in try AtomicFileWriter(path: path) }
    do {
        try body(file)
    } catch {
        file.abandon()
        throw error
    }
    try mrcIO { () throws(FileError) in try file.commit() }
}
