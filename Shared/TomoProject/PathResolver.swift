import Foundation

/// Finds files that RELION metadata names by project-relative path. Candidates, in order: this
/// project's root, the source project directory, the referring STAR file's directory and its
/// parents (up to 8 levels), as `TomogramSet.read` does for per-tilt-series files.
/// A `NNN@` stack-index prefix is ignored for the check and kept in the path.
struct PathResolver {
    let projectRoot: String
    let source: String?
    let starFile: String

    enum Outcome: Equatable {
        /// The path works as written (absolute, or relative to this project).
        case keep
        /// Found only elsewhere: the absolute path to write instead.
        case rewrite(String)
        /// Not found anywhere.
        case missing
    }

    /// First existing candidate for `ref`, or nil.
    func locate(_ ref: String) -> String? {
        let fm = FileManager.default
        if ref.hasPrefix("/") { return fm.fileExists(atPath: ref) ? ref : nil }
        return candidates(ref).first { fm.fileExists(atPath: $0) }
    }

    func resolveImage(_ ref: String) -> Outcome {
        var prefix = "", file = ref
        if let at = ref.firstIndex(of: "@"), ref[..<at].allSatisfy(\.isNumber), at != ref.startIndex {
            prefix = String(ref[...at])
            file = String(ref[ref.index(after: at)...])
        }
        let fm = FileManager.default
        if file.hasPrefix("/") { return fm.fileExists(atPath: file) ? .keep : .missing }
        if fm.fileExists(atPath: projectRoot + "/" + file) { return .keep }
        guard let found = locate(file) else { return .missing }
        return .rewrite(prefix + URL(fileURLWithPath: found).standardizedFileURL.path)
    }

    private func candidates(_ rel: String) -> [String] {
        var out = [projectRoot + "/" + rel]
        if let source { out.append((source as NSString).appendingPathComponent(rel)) }
        var dir = (starFile as NSString).deletingLastPathComponent
        for _ in 0 ..< 8 {
            out.append(dir.isEmpty ? rel : (dir as NSString).appendingPathComponent(rel))
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || dir.isEmpty { break }
            dir = parent
        }
        return out
    }
}
