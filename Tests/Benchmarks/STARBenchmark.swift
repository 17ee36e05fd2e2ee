import Foundation
import TomoSTAR

/// STAR parse/write benchmark against Python `starfile`.
///
/// Generates a RELION-5 particle table with 25 realistic columns (`rows` rows), writes it with
/// ``StarDocument/write(to:)``, parses it back with ``StarDocument/read(path:)`` (and converts one
/// numeric column), then times `starfile.read(path)` in Python (`STA_PYTHON` or `.venv/bin/python`)
/// on the same file and prints a table of seconds and the speed-up. Figures: `docs/benchmarks.md`.
func runSTARBenchmark(rows: Int) throws {
    var rng = BenchRNG(seed: 42)
    let tomos = ["TS_01", "TS_03", "TS_43", "TS_45", "TS_54"]
    let tomo = (0 ..< rows).map { tomos[$0 * tomos.count / max(rows, 1)] }
    func uniform(_ lo: Double, _ hi: Double) -> [Double] { (0 ..< rows).map { _ in lo + (hi - lo) * rng.next() } }

    let t0 = Date()
    var p = StarBlock(name: "particles")
    p.setColumn(.tomoName, tomo)
    p.setColumn(.tomoParticleName, (0 ..< rows).map { "\(tomo[$0])/\($0 + 1)" })
    p.setColumn(.centeredCoordinateXAngst, doubles: uniform(-2700, 2700))
    p.setColumn(.centeredCoordinateYAngst, doubles: uniform(-2700, 2700))
    p.setColumn(.centeredCoordinateZAngst, doubles: uniform(-1350, 1350))
    p.setColumn(.originXAngst, doubles: uniform(-5, 5))
    p.setColumn(.originYAngst, doubles: uniform(-5, 5))
    p.setColumn(.originZAngst, doubles: uniform(-5, 5))
    p.setColumn(.angleRot, doubles: uniform(-180, 180))
    p.setColumn(.angleTilt, doubles: uniform(0, 180))
    p.setColumn(.anglePsi, doubles: uniform(-180, 180))
    p.setColumn(.tomoSubtomogramRot, doubles: uniform(-180, 180))
    p.setColumn(.tomoSubtomogramTilt, doubles: uniform(0, 180))
    p.setColumn(.tomoSubtomogramPsi, doubles: uniform(-180, 180))
    p.setColumn(.angleTiltPrior, doubles: Array(repeating: 90, count: rows))
    p.setColumn(.anglePsiPrior, doubles: Array(repeating: 0, count: rows))
    p.setColumn(.opticsGroup, ints: Array(repeating: 1, count: rows))
    p.setColumn(.tomoVisibleFrames, intVectors: (0 ..< rows).map { i in (0 ..< 40).map { f in (f + i % 7 > 10 && f < 32) ? 1 : 0 } })
    p.setColumn(.imageName, (0 ..< rows).map { "Extract/job071/Subtomograms/\(tomo[$0])/\($0 + 1)_stack2d.mrcs" })
    p.setColumn(.groupNumber, ints: tomo.map { tomos.firstIndex(of: $0)! + 1 })
    p.setColumn(.classNumber, ints: (0 ..< rows).map { $0 % 3 + 1 })
    p.setColumn(.randomSubset, ints: (0 ..< rows).map { $0 % 2 + 1 })
    p.setColumn(.logLikeliContribution, doubles: uniform(1.0e5, 3.0e5))
    p.setColumn(.maxValueProbDistribution, doubles: uniform(0, 1))
    p.setColumn(.nrOfSignificantSamples, ints: (0 ..< rows).map { $0 % 50 + 1 })
    precondition(p.labels.count == 25)
    var optics = StarBlock(name: "optics")
    optics.setColumn(.opticsGroup, ints: [1])
    optics.setColumn(.opticsGroupName, ["optics1"])
    optics.setColumn(.tomoTiltSeriesPixelSize, doubles: [1.35])
    var general = StarBlock(name: "general", isLoop: false)
    general.setColumn(.tomoSubTomosAre2DStacks, ints: [1])
    let doc = StarDocument(blocks: [general, optics, p])
    let build = Date().timeIntervalSince(t0)

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("star-bench-\(getpid()).star").path
    defer { try? FileManager.default.removeItem(atPath: path) }

    let t1 = Date()
    try doc.write(to: path)
    let write = Date().timeIntervalSince(t1)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

    let t2 = Date()
    let back = try StarDocument.read(path: path)
    let parse = Date().timeIntervalSince(t2)
    let t3 = Date()
    let rot = try back["particles"]!.doubles(.angleRot)
    let convert = Date().timeIntervalSince(t3)
    precondition(back["particles"]!.rowCount == rows && rot.count == rows)

    var python: Double? = nil
    var pythonNote = ""
    if let exe = pythonExecutable() {
        let script = """
        import sys, time, starfile
        t = time.perf_counter()
        d = starfile.read(sys.argv[1], always_dict=True)
        dt = time.perf_counter() - t
        assert len(d['particles']) == \(rows)
        print(dt)
        """
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: exe)
        proc.arguments = ["-c", script, path]
        let out = Pipe()
        proc.standardOutput = out
        try proc.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        proc.waitUntilExit()
        python = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        if python == nil { pythonNote = "python exited \(proc.terminationStatus)" }
    } else {
        pythonNote = "no python (set STA_PYTHON or create .venv)"
    }

    func f(_ x: Double) -> String { String(format: "%9.3f", x) }
    print("STAR benchmark: \(rows) rows x 25 columns, \(size / 1_000_000) MB")
    print("  step                          seconds")
    print("  build table (setColumn)     \(f(build))")
    print("  TomoSTAR write              \(f(write))")
    print("  TomoSTAR parse              \(f(parse))")
    print("  TomoSTAR doubles(angleRot)  \(f(convert))")
    if let py = python {
        print("  Python starfile.read        \(f(py))")
        print("  speed-up (starfile / parse) \(String(format: "%9.1f", py / parse))x")
    } else {
        print("  Python starfile.read        skipped: \(pythonNote)")
    }
}

private func pythonExecutable() -> String? {
    if let env = ProcessInfo.processInfo.environment["STA_PYTHON"] { return env }
    let venv = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
}

/// SplitMix64 → uniform [0, 1), so the table is the same on every run.
private struct BenchRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / 9_007_199_254_740_992.0
    }
}
