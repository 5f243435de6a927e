import FuzzDriver
import Glibc
import NNRuns

/// One libFuzzer input as a run folder: `run.json`, a NUL byte, then `metrics.jsonl` (an input
/// without a NUL byte is all `metrics.jsonl`, under a minimal `run.json`). Nothing may trap,
/// every curve has as many x values as y values, and the report reads back as JSON.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    var runJSON = Array("{\"study\": \"sweep\", \"params\": {}}".utf8), metrics = bytes
    if let nul = bytes.firstIndex(of: 0) {
        runJSON = Array(bytes[..<nul])
        metrics = Array(bytes[(nul + 1)...])
    }
    guard let folder = try? RunFolder.parse(runJSON: runJSON, metrics: metrics) else { return 0 }
    for series in folder.report.series where series.x.count != series.y.count {
        fatalError("series \(series.label) has \(series.x.count) x values and \(series.y.count) y values")
    }
    let text = folder.report.json.jsonText
    if (try? JSONValue(parsing: text)) == nil { fatalError("the report's JSON does not parse: \(text)") }
    return 0
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
