import Foundation
import FuzzDriver
import Glibc
import NNRuns
import NNStudies

/// The largest run a fuzzed checkpoint may ask for: the command line refuses larger ones
/// (`RunBudget`) before building them, and so does this target.
let memoryBound = 256e6

/// One libFuzzer input as the contents of a `--resume` file, taken the way `nndash train
/// --resume` takes it: decoded, its settings read, its size bounded, then the run rebuilt from
/// it and stepped a few times. Nothing may trap; a checkpoint either is refused with a
/// `TrainingError` or resumes at the position it claims.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    guard let checkpoint = try? TrainingCheckpoint.decode(bytes),
          let configuration = try? checkpoint.configuration,
          let dataset = try? configuration.data.load(seed: configuration.seed),
          Training.estimatedBytes(configuration, dataset: dataset) <= memoryBound,
          Training.estimatedPoints(configuration, dataset: dataset) <= 1e6 else { return 0 }
    do {
        var run = try Training(configuration, dataset: dataset, resumingFrom: checkpoint)
        if run.iteration != checkpoint.iteration || run.epoch != checkpoint.epoch {
            fatalError("resumed at iteration \(run.iteration) of epoch \(run.epoch), the checkpoint says \(checkpoint.iteration) of \(checkpoint.epoch)")
        }
        for _ in 0..<3 { _ = try run.step() }
    } catch is TrainingError {
    } catch {
        // Errors of the engine (a NaN loss in a strict loss) are allowed; traps are not.
    }
    return 0
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
