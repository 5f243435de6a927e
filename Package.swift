// swift-tools-version: 6.2
import PackageDescription

/// Warnings are bugs: every target of nndash builds with warnings as errors.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

/// nndash builds on Linux only: the terminal code calls Glibc, files are followed with inotify
/// and `st_mtim`, written through `O_TMPFILE`, and the system libraries come from apt.
let package = Package(
    name: "nndash",
    products: [
        .executable(name: "nndash", targets: ["nndash"]),
        .library(name: "NNEngine", targets: ["NNEngine"]),
        .library(name: "NNCharts", targets: ["NNCharts"]),
        // For the fuzz targets in fuzz/Package.swift.
        .library(name: "NNRuns", targets: ["NNRuns"]),
        .library(name: "NNStudies", targets: ["NNStudies"]),
        .library(name: "NNParity", targets: ["NNParity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries: ncurses (wide characters) and OpenBLAS.
        // No pkg-config for ncursesw: its -D flags are ones SwiftPM refuses with a warning, and
        // shim.h defines the wide-character API itself.
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // libpng and libjpeg-turbo, for image folders.
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev", "zlib1g-dev"])]),
        .systemLibrary(
            name: "CJPEG", pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"])]),
        // PNG and JPEG through those libraries, their longjmp errors caught in C.
        .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"],
                linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("z")]),

        // The C parts: kernels compiled per instruction set (tanh, ReLU, SGD's step, im2col and
        // col2im), max pooling, PyTorch's cascade sum, the Mersenne Twister and Box-Muller,
        // OpenBLAS set up before main, thread-local state, CRC-32C in hardware.
        .target(name: "CKernels"),
        // Tensors, autograd, nn modules, initializers, losses, optimizers, schedulers.
        .target(name: "NNEngine", dependencies: ["CBLAS", "CKernels", "NNText"], swiftSettings: strict),
        // Text that is safe to show, numbers as nndash writes them, and the one writer of
        // standard output, standard error and exported files.
        .target(name: "NNText", swiftSettings: strict),
        // Pure character graphics: cells, buffers, canvases, charts, and the key presses that drive them.
        .target(name: "NNCharts", dependencies: ["NNText"], swiftSettings: strict),
        // The only code that talks to ncurses.
        .target(name: "NNTerminal", dependencies: ["CNCursesW", "NNCharts"], swiftSettings: strict),
        // Metric series, run folders, and readers of other programs' training logs.
        .target(name: "NNRuns", dependencies: ["NNText", "CKernels"], swiftSettings: strict),
        // The seed studies, their datasets (generated, IDX, image folders, downloaded) and the runner that drives them off the main queue.
        .target(name: "NNStudies", dependencies: ["NNEngine", "NNRuns", "NNText", "CImageCodecs"], swiftSettings: strict),
        // Checks the engine against reference values computed by PyTorch.
        .target(name: "NNParity", dependencies: ["NNEngine", "NNRuns", "NNStudies"], swiftSettings: strict),
        // What `nndash bench` times, in one place: the studies' own code, a frame of the charts and
        // the log readers, each driven through its target's public API.
        .target(name: "NNBenchmarks", dependencies: ["NNEngine", "NNCharts", "NNRuns", "NNStudies"], swiftSettings: strict),
        .executableTarget(
            name: "nndash",
            dependencies: [
                "NNEngine", "NNCharts", "NNTerminal", "NNText", "NNRuns", "NNStudies", "NNParity", "NNBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // What several test targets share: a seeded random generator that prints its seed.
        .target(name: "NNTestSupport", dependencies: ["NNStudies"], path: "Tests/NNTestSupport", swiftSettings: strict),
        // For tests: reads back what a chart drew (braille dots, label numbers) and where
        // values belong, independently of the charts' own arithmetic.
        .target(name: "ChartReading", dependencies: ["NNCharts"], path: "Tests/ChartReading", swiftSettings: strict),

        .testTarget(name: "NNEngineTests", dependencies: ["NNEngine"], swiftSettings: strict),
        .testTarget(name: "NNChartsTests", dependencies: ["NNCharts", "NNText", "ChartReading", "NNTestSupport"], swiftSettings: strict),
        .testTarget(name: "NNTerminalTests", dependencies: ["NNTerminal", "NNCharts"], swiftSettings: strict),
        .testTarget(name: "NNTextTests", dependencies: ["NNText"], swiftSettings: strict),
        .testTarget(name: "NNRunsTests", dependencies: ["NNRuns", "NNTestSupport", "CKernels"], swiftSettings: strict),
        .testTarget(name: "NNStudiesTests", dependencies: ["NNStudies", "NNEngine", "NNRuns", "NNText", "NNBenchmarks", "NNTestSupport"], swiftSettings: strict),
        .testTarget(name: "NNBenchmarksTests", dependencies: ["NNBenchmarks", "NNRuns", "NNCharts"], swiftSettings: strict),
        .testTarget(name: "NNParityTests", dependencies: ["NNParity", "NNEngine", "NNRuns", "NNStudies"], swiftSettings: strict),
        .testTarget(name: "NndashTests", dependencies: ["nndash", "NNText", "NNTestSupport", "ChartReading"], swiftSettings: strict),
    ]
)
