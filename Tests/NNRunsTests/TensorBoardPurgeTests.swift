import NNRuns
import Testing

/// TensorBoard's restart rules (event_accumulator.py), on event files built here.
@Suite struct TensorBoardPurgeTests {
    func file(version: String?, _ build: (inout EventFileWriter) -> Void) -> LogRun {
        var writer = EventFileWriter()
        if let version { writer.append(EventFileWriter.event(step: 0, fileVersion: version)) }
        build(&writer)
        return LogRun.parse(writer.bytes, format: .tensorboard)
    }

    @Test func oldFilesPurgeTheTagsOfAnOutOfOrderSummary() {
        let run = file(version: "brain.Event:1") { w in
            for step in 0..<10 { w.append(EventFileWriter.event(step: Int64(step), scalars: [("a", Float(step)), ("b", 1)])) }
            w.append(EventFileWriter.event(step: 5, scalars: [("a", 50)]))
            w.append(EventFileWriter.event(step: 6, scalars: [("a", 60)]))
        }
        #expect(run.scalar("a")?.steps == [0, 1, 2, 3, 4, 5, 6])
        #expect(run.scalar("a")?.values == [0, 1, 2, 3, 4, 50, 60])
        #expect(run.scalar("b")?.steps == Array(0..<10))
        #expect(run.warnings.first?.contains("5 points purged") == true)
    }

    @Test func filesWithoutAVersionPurgeLikeOldOnes() {
        let run = file(version: nil) { w in
            for step in 0..<4 { w.append(EventFileWriter.event(step: Int64(step), histograms: [("h", 0, 1, 3)])) }
            w.append(EventFileWriter.event(step: 2, histograms: [("h", -1, 2, 5)]))
        }
        #expect(run.histogram("h")?.steps == [0, 1, 2])
        #expect(run.histogram("h")?.counts == [3, 3, 5])
    }

    @Test func currentFilesPurgeOnlyAtSessionStart() {
        let run = file(version: "brain.Event:2") { w in
            for step in 0..<6 { w.append(EventFileWriter.event(step: Int64(step), scalars: [("a", Float(step))])) }
            w.append(EventFileWriter.event(step: 2, scalars: [("a", 20)]))
            w.append(EventFileWriter.event(step: 3, scalars: [("b", 1)]))
            w.append(EventFileWriter.event(step: 3, sessionStatus: 1))
            w.append(EventFileWriter.event(step: 3, scalars: [("a", 30)]))
        }
        // Step 2 going back is kept (no START); START at 3 drops every point at step 3 or later.
        #expect(run.scalar("a")?.steps == [0, 1, 2, 2, 3])
        #expect(run.scalar("a")?.values == [0, 1, 2, 20, 30])
        #expect(run.scalar("b")?.steps == [])
        #expect(run.warnings.count == 2)
    }

    @Test func tagsLoggedOnDifferentStepScalesAreNotARestart() {
        let run = file(version: "brain.Event:2") { w in
            for epoch in 0..<3 {
                for batch in 0..<4 { w.append(EventFileWriter.event(step: Int64(epoch * 4 + batch), scalars: [("train/loss", 1)])) }
                w.append(EventFileWriter.event(step: Int64(epoch), scalars: [("val/loss", 2)]))
            }
        }
        #expect(run.scalar("train/loss")?.count == 12)
        #expect(run.scalar("val/loss")?.steps == [0, 1, 2])
        #expect(run.warnings.isEmpty)
    }

    @Test func readerAcceptsRecordsFramedByAnIndependentWriter() {
        #expect(EventFileWriter.crc32c(Array("123456789".utf8)) == 0xE306_9283)
        let run = file(version: "brain.Event:2") { w in
            w.append(EventFileWriter.event(step: -3, wallTime: 1.5, scalars: [("x", 0.25)]))
        }
        #expect(run.scalar("x")?.steps == [-3])
        #expect(run.scalar("x")?.values == [0.25])
        #expect(run.scalar("x")?.wallTimes == [1.5])
        #expect(run.warnings.isEmpty)
    }
}
