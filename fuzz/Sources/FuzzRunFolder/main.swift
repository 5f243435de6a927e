import FuzzDriver
import Glibc
import NNRuns

/// One libFuzzer input as a run folder's `metrics.jsonl`: nothing may trap, and every curve has
/// as many x values as y values.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let folder = RunFolder.parse(Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)))
    for series in folder.report.series where series.x.count != series.y.count {
        fatalError("series \(series.label) has \(series.x.count) x values and \(series.y.count) y values")
    }
    return 0
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
