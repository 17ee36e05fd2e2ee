import ArgumentParser
import Foundation
import TomoCore
import TomoMRC
import TomoRelion
import TomoSimulation
import TomoSTAR

/// `sta compare --truth truth/truth.star --i Class3D/job005/run_it003_data.star`: how well a
/// classification (or selection) recovered a simulated project's truth.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare particles' classes and poses, and maps, with a simulation's truth.",
        discussion: """
        Particles are matched by rlnTomoName and rlnTomoParticleName. Truth classes are 1, 2 (the \
        states) and 0 (junk). Prints the confusion table (rows: found class, columns: truth \
        class), the accuracy (each found class counted as its majority truth class, the best any \
        relabelling can do) and the fraction of the particles that are junk (for a selection). \
        With refined poses (rlnAngleRot…), also the median angular error (of the total rotation \
        A_s·A_p) and position error (c − A_s·o) against the truth. With --map and --truth_map, the \
        FSC of the map with the truth map (brought to the map's sampling) and its 0.5 and 0.143 \
        resolutions.
        """)

    @Option(name: .customLong("truth"), help: "truth/truth.star of a simulated project.") var truth: String
    @Option(name: .customLong("i"), help: "A particle set with rlnClassNumber (run_itNNN_data.star) or a selection.") var input: String?
    @Option(name: .customLong("map"), help: "A map to compare with --truth_map (e.g. run_it025_class001.mrc).") var map: String?
    @Option(name: .customLong("truth_map"), help: "The truth map (truth/state1.mrc).") var truthMap: String?

    func validate() throws {
        if input == nil && map == nil { throw ValidationError("give --i (particles) and/or --map with --truth_map") }
        if (map == nil) != (truthMap == nil) { throw ValidationError("--map and --truth_map go together") }
    }

    /// Particle key → class, from the `particles` block of `path`.
    static func classes(_ path: String, required: Bool) throws -> [String: Int] {
        let doc = try StarDocument.read(path: path)
        guard let block = doc["particles"] ?? doc.blocks.last(where: { $0.isLoop }) else {
            throw ValidationError("\(path): no particles block")
        }
        guard let tomo = block.column("rlnTomoName"), let name = block.column("rlnTomoParticleName") else {
            throw ValidationError("\(path): particles need rlnTomoName and rlnTomoParticleName to be matched")
        }
        let cls = block.column("rlnClassNumber")
        if required && cls == nil { throw ValidationError("\(path): no rlnClassNumber") }
        var out: [String: Int] = [:]
        for r in tomo.indices { out[tomo[r] + "/" + name[r]] = cls.flatMap { Int($0[r]) } ?? 1 }
        return out
    }

    func run() throws {
        if let input { try compareParticles(input) }
        if let map, let truthMap { try compareMaps(map, truthMap) }
    }

    func compareMaps(_ path: String, _ truthPath: String) throws {
        func load(_ p: String) throws -> (RealVolume, Double) {
            let f = try MRCFile.open(path: p)
            guard f.shape.nx == f.shape.ny, f.shape.ny == f.shape.nz else { throw ValidationError("\(p): not a cubic map") }
            return (RealVolume(nx: f.shape.nx, ny: f.shape.ny, nz: f.shape.nz, data: try f.readAll()), f.voxelSize.x)
        }
        let (m, px) = try load(path), (t, tpx) = try load(truthPath)
        let r = MapComparison.fsc(map: m, pixelSize: px, truth: t, truthPixelSize: tpx)
        print(String(format: "map FSC with the truth: 0.5 at %.1f Å, 0.143 at %.1f Å (box %d, %.2f Å/px; Nyquist %.1f Å)",
                     r.resolution05, r.resolution0143, m.nx, px, 2 * px))
    }

    func compareParticles(_ input: String) throws {
        let t = try Self.classes(truth, required: true)
        let found = try Self.classes(input, required: false)
        var table: [Int: [Int: Int]] = [:]
        var missing = 0
        for (key, k) in found {
            guard let c = t[key] else { missing += 1; continue }
            table[k, default: [:]][c, default: 0] += 1
        }
        let n = found.count - missing
        guard n > 0 else { throw ValidationError("no particle of \(input) is in \(truth)") }
        let truthClasses = Set(t.values).sorted()
        print("found class: " + truthClasses.map { $0 == 0 ? "junk" : "state \($0)" }.joined(separator: " / "))
        var correct = 0
        for k in table.keys.sorted() {
            let row = table[k]!
            correct += row.values.max() ?? 0
            print("  class \(k): " + truthClasses.map { String(row[$0] ?? 0) }.joined(separator: " / "))
        }
        let junk = table.values.reduce(0) { $0 + ($1[0] ?? 0) }
        print(String(format: "accuracy %.1f%% (%d of %d particles in their class's majority); junk %.1f%% of them (%d; the truth has %d)",
                     100 * Double(correct) / Double(n), correct, n, 100 * Double(junk) / Double(n), junk,
                     t.values.filter { $0 == 0 }.count))
        if missing > 0 { print("note: \(missing) particles of \(input) are not in the truth") }
        let refined = try ParticleSet.read(path: input)
        if refined.particles.contains(where: { $0.pose.angles != .zero }) {
            let e = PoseErrors(refined: refined, truth: try ParticleSet.read(path: truth))
            let px = refined.opticsGroups.first?.imagePixelSize
            print(String(format: "poses: median angular error %.2f°, median position error %.2f Å", e.medianAngular, e.medianPosition)
                  + (px.map { String(format: " (%.2f px at %.2f Å/px)", e.medianPosition / $0, $0) } ?? "")
                  + " over \(e.count) particles")
        }
    }
}
