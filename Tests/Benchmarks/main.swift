// Release-build benchmarks; each prints its figures. Usage:
//   swift run -c release Benchmarks [star [ROWS] | fft | slice | events | backbone | stages | refine [N] | class3d [N] | all]
// Figures and how they were taken: docs/benchmarks.md.
let args = Array(CommandLine.arguments.dropFirst())
let which = args.first ?? "all"
switch which {
case "star": try runSTARBenchmark(rows: Int(args.dropFirst().first ?? "1000000")!)
case "fft": runFFTBenchmark()
case "slice": runSliceBenchmark()
case "events": runEventBenchmark()
case "backbone": runBackboneBenchmark()
case "stages": runStagesBenchmark()
case "refine": try await runRefineBenchmark(particles: Int(args.dropFirst().first ?? "1000")!)
case "class3d": await runClass3DBenchmark(particles: Int(args.dropFirst().first ?? "1000")!)
case "all":
    try runSTARBenchmark(rows: 1_000_000)
    runFFTBenchmark()
    runSliceBenchmark()
    runEventBenchmark()
    runBackboneBenchmark()
    runStagesBenchmark()
    try await runRefineBenchmark()
default: print("usage: Benchmarks [star [ROWS] | fft | slice | events | backbone | stages | refine [N] | class3d [N] | all]")
}
