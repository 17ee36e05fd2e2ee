import TomoFiles

/// Atomic whole-file writes for the refinement files (`TomoFiles.AtomicFile`).
enum AtomicBytes {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try AtomicFile.write(bytes, to: path)
    }
}
