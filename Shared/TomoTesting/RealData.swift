import Foundation
import Testing

/// Locates `../shared/data/real` (real files written by RELION, WarpTools, pytom …) beside the
/// repository. It is absent in a user's own clone; tests that need it are then skipped with a
/// message that says so. CI always has it.
public enum RealData {
    /// The repository root, found from this source file's path.
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // TomoTesting
            .deletingLastPathComponent()                              // Shared
            .deletingLastPathComponent()                              // repo
    }()

    /// `../shared/data/real`, or `STA_REAL_DATA` when set.
    public static let directory: URL = {
        if let env = ProcessInfo.processInfo.environment["STA_REAL_DATA"] { return URL(fileURLWithPath: env) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    }()

    /// Whether the real-data folder exists.
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: directory.path) }

    /// The message shown for a skipped test.
    public static let skipMessage: Comment = "skipped: ../shared/data/real is absent (a user's own clone); CI always has it"

    /// Path of a file under the real-data folder.
    public static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// Every file under the real-data folder whose name ends in one of `extensions`, sorted.
    public static func files(withExtensions extensions: [String]) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var out: [String] = []
        while let f = e.nextObject() as? String {
            if extensions.contains(where: { f.lowercased().hasSuffix($0) }) { out.append(directory.appendingPathComponent(f).path) }
        }
        return out.sorted()
    }
}

extension Trait where Self == ConditionTrait {
    /// Enables a test only where `../shared/data/real` exists; otherwise it is reported as skipped
    /// with `RealData.skipMessage`.
    public static var requiresRealData: Self { .enabled(if: RealData.isAvailable, RealData.skipMessage) }
    /// Enables a test only where the interop venv exists.
    public static var requiresInteropPython: Self { .enabled(if: InteropPython.isAvailable, InteropPython.skipMessage) }
}
