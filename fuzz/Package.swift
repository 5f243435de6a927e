// swift-tools-version: 6.2
import PackageDescription

/// libFuzzer targets for nndash's readers of untrusted input, one executable per parser.
///
/// Build only with the fuzzer runtime, which supplies the driver (see `scripts/fuzz`):
///     swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
/// Each target has a `main.swift` that hands its test function to `LLVMFuzzerRunDriver`: SwiftPM
/// links an executable's `main` under another name, so libFuzzer's own `main` cannot be used.
/// Kept out of the root package so that its `swift build` and `swift test` never see them.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let fuzzers = ["FuzzTensorBoard", "FuzzCSV", "FuzzJSONLines", "FuzzRunFolder", "FuzzJSONValue", "FuzzParity"]
/// Fuzzers of readers that live above NNRuns.
let studyFuzzers = ["FuzzCheckpoint", "FuzzIDX", "FuzzImage"]

let package = Package(
    name: "nndash-fuzz",
    dependencies: [.package(name: "nndash", path: "..")],
    targets: [
        // Hands each fuzzer's test function to libFuzzer's driver.
        .target(name: "FuzzDriver"),
    ] + fuzzers.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver", .product(name: "NNRuns", package: "nndash")]
                + (name == "FuzzParity" ? [.product(name: "NNParity", package: "nndash")] : []),
            swiftSettings: strict)
    } + studyFuzzers.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver", .product(name: "NNRuns", package: "nndash"), .product(name: "NNStudies", package: "nndash"),
                           .product(name: "NNEngine", package: "nndash")],
            swiftSettings: strict)
    }
)
