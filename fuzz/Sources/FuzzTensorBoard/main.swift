import FuzzDriver
import Glibc
import NNRuns

/// One libFuzzer input as a TensorBoard event file: read at once and in pieces (the first byte picks their size), the
/// two readings must agree, and nothing may trap.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let whole = LogRun.parse(bytes, format: .tensorboard)
    let chunkSize = 1 + Int(bytes.first ?? 0) * 17
    let pieces = LogRun.parse(bytes, format: .tensorboard, chunkSize: chunkSize)
    if pieces.scalars != whole.scalars || pieces.warnings != whole.warnings {
        fatalError("reading in pieces of \(chunkSize) bytes differs from reading at once")
    }
    return 0
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
