import ArgumentParser
import Foundation
import TomoSTAR

/// `sta compare --truth truth/truth.star --i Class3D/job005/run_it003_data.star`: how well a
/// classification (or selection) recovered a simulated project's truth.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare particles' classes with a simulation's truth (truth/truth.star).",
        discussion: """
        Particles are matched by rlnTomoName and rlnTomoParticleName. Truth classes are 1, 2 (the \
        states) and 0 (junk). Prints the confusion table (rows: found class, columns: truth \
        class), the accuracy (each found class counted as its majority truth class, the best any \
        relabelling can do) and the fraction of the particles that are junk (for a selection).
        """)

    @Option(name: .customLong("truth"), help: "truth/truth.star of a simulated project.") var truth: String
    @Option(name: .customLong("i"), help: "A particle set with rlnClassNumber (run_itNNN_data.star) or a selection.") var input: String

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
    }
}
