import NNRuns
import Testing

/// CSV and JSON-lines details: separators, quoting, x columns, restarts.
@Suite struct TextLogTests {
    @Test(arguments: [";", "\t", "|", ","])
    func theSeparatorIsDetected(separator: String) {
        let text = ["epoch", "loss", "val loss"].joined(separator: separator) + "\n"
            + ["0", "1.5", "2.5"].joined(separator: separator) + "\n"
            + ["1", "1.25", ""].joined(separator: separator) + "\n"
        let run = LogRun.parse(Array(text.utf8), format: .csv)
        #expect(run.separator.map(String.init) == separator)
        #expect(run.scalar("loss")?.y == [1.5, 1.25])
        #expect(run.scalar("val loss")?.steps == [0])
    }

    @Test func quotedFieldsMayHoldSeparatorsQuotesAndNewlines() {
        let text = "step,\"a,b\",\"say \"\"hi\"\"\",note\n1,\"0.5\",2,\"multi\nline, text\"\n2,0.75,3,x\n"
        let run = LogRun.parse(Array(text.utf8), format: .csv)
        #expect(run.scalars.map(\.label) == ["a,b", "say \"hi\""])
        #expect(run.scalar("a,b")?.y == [0.5, 0.75])
        #expect(run.scalar("say \"hi\"")?.steps == [1, 2])
    }

    @Test func stepIsPreferredToIterationAndEpoch() {
        let text = "Epoch,iteration,Step,lr\n0,10,100,0.1\n0,20,200,0.2\n"
        let run = LogRun.parse(Array(text.utf8), format: .csv)
        #expect(run.scalars.map(\.label) == ["lr"])
        #expect(run.scalar("lr")?.steps == [100, 200])
    }

    @Test func jsonLinesUseTheLineNumberWithoutAStep() {
        let text = "{\"loss\": 3}\n\n{\"loss\": 2, \"name\": \"x\", \"ok\": true, \"nested\": {\"a\": 1}}\n{\"loss\": NaN}\n"
        let run = LogRun.parse(Array(text.utf8), format: .jsonl)
        #expect(run.scalars.map(\.label) == ["loss"])
        #expect(run.scalar("loss")?.steps == [0, 2, 3])
        #expect(run.scalar("loss").map { Array($0.y.prefix(2)) } == [3, 2])
        #expect(run.scalar("loss")?.y.last?.isNaN == true)
    }

    @Test func aRestartedRunDropsThePointsFromTheRepeatedStepOn() {
        var text = ""
        for step in 0..<10 { text += "{\"step\": \(step), \"loss\": \(Double(step))}\n" }
        for step in 5..<7 { text += "{\"step\": \(step), \"loss\": \(Double(step) * 10)}\n" }
        let run = LogRun.parse(Array(text.utf8), format: .jsonl)
        #expect(run.scalar("loss")?.steps == [0, 1, 2, 3, 4, 5, 6])
        #expect(run.scalar("loss")?.y == [0, 1, 2, 3, 4, 50, 60])
        #expect(run.warnings.first?.hasPrefix("5 points replaced") == true)
    }

    @Test func aRepeatedKeyKeepsItsLastValueAsPythonDoes() {
        let run = LogRun.parse(Array("{\"step\": 1, \"a\": 1, \"a\": 2}\n".utf8), format: .jsonl)
        #expect(run.scalar("a")?.y == [2])
        #expect(run.warnings.isEmpty)
    }

    @Test func escapedKeysAreDecoded() {
        let run = LogRun.parse(Array("{\"step\": 1, \"l\\u006fss\\n\": 2}\n".utf8), format: .jsonl)
        #expect(run.scalars.map(\.label) == ["loss\n"])
    }

    @Test func anIncompleteLastRowIsReportedAndACompleteOneKept() {
        let torn = LogRun.parse(Array("step,a,b\n1,0.5,2\n2,0.2".utf8), format: .csv)
        #expect(torn.scalar("a")?.steps == [1])
        #expect(torn.warnings.first?.contains("incomplete last row") == true)
        let complete = LogRun.parse(Array("step,a,b\n1,0.5,2\n2,0.25,3".utf8), format: .csv)
        #expect(complete.scalar("b")?.y == [2, 3])
        #expect(complete.warnings.isEmpty)
    }

    @Test func anIncompleteLastLineIsReported() {
        let run = LogRun.parse(Array("{\"step\": 1, \"a\": 1}\n{\"step\": 2, \"a\"".utf8), format: .jsonl)
        #expect(run.scalar("a")?.steps == [1])
        #expect(run.warnings.first?.contains("incomplete last line") == true)
    }
}

@Suite struct DisplaySafeTests {
    @Test func escapeSequencesAndControlsBecomeReplacementCharacters() {
        #expect("\u{1B}[31mred\u{1B}[0m".displaySafe == "\u{FFFD}red\u{FFFD}")
        #expect("\u{1B}]0;title\u{07}tag".displaySafe == "\u{FFFD}tag")
        #expect("a\u{07}b\u{9B}c\u{7F}".displaySafe == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect("\u{202E}gnp.exe".displaySafe == "\u{FFFD}gnp.exe")
        #expect("train/loss é ✓".displaySafe == "train/loss é ✓")
    }

    @Test func theJSONWriterEscapesControlCharacters() {
        let run = LogRun.parse(Array("{\"step\": 1, \"\\u001b[2Jx\": 1}\n".utf8), format: .jsonl, name: "a\u{1B}b")
        var text = ""
        run.writeJSON(to: &text)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("a\\u001bb"))
    }
}
