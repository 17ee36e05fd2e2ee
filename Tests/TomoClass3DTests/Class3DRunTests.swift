import Foundation
import Testing
import TomoClass3D
import TomoCore
import TomoJobs
import TomoJobsTesting
import TomoMRC
import TomoRefineFiles
import TomoSTAR
import TomoSimulation
import TomoTesting

/// A tiny project: 30 simulated particles, stacks extracted at box 24 (bin 2, 20 Å), a reference
/// reconstructed from them; Class3D K = 2 without alignment for 2 iterations.
enum Class3DFixture {
    static let project: Task<String, Error> = Task {
        let dir = NSTemporaryDirectory() + "class3d-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try await ExtractedProject.make(.small(particles: 30, seed: 11, maxTilt: 45, tiltStep: 15), in: dir)
        return dir
    }

    static func command(_ root: String, iter: Int = 2) -> [String] {
        ["--o", root, "--ios", "Extract/job002/optimisation_set.star", "--ref", "Reconstruct/job003/merged.mrc",
         "--trust_ref_size", "--ini_high", "80", "--dont_combine_weights_via_disc", "--pool", "3", "--pad", "2", "--ctf",
         "--iter", "\(iter)", "--tau2_fudge", "1", "--particle_diameter", "300", "--K", "2", "--flatten_solvent",
         "--zero_mask", "--skip_align", "--sym", "C1", "--norm", "--scale", "--random_seed", "7", "--j", "2"]
    }

    /// The uninterrupted run (once per process).
    static let full: Task<String, Error> = Task {
        let dir = try await project.value
        var job = try Class3DJob(options: try Class3DArguments.parse(command("Class3D/job004/run")), projectDirectory: dir)
        try await job.run()
        return dir
    }
}

@Suite struct Class3DRunTests {
    static let suffixes = ["_data.star", "_model.star", "_optimiser.star", "_sampling.star", "_optimisation_set.star",
                           "_class001.mrc", "_class002.mrc", "_classes.png"]

    @Test func everyIterationWritesRelionsFiles() async throws {
        let dir = try await Class3DFixture.full.value
        for it in 0...2 {
            for s in Self.suffixes {
                let path = dir + "/Class3D/job004/run_it" + RefineFileNames.threeDigits(it) + s
                #expect(FileManager.default.fileExists(atPath: path), "missing \(path)")
            }
        }
        let model = try RefineModel.read(path: dir + "/Class3D/job004/run_it002_model.star")
        #expect(model.classes.count == 2)
        #expect(abs(model.classes.map(\.distribution).reduce(0, +) - 1) < 1e-4)
        let text = try String(contentsOfFile: dir + "/Class3D/job004/run_it002_model.star", encoding: .utf8)
        #expect(text.contains("_rlnCurrentResolution"))
        let opt = try RefineOptimiser.read(path: dir + "/Class3D/job004/run_it002_optimiser.star")
        #expect(opt.currentIteration == 2 && opt.doSkipAlign)
        let data = try RefineData.read(path: dir + "/Class3D/job004/run_it002_data.star")
        #expect(data.particles.count == 30)
        #expect(Set(data.particles.compactMap(\.classNumber)).isSubset(of: [1, 2]))
    }

    /// `sta printtable run_it002_model.star data_model_classes rlnClassDistribution rlnEstimatedResolution`
    /// prints K = 2 rows of two numbers whose distributions sum to 1.
    @Test func printtableListsTheClasses() async throws {
        let dir = try await Class3DFixture.full.value
        let rows = try StarPrintTable.rows(path: dir + "/Class3D/job004/run_it002_model.star", block: "model_classes",
                                           labels: ["rlnClassDistribution", "rlnEstimatedResolution"])
        #expect(rows.count == 2)
        let sums = rows.compactMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) } }
        #expect(sums.count == 2 && abs(sums.reduce(0, +) - 1) < 1e-3)
    }

    @Test func pngsDecodeAsPNG() async throws {
        let dir = try await Class3DFixture.full.value
        for name in ["run_it002_classes.png", "run_convergence.png"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/Class3D/job004/" + name)))
            #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
            let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(w > 50 && h > 50)
        }
    }

    @Test func continueReproducesIterationTwo() async throws {
        let dir = try await Class3DFixture.full.value
        let src = dir + "/Class3D/job004/", dst = dir + "/Class3D/job005/"
        try FileManager.default.createDirectory(atPath: dst, withIntermediateDirectories: true)
        // A run stopped after iteration 1: the it000/it001 files under another root.
        var opts = try Class3DArguments.parse(Class3DFixture.command("Class3D/job005/run", iter: 1))
        var first = try Class3DJob(options: opts, projectDirectory: dir)
        try await first.run()
        opts = try Class3DArguments.parse(["--continue", "Class3D/job005/run_it001_optimiser.star", "--iter", "2"])
        var cont = try Class3DJob(options: opts, projectDirectory: dir)
        #expect(cont.engine.iteration == 1)
        try await cont.run()
        let a = try RefineModel.read(path: src + "run_it002_model.star")
        let b = try RefineModel.read(path: dst + "run_it002_model.star")
        for (x, y) in zip(a.classes, b.classes) { #expect(abs(x.distribution - y.distribution) < 1e-4) }
        #expect(abs(a.general.currentResolution - b.general.currentResolution) < 1e-3)
        for k in 1...2 {
            let name = "run_it002_class00\(k).mrc"
            let u = try MRCFile.open(path: src + name).readAll(), v = try MRCFile.open(path: dst + name).readAll()
            let scale = u.map { abs($0) }.max() ?? 1
            let diff = zip(u, v).map { abs($0 - $1) }.max() ?? 0
            // Measured ≈ 1e-7: only the STAR files' decimal rounding of σ² and poses differs.
            #expect(Double(diff / scale) < 1e-5, "class \(k): max |Δ| / max = \(diff / scale)")
        }
        let da = try RefineData.read(path: src + "run_it002_data.star"), db = try RefineData.read(path: dst + "run_it002_data.star")
        #expect(da.particles.map(\.classNumber) == db.particles.map(\.classNumber))
    }

    @Test(.requiresInteropPython) func starfileReadsEveryFile() async throws {
        let dir = try await Class3DFixture.full.value
        let script = """
        import sys, starfile
        d = sys.argv[1]
        for s in ["data", "model", "optimiser", "sampling", "optimisation_set"]:
            starfile.read(f"{d}/run_it002_{s}.star")
        m = starfile.read(f"{d}/run_it002_model.star")
        print(len(m["model_classes"]))
        """
        let out = try InteropPython.run(script, arguments: [dir + "/Class3D/job004"])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }
}
