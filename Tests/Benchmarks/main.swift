// Release-build benchmarks; figures in docs/benchmarks.md. Usage: Benchmarks [rows]
try runSTARBenchmark(rows: Int(CommandLine.arguments.dropFirst().first ?? "1000000")!)
