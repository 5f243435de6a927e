@testable import NNRuns
import Testing

/// TensorBoard's data server rule for steps that do not increase (reservoir.rs: a point at
/// step s replaces the points of its series at step s or later), in every format.
@Suite struct RestartRuleTests {
    func events(_ build: (inout EventFileWriter) -> Void) -> LogRun {
        var writer = EventFileWriter()
        writer.append(EventFileWriter.event(step: 0, fileVersion: "brain.Event:2"))
        build(&writer)
        return LogRun.parse(writer.bytes, format: .tensorboard)
    }

    @Test func aRepeatedAndARestartedStepKeepOnlyTheNewestPoints() {
        // The writer logs steps 0, 1, 2, 2, 3, 1, 4: TensorBoard shows 3 points, not 7.
        let steps: [Int64] = [0, 1, 2, 2, 3, 1, 4]
        let run = events { w in
            for (k, step) in steps.enumerated() { w.append(EventFileWriter.event(step: step, scalars: [("loss", Float(k))])) }
        }
        #expect(run.scalar("loss")?.steps == [0, 1, 4])
        #expect(run.scalar("loss")?.y == [0, 5, 6])
        #expect(run.warnings == [
            "4 points replaced by later ones at the same or an earlier step (a restarted or repeated step: the newer are kept, as TensorBoard shows them) (first at log:168)"
        ])
    }

    @Test func aRunResumedWithoutPurgeStepShowsWhatTensorBoardShows() {
        // A torch run to step 99, resumed from a checkpoint at step 50 without purge_step.
        let run = events { w in
            for step in 0..<100 { w.append(EventFileWriter.event(step: Int64(step), scalars: [("loss", 1)])) }
            for step in 50..<150 { w.append(EventFileWriter.event(step: Int64(step), scalars: [("loss", 2)])) }
        }
        #expect(run.scalar("loss")?.count == 150)
        #expect(run.scalar("loss").map { Array($0.steps) } == (0..<150).map(Int64.init))
        #expect(run.scalar("loss").map { Array($0.y) } == Array(repeating: 1, count: 50) + Array(repeating: 2, count: 100))
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.hasPrefix("50 points replaced") == true)
    }

    @Test func eachTagIsItsOwnSeriesAndSessionStartPurgesNothing() {
        let run = events { w in
            for epoch in 0..<3 {
                for batch in 0..<4 { w.append(EventFileWriter.event(step: Int64(epoch * 4 + batch), scalars: [("train/loss", 1)])) }
                w.append(EventFileWriter.event(step: Int64(epoch), scalars: [("val/loss", 2)]))
            }
            w.append(EventFileWriter.event(step: 0, sessionStatus: 1))
        }
        #expect(run.scalar("train/loss")?.count == 12)
        #expect(run.scalar("val/loss")?.steps == [0, 1, 2])
        #expect(run.warnings.isEmpty)
    }

    @Test func histogramsFollowTheSameRule() {
        let run = events { w in
            for step in 0..<4 { w.append(EventFileWriter.event(step: Int64(step), histograms: [("h", 0, 1, 3)])) }
            w.append(EventFileWriter.event(step: 2, histograms: [("h", -1, 2, 5)]))
        }
        #expect(run.histogram("h")?.steps == [0, 1, 2])
        #expect(run.histogram("h")?.counts == [3, 3, 5])
    }

    @Test func lightningsEpochLoggedTwicePerStepKeepsOnePoint() {
        // Lightning logs `epoch` at the same step from training and validation.
        let run = events { w in
            for step in 0..<5 {
                w.append(EventFileWriter.event(step: Int64(step), scalars: [("epoch", 0)]))
                w.append(EventFileWriter.event(step: Int64(step), scalars: [("epoch", 0)]))
            }
        }
        #expect(run.scalar("epoch")?.steps == [0, 1, 2, 3, 4])
    }

    @Test func csvJSONLinesAndEventFilesAgree() {
        let steps = [0, 1, 2, 2, 3, 1, 4]
        var csv = "step,loss\n", jsonl = ""
        for (k, step) in steps.enumerated() {
            csv += "\(step),\(k)\n"
            jsonl += "{\"step\": \(step), \"loss\": \(k)}\n"
        }
        let fromEvents = events { w in
            for (k, step) in steps.enumerated() { w.append(EventFileWriter.event(step: Int64(step), scalars: [("loss", Float(k))])) }
        }
        for run in [LogRun.parse(Array(csv.utf8), format: .csv), LogRun.parse(Array(jsonl.utf8), format: .jsonl)] {
            #expect(run.scalar("loss")?.steps == fromEvents.scalar("loss")?.steps)
            #expect(run.scalar("loss")?.y == fromEvents.scalar("loss")?.y)
            #expect(run.warnings.first?.hasPrefix("4 points replaced") == true)
        }
    }

    @Test func kindsNotDrawnAreCountedInOneLine() {
        let run = events { w in
            for step in 0..<3 {
                w.append(EventFileWriter.event(step: Int64(step), scalars: [("loss", 1)], values: [
                    EventFileWriter.imageValue("input"), EventFileWriter.pluginValue("notes", plugin: "text"),
                    EventFileWriter.pluginValue("pr", plugin: "pr_curves", dtype: 1),
                ]))
            }
            w.append(EventFileWriter.event(step: 0, values: [
                EventFileWriter.pluginValue("layout", plugin: "custom_scalars"),
                EventFileWriter.pluginValue("_hparams_/session_start_info", plugin: "hparams"),
            ]))
        }
        #expect(run.scalar("loss")?.count == 3)
        #expect(run.scalars.map(\.label) == ["loss"])
        #expect(run.warnings == [
            "not drawn: 3 images, 3 text summaries, 3 PR curves, 1 custom-scalar layout, 1 hparams record"
        ])
    }

    @Test func readerAcceptsRecordsFramedByAnIndependentWriter() {
        #expect(EventFileWriter.crc32c(Array("123456789".utf8)) == 0xE306_9283)
        let run = events { w in
            w.append(EventFileWriter.event(step: -3, wallTime: 1.5, scalars: [("x", 0.25)]))
        }
        #expect(run.scalar("x")?.steps == [-3])
        #expect(run.scalar("x")?.y == [0.25])
        #expect(run.scalar("x")?.wallTimes == [1.5])
        #expect(run.warnings.isEmpty)
    }

    /// A W&B history row may lack `_timestamp`: a series keeps the times of its points up to
    /// the first without one, each still its own point's, and a restart over the points
    /// without times (which took every remaining time along before) keeps the rest.
    @Test func aRestartOverPointsWithoutTimesKeepsEachTimeWithItsPoint() {
        var run = LogRun(name: "run", path: "run", format: .wandb)
        let index = Array("loss".utf8).withUnsafeBytes { run.scalarIndex($0, place: "row") }!
        for (step, time) in [(0, 10.0), (1, 11), (2, nil), (3, 13), (4, nil)] as [(Int64, Double?)] {
            run.appendPreempting(index, step: step, value: Double(step), wallTime: time, place: "row \(step)")
        }
        #expect(run.scalar("loss")?.wallTimes == [10, 11], "times up to the first point without one")
        run.appendPreempting(index, step: 2, value: 20, wallTime: 22, place: "restart")
        run.appendPreempting(index, step: 3, value: 30, wallTime: 23, place: "next")
        let loss = run.scalar("loss")!
        #expect(loss.steps == [0, 1, 2, 3] && loss.y == [0, 1, 20, 30])
        #expect(loss.wallTimes == [10, 11, 22, 23], "every point timed again: x may be its time")
        #expect(loss.points(timeOrigin: 10).point(at: 3).x == 13)
    }
}
