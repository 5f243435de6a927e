import FuzzDriver
import Glibc
import NNParity
import NNRuns

/// One libFuzzer input as a parity reference file: every case runs through the engine, and
/// nothing may trap (an overflow, a failed precondition, a huge allocation); every case has an
/// outcome, and a failed case a report line.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    guard let document = try? JSONValue(parsing: bytes), let cases = document["cases"]?.arrayValue else { return 0 }
    let outcomes = ParityRunner().run(document)
    if outcomes.count != cases.count { fatalError("\(cases.count) cases but \(outcomes.count) outcomes") }
    for outcome in outcomes where !outcome.passed && outcome.failureLine == nil {
        fatalError("case \(outcome.id) failed without a report line")
    }
    return 0
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
