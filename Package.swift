// swift-tools-version: 6.2
// Layers point one way: math ← formats ← wire ← transport ← services.
// `Tests/LayeringTests` fails if a lower layer imports a higher one.
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
/// The numerical targets are optimised in debug builds too: `make test` runs accuracy tests on
/// simulated data, which take minutes unoptimised (results are the same; -O keeps IEEE semantics).
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "sta",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sta", targets: ["STA"]),
        .executable(name: "catalog", targets: ["Catalog"]),
        .executable(name: "extractor", targets: ["Extractor"]),
        .executable(name: "monitor", targets: ["Monitor"]),
        .executable(name: "reconstructor", targets: ["Reconstructor"]),
        .executable(name: "classifier", targets: ["Classifier"]),
        .executable(name: "aligner", targets: ["Aligner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // Native libraries (Debian: libfftw3-dev, libzstd-dev, libzmq3-dev), each wrapped once.
        .systemLibrary(name: "CFFTW", path: "Shared/CFFTW", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
        .systemLibrary(name: "CZstd", path: "Shared/CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .systemLibrary(name: "CZeroMQ", path: "Shared/CZeroMQ", pkgConfig: "libzmq",
                       providers: [.apt(["libzmq3-dev"]), .brew(["zeromq"])]),
        .systemLibrary(name: "CPNG", path: "Shared/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),

        // math (pure: no file I/O, sockets or clocks)
        .target(name: "TomoCore", path: "Shared/TomoCore", swiftSettings: optimisedInDebug),
        .target(name: "TomoFFT", dependencies: ["TomoCore", "CFFTW"], path: "Shared/TomoFFT", swiftSettings: optimisedInDebug),
        .target(name: "TomoKernels", dependencies: ["TomoCore", "TomoFFT"], path: "Shared/TomoKernels", swiftSettings: optimisedInDebug),
        .target(name: "TomoAlgorithms", dependencies: ["TomoCore", "TomoFFT", "TomoKernels"], path: "Shared/TomoAlgorithms", swiftSettings: optimisedInDebug),
        .target(name: "TomoRefine", dependencies: ["TomoCore", "TomoFFT", "TomoKernels"], path: "Shared/TomoRefine", swiftSettings: optimisedInDebug),

        // formats
        .target(name: "TomoFiles", path: "Shared/TomoFiles"),   // atomic writes every format uses
        .target(name: "TomoSTAR", dependencies: ["TomoCore", "TomoFiles"], path: "Shared/TomoSTAR"),
        .target(name: "TomoMRC", dependencies: ["TomoCore", "TomoFiles"], path: "Shared/TomoMRC"),
        .target(name: "TomoRelion", dependencies: ["TomoCore", "TomoSTAR", "TomoMRC"], path: "Shared/TomoRelion"),
        .target(name: "TomoRefineFiles", dependencies: ["TomoCore", "TomoFiles", "TomoSTAR", "TomoMRC", "TomoRelion"],
                path: "Shared/TomoRefineFiles"),
        .target(name: "TomoProject", dependencies: ["TomoCore", "TomoFiles", "TomoSTAR", "TomoRelion", .product(name: "GRDB", package: "GRDB.swift")],
                path: "Shared/TomoProject"),
        .target(name: "TomoJobs", dependencies: ["TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoSTAR", "TomoMRC", "TomoRelion"], path: "Shared/TomoJobs"),

        .target(name: "TomoSimulation",
                dependencies: ["TomoCore", "TomoFFT", "TomoKernels", "TomoSTAR", "TomoMRC", "TomoRelion"],
                path: "Shared/TomoSimulation", swiftSettings: optimisedInDebug),
        .target(name: "TomoPlots", dependencies: ["TomoCore", "TomoFiles", "CPNG"], path: "Shared/TomoPlots"),
        .target(name: "TomoClass3D",
                dependencies: ["TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoRefine", "TomoRefineFiles",
                               "TomoJobs", "TomoSTAR", "TomoMRC", "TomoRelion", "TomoPlots"],
                path: "Shared/TomoClass3D"),

        // wire (bytes only) and transport (sockets)
        .target(name: "TomoWire", dependencies: ["TomoCore", "TomoSTAR", "CZstd"], path: "Shared/TomoWire"),
        .target(name: "TomoTransport", dependencies: ["TomoCore", "TomoWire", "CZeroMQ"], path: "Shared/TomoTransport"),

        // services layer: CLI options, configuration, logging, signals; the catalog's logic
        .target(name: "TomoService", dependencies: ["TomoTransport", "TomoWire", argumentParser, logging],
                path: "Shared/TomoService"),
        .target(name: "TomoCatalog",
                dependencies: ["TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoSTAR", "TomoMRC", "TomoRelion",
                               "TomoProject", "TomoJobs", "TomoWire", "TomoTransport", grdb, logging],
                path: "Shared/TomoCatalog"),
        // services layer: monitor logic (event bus CLI views) and the embedded local cluster
        .target(name: "TomoMonitor", dependencies: ["TomoCore", "TomoPlots", "TomoWire", "TomoTransport"], path: "Shared/TomoMonitor"),
        .target(name: "TomoCluster", dependencies: ["TomoWire", "TomoTransport"], path: "Shared/TomoCluster"),

        // services layer: the distributed Class3D (classifier coordinator + aligner E-step)
        .target(name: "TomoClassifier",
                dependencies: ["TomoCore", "TomoRefine", "TomoClass3D", "TomoWire", "TomoTransport", "TomoCluster"],
                path: "Shared/TomoClassifier"),

        // test kit: real-data and interop helpers; imported by tests only, never by a service
        .target(name: "TomoTesting", path: "Shared/TomoTesting"),
        .target(name: "TomoJobsTesting", dependencies: ["TomoJobs", "TomoSimulation"], path: "Shared/TomoJobsTesting"),

        // services: the one user-facing command
        .executableTarget(name: "STA",
                          dependencies: ["TomoCore", "TomoSTAR", "TomoMRC", "TomoRelion", "TomoSimulation",
                                         "TomoAlgorithms", "TomoJobs", "TomoCluster", "TomoRefineFiles", "TomoTransport",
                                         "TomoClass3D", "TomoRefine", "TomoProject", "TomoClassifier", argumentParser],
                          path: "Services/STA"),
        .executableTarget(name: "Catalog",
                          dependencies: ["TomoService", "TomoCatalog", "TomoTransport", "TomoProject", argumentParser, logging],
                          path: "Services/Catalog"),
        .executableTarget(name: "Extractor",
                          dependencies: ["TomoService", "TomoCatalog", "TomoTransport", argumentParser, logging],
                          path: "Services/Extractor"),
        .executableTarget(name: "Reconstructor",
                          dependencies: ["TomoService", "TomoCatalog", "TomoTransport", argumentParser, logging],
                          path: "Services/Reconstructor"),
        .executableTarget(name: "Classifier",
                          dependencies: ["TomoService", "TomoClassifier", "TomoTransport", argumentParser, logging],
                          path: "Services/Classifier"),
        .executableTarget(name: "Aligner",
                          dependencies: ["TomoService", "TomoClassifier", "TomoTransport", argumentParser, logging],
                          path: "Services/Aligner"),
        .executableTarget(name: "Monitor", dependencies: ["TomoMonitor", "TomoService", "TomoTransport", "TomoWire", argumentParser],
                          path: "Services/Monitor"),

        // tests, one target per library
        .testTarget(name: "TomoCoreTests", dependencies: ["TomoTesting", "TomoCore"], path: "Tests/TomoCoreTests"),
        .testTarget(name: "TomoFFTTests", dependencies: ["TomoTesting", "TomoFFT"], path: "Tests/TomoFFTTests"),
        .testTarget(name: "TomoKernelsTests", dependencies: ["TomoTesting", "TomoKernels", "TomoFFT"], path: "Tests/TomoKernelsTests"),
        .testTarget(name: "TomoSTARTests", dependencies: ["TomoTesting", "TomoSTAR"], path: "Tests/TomoSTARTests"),
        .testTarget(name: "TomoMRCTests", dependencies: ["TomoTesting", "TomoMRC", "TomoFiles"], path: "Tests/TomoMRCTests"),
        .testTarget(name: "TomoRelionTests", dependencies: ["TomoTesting", "TomoRelion"], path: "Tests/TomoRelionTests"),
        .testTarget(name: "TomoRefineFilesTests", dependencies: ["TomoTesting", "TomoRefineFiles"],
                    path: "Tests/TomoRefineFilesTests"),
        .testTarget(name: "TomoSimulationTests", dependencies: ["TomoTesting", "TomoSimulation"],
                    path: "Tests/TomoSimulationTests"),
        .testTarget(name: "TomoProjectTests", dependencies: ["TomoTesting", "TomoProject"], path: "Tests/TomoProjectTests"),
        .testTarget(name: "TomoAlgorithmsTests", dependencies: ["TomoTesting", "TomoAlgorithms", "TomoSimulation"],
                    path: "Tests/TomoAlgorithmsTests"),
        .testTarget(name: "TomoJobsTests", dependencies: ["TomoTesting", "TomoJobs", "TomoSimulation", "TomoSTAR", "TomoMRC", "TomoRelion"],
                    path: "Tests/TomoJobsTests"),
        .testTarget(name: "TomoWireTests", dependencies: ["TomoTesting", "TomoWire"], path: "Tests/TomoWireTests"),
        .testTarget(name: "TomoTransportTests", dependencies: ["TomoTesting", "TomoTransport"], path: "Tests/TomoTransportTests"),
        .testTarget(name: "TomoCatalogTests",
                    dependencies: ["TomoTesting", "TomoCatalog", "TomoProject", "TomoMRC", "TomoSTAR", "TomoWire", "TomoTransport",
                                   "TomoCore", "TomoFFT", "TomoKernels", "TomoAlgorithms", "TomoJobs", "TomoRelion",
                                   "TomoSimulation"],
                    path: "Tests/TomoCatalogTests"),
        .testTarget(name: "TomoPlotsTests", dependencies: ["TomoTesting", "TomoPlots", "TomoCore"], path: "Tests/TomoPlotsTests"),
        .testTarget(name: "TomoMonitorTests",
                    dependencies: ["TomoTesting", "TomoMonitor", "TomoCluster", "TomoTransport", "TomoWire", "TomoClass3D", "TomoCore"],
                    path: "Tests/TomoMonitorTests"),
        .testTarget(name: "TomoRefineTests", dependencies: ["TomoTesting", "TomoRefine", "TomoSimulation"],
                    path: "Tests/TomoRefineTests"),
        .testTarget(name: "TomoClass3DTests",
                    dependencies: ["TomoTesting", "TomoJobsTesting", "TomoClass3D", "TomoRefine", "TomoRefineFiles", "TomoJobs", "TomoSimulation",
                                   "TomoRelion", "TomoSTAR", "TomoMRC", "TomoCore", "TomoTransport"],
                    path: "Tests/TomoClass3DTests"),
        .testTarget(name: "TomoClassifierProcessTests",
                    dependencies: ["TomoTesting", "TomoJobsTesting", "TomoClassifier", "TomoClass3D", "TomoJobs", "TomoSimulation",
                                   "TomoTransport", "TomoCore"],
                    path: "Tests/TomoClassifierProcessTests"),
        .testTarget(name: "TomoClassifierTests",
                    dependencies: ["TomoTesting", "TomoJobsTesting", "TomoClassifier", "TomoClass3D", "TomoRefine", "TomoSimulation", "TomoJobs",
                                   "TomoTransport", "TomoWire", "TomoCore"],
                    path: "Tests/TomoClassifierTests"),
        .testTarget(name: "LayeringTests", dependencies: ["TomoTesting"], path: "Tests/LayeringTests"),

        // test-only: CURVE coordinator/worker for scripts/netns-test.sh (until the real services land)
        .executableTarget(name: "NetnsProbe", dependencies: ["TomoTransport"], path: "Tests/NetnsProbe"),

        // release-build benchmarks; figures in docs/benchmarks.md
        .executableTarget(name: "Benchmarks", dependencies: ["TomoSTAR", "TomoMRC", "TomoFFT", "TomoKernels",
                                                             "TomoWire", "TomoTransport", "TomoRefine", "TomoSimulation",
                                                             "TomoAlgorithms"],
                          path: "Tests/Benchmarks",
                          exclude: ["fftw_reference.c"],
                          swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
    ]
)
