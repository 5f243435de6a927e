import ArgumentParser
import Foundation
import NNBenchmarks
import NNEngine
import NNRuns
import NNStudies

/// `nndash bench`: times the engine's and the charts' workloads on one thread.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the engine's and the charts' workloads (one thread unless --threads), median of several runs.",
        discussion: """
            Each workload runs once to warm up, then --repetitions timed runs; it reports the \
            median CPU seconds of the thread. BLAS runs on one thread; with --threads N it runs \
            its products on N threads and the runs are timed by the wall clock. Workloads: \
            \(Bench.workloads.map { $0.name }.joined(separator: ", ")). Build with \
            `swift build -c release` for meaningful figures.
            """)

    /// Every workload, in the order they run.
    static var workloads: [any Workload.Type] {
        engineWorkloads + chartWorkloads + [StudyFrameWorkload.self] + logWorkloads
    }

    @Flag(help: "Print one JSON document: {\"workloads\": {NAME: {\"median_s\", \"runs\", \"result\"}}, \"blas_core\": NAME, \"threads\": N, \"clock\": \"thread-cpu\" or \"wall\"}.")
    var json = false

    @Option(help: "Timed runs of each workload (after one warm-up run).")
    var repetitions = 7

    @Option(help: ArgumentHelp(
        "Threads of OpenBLAS's products (timed by the wall clock when more than one).", valueName: "n"))
    var threads = 1

    @Option(name: .customLong("workload"), help: ArgumentHelp(
        "Run only this workload (repeatable).", valueName: "name"))
    var selected: [WorkloadName] = []

    func validate() throws {
        try requireRange(repetitions, "--repetitions", 1...1_000)
        try requireRange(threads, "--threads", 1...256)
    }

    func run() throws {
        #if DEBUG
        Output.printError(
            "nndash bench: WARNING: this is a debug build; its timings mean nothing (build with -c release)")
        #endif
        if threads > 1 { BLAS.useThreads(threads) }
        let clock: BenchmarkClock = threads > 1 ? .wall : .threadCPU
        if !json {
            Output.print("OpenBLAS kernels: \(BLAS.coreName), \(BLAS.threads) thread\(BLAS.threads == 1 ? "" : "s"), "
                         + (clock == .wall ? "wall-clock seconds" : "CPU seconds of the thread"))
        }
        let chosen = Bench.workloads.filter { selected.isEmpty || selected.contains(WorkloadName(name: $0.name)) }
        var results: [BenchmarkResult] = []
        for type in chosen {
            do {
                var workload = try type.init()
                results.append(try BenchmarkResult.measure(&workload, repetitions: repetitions, clock: clock))
            } catch {
                throw RuntimeFailure("bench: workload \(type.name) failed: \(error)")
            }
            if !json { Output.print(Bench.line(results[results.count - 1])) }
        }
        if json { Output.print(Bench.document(results, clock: clock).jsonText) }
    }

    /// One line of the text report: name, median, runs and the result figure.
    static func line(_ result: BenchmarkResult) -> String {
        let name = result.name.padding(toLength: 18, withPad: " ", startingAt: 0)
        let median = String(format: "%12.6f s", result.medianSeconds)
        return "\(name)\(median)  median of \(result.seconds.count)  result \(String(format: "%.6g", result.result))"
    }

    /// The `--json` document.
    static func document(_ results: [BenchmarkResult], clock: BenchmarkClock = .threadCPU) -> JSONValue {
        .object([
            ("workloads", .object(results.map { result in
                (result.name, .object([
                    ("median_s", .number(result.medianSeconds)),
                    ("runs", .int(result.seconds.count)),
                    ("result", .number(result.result)),
                ]))
            })),
            ("blas_core", .string(BLAS.coreName)),
            ("threads", .int(BLAS.threads)),
            ("clock", .string(clock.rawValue)),
        ])
    }
}

/// `--workload`'s value: the name of one of `Bench.workloads`.
struct WorkloadName: ExpressibleByArgument, Hashable {
    var name: String

    init(name: String) { self.name = name }

    init?(argument: String) {
        guard Bench.workloads.contains(where: { $0.name == argument }) else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { Bench.workloads.map { $0.name } }
}
