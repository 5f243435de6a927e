import FuzzDriver
import Glibc
import NNRuns

/// One libFuzzer input as a JSON document: nothing may trap, and what parses must parse again,
/// to the same text, once written out.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let value = try? JSONValue(parsing: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)) else { return 0 }
    let text = value.jsonText
    guard let again = try? JSONValue(parsing: text) else { fatalError("written JSON does not parse: \(text)") }
    if again.jsonText != text { fatalError("JSON changes when written twice: \(text)") }
    return 0
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
