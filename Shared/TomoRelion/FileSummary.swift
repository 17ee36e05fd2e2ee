import Foundation
import TomoMRC
import TomoSTAR

/// What `sta info` prints for a STAR file: every block with its form, rows and labels, and, when
/// the file is a RELION tomogram set, particle set or optimisation set, the project summary.
public enum STARSummary {
    public static func describe(path: String, projectDirectory: String? = nil) throws -> String {
        let doc = try StarDocument.read(path: path)
        var lines = ["\(path): STAR, \(doc.blocks.count) block(s)"]
        for b in doc.blocks {
            let form = b.isLoop ? "loop" : "list"
            let rows = b.isLoop ? ", \(b.rowCount) row(s)" : ""
            lines.append("  data_\(b.name)  (\(form)\(rows), \(b.labels.count) label(s))")
            let shown = b.labels.prefix(40).map { "_" + $0 }
            var line = "    "
            for l in shown {
                if line.count + l.count > 100 { lines.append(line); line = "    " }
                line += l + " "
            }
            if line.count > 4 { lines.append(line) }
            if b.labels.count > 40 { lines.append("    … \(b.labels.count - 40) more") }
        }
        if let project = try tomographySummary(doc: doc, path: path, projectDirectory: projectDirectory) {
            lines.append("")
            lines.append("RELION tomography project:")
            lines.append(contentsOf: project.split(separator: "\n").map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    /// The project summary if `doc` is a tomogram set, particle set or optimisation set.
    static func tomographySummary(doc: StarDocument, path: String, projectDirectory: String?) throws -> String? {
        let dir = projectDirectory ?? guessProjectDirectory(for: path)
        if let g = doc["global"], g.has("rlnTomoName") {
            return try TomographyProjectSummary.load(tomogramsPath: path, projectDirectory: dir).description
        }
        if let p = doc["particles"], p.has("rlnTomoName") {
            let set = try ParticleSet.read(path: path)
            var lines = ["particles:        \(set.particles.count) in \(set.tomogramNames.count) tomogram(s)"]
            lines.append("kind:             " + (set.subTomogramsAre2DStacks ? "2D tilt stacks" : "3D pseudo-subtomograms or picks"))
            for g in set.opticsGroups {
                lines.append("optics group \(g.number):   \(g.name ?? "-")" + (g.imagePixelSize.map { ", \($0) Å/px" } ?? "")
                             + (g.imageSize.map { ", box \($0)" } ?? ""))
            }
            let counts = set.particleCounts
            for name in set.tomogramNames.prefix(20) { lines.append("  \(name): \(counts[name] ?? 0)") }
            return lines.joined(separator: "\n")
        }
        if let first = doc.blocks.first, first.has("rlnTomoParticlesFile") || first.has("rlnTomoTomogramsFile") {
            return try TomographyProjectSummary.load(tomogramsPath: nil, optimisationSetPath: path,
                                                     projectDirectory: dir).description
        }
        return nil
    }

    /// RELION paths are relative to the project directory: the parent of `<Type>/jobNNN/`, or the
    /// file's own directory.
    static func guessProjectDirectory(for path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var dir = url.deletingLastPathComponent()
        let job = dir.lastPathComponent
        if job.hasPrefix("job"), job.dropFirst(3).allSatisfy(\.isNumber) {
            dir = dir.deletingLastPathComponent().deletingLastPathComponent()
        }
        return dir.path
    }
}

/// What `sta info` prints for an MRC file.
public enum MRCSummary {
    public static func describe(path: String) throws -> String {
        let file = try MRCFile.open(path: path)
        let h = file.header
        let s = file.shape
        let stack = path.lowercased().hasSuffix(".mrcs") || (h.ispg == 0 && s.nz > 1)
        var stats = MRCStatistics.Accumulator()
        for z in 0..<s.nz { stats.add(try file.readSection(z)) }
        let st = stats.statistics
        let v = file.voxelSize
        func f(_ x: Double) -> String { String(format: "%.4f", x) }
        var lines = [
            "\(path): MRC mode \(h.mode.rawValue) (\(h.mode))",
            "  size:        \(s.nx) × \(s.ny) × \(s.nz)" + (stack ? "  (stack of \(s.nz) images)" : ""),
            "  voxel size:  \(f(v.x)) × \(f(v.y)) × \(f(v.z)) Å",
            "  origin:      \(h.origin.x) \(h.origin.y) \(h.origin.z)",
            "  min/max:     \(st.min) / \(st.max)",
            "  mean/rms:    \(st.mean) / \(st.rms)",
            "  header:      min \(h.dmin) max \(h.dmax) mean \(h.dmean) rms \(h.rms), nsymbt \(h.nsymbt), ispg \(h.ispg)",
        ]
        for w in file.warnings { lines.append("  warning:     \(w)") }
        return lines.joined(separator: "\n")
    }
}
