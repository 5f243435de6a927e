import Foundation
import NNRuns
import Testing

@Suite struct CommandLineTests {
    /// Bad input: one line on stderr naming the option and the value, exit status 2.
    @Test(arguments: [
        (["sweep", "--lr-min", "abc"], ["--lr-min", "abc"]),
        (["sweep", "--lr-max", "nan"], ["--lr-max", "nan"]),
        (["sweep", "--lr-max", "inf"], ["--lr-max", "inf"]),
        (["sweep", "--lr-min=-0.1"], ["--lr-min", "-0.1"]),
        (["sweep", "--lr-min", "0.5", "--lr-max", "0.1"], ["--lr-min", "0.5"]),
        (["sweep", "--num", "0"], ["--num", "0"]),
        (["sweep", "--num", "2.5"], ["--num", "2.5"]),
        (["sweep", "--iterations", "0"], ["--iterations", "0"]),
        (["sweep", "--iterations=-3"], ["--iterations", "-3"]),
        (["sweep", "--iterations", ""], ["--iterations"]),
        (["sweep", "--x0", "1e999"], ["--x0"]),
        (["sweep", "--delay-ms=-1"], ["--delay-ms", "-1"]),
        (["sweep", "--bogus"], ["--bogus"]),
    ])
    func badOptionsAreOneLineErrorsWithStatus2(arguments: [String], mentions: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        for word in mentions { #expect(result.stderr.contains(word), "stderr: \(result.stderr)") }
    }

    @Test func sweepJSONHasOneSeriesPerLearningRate() throws {
        let result = try Binary.run(["sweep", "--json", "--no-record", "--num", "3", "--iterations", "5", "--lr-min", "0.05", "--lr-max", "0.15"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["study"] == "sweep")
        let series = try #require(json["series"]?.arrayValue)
        #expect(series.map { $0["label"]?.stringValue } == ["lr=0.05", "lr=0.1", "lr=0.15"])
        #expect(series.allSatisfy { $0["x"]?.doubleArray == [0, 1, 2, 3, 4] })
        // (2x)^2 at x0 = 2, before any update.
        #expect(series.allSatisfy { $0["y"]?.doubleArray?.first == 16 })
        // lr = 0.1: x shrinks by |1 - 0.8| = 0.2 a step, the loss by 0.04.
        let y = try #require(series[1]["y"]?.doubleArray)
        #expect(abs(y[1] - 16 * 0.04) < 1e-5)
    }

    @Test func plainOutputWhenStdoutIsNotATerminal() throws {
        let result = try Binary.run(["sweep", "--no-record", "--iterations", "20"], environment: ["LANG": "C.UTF-8"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("lr=0.01"))
        #expect(result.stdout.contains("Fastest: lr="))
        // The chart is drawn in braille.
        #expect(result.stdout.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    @Test func helpExitsZero() throws {
        let result = try Binary.run(["sweep", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--lr-min"))
    }

    @Test func helpOnACommandListsItsOptions() throws {
        let result = try Binary.run(["help", "sweep"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--lr-min"))
    }

    @Test func helpOnAnUnknownCommandIsAnError() throws {
        let result = try Binary.run(["help", "nosuchcommand\u{1B}[2J"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no command named 'nosuchcommand"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
