import Foundation
@testable import nndash
import Testing

/// `--plain` draws at the size it is given: `--columns`/`--lines`, else `COLUMNS`/`LINES`.
@Suite struct PlainSizeTests {
    @Test func optionsThenEnvironmentThenDefault() {
        #expect(PlainSize.resolve(width: nil, height: nil, environment: [:]) == PlainSize.standard)
        #expect(PlainSize.resolve(width: nil, height: nil, environment: ["COLUMNS": "80", "LINES": "30"]) == PlainSize(width: 80, height: 30))
        #expect(PlainSize.resolve(width: 120, height: 40, environment: ["COLUMNS": "80", "LINES": "30"]) == PlainSize(width: 120, height: 40))
        // A value the environment cannot mean is ignored.
        #expect(PlainSize.resolve(width: nil, height: nil, environment: ["COLUMNS": "-3", "LINES": "abc"]) == PlainSize.standard)
    }

    /// Each chart of `sweep --plain` spans the columns and rows it was given: its x axis row
    /// reaches the last columns, and no line is wider.
    @Test func sweepDrawsAtTheGivenSize() throws {
        for (arguments, environment, width, height) in [
            (["--columns", "60", "--lines", "15"], [String: String](), 60, 15),
            ([], ["COLUMNS": "70", "LINES": "20"], 70, 20),
        ] {
            let run = try Binary.run(["sweep", "--plain", "--no-record", "--num", "3", "--iterations", "20"] + arguments,
                                     environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            // The chart is the block after the title line and its blank line, up to the next blank line.
            let chart = lines.dropFirst(2).prefix { !$0.isEmpty }
            #expect(chart.count == height, "\(arguments) \(environment): \(chart.count) rows")
            #expect(chart.allSatisfy { $0.count <= width } && chart.contains { $0.count >= width - 2 },
                    "\(arguments) \(environment): widest \(chart.map(\.count).max() ?? 0)")
        }
    }
}
