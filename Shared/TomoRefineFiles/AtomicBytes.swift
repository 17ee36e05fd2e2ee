import Foundation

/// Atomic whole-file writes (Foundation writes a temporary file and renames it over the target).
enum AtomicBytes {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
