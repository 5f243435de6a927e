import ArgumentParser
import Foundation
import NNParity
import NNRuns

/// `nndash parity FILE...`: checks the engine against PyTorch reference files.
struct Parity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the tensor engine against PyTorch reference files.",
        discussion: """
            Prints one line per failing case (id, then each wrong value with expected, actual and largest error, or why it could not run), \
            then "N passed, M failed". Exit status: 0 all passed, 1 some failed, 2 a file could \
            not be read.
            """)

    @Argument(help: "Reference files (JSON with \"meta\" and \"cases\").", completion: .file(extensions: ["json"]))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one reference file") }
    }

    func run() throws {
        var documents: [JSONValue] = []
        for file in files {
            do {
                documents.append(try ParityRunner.load(path: file))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let runner = ParityRunner()
        var passed = 0, failed = 0
        for document in documents {
            for outcome in runner.run(document) {
                if let line = outcome.failureLine {
                    failed += 1
                    Output.print(line)
                } else {
                    passed += 1
                }
            }
        }
        Output.print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
