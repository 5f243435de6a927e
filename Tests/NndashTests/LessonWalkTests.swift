@testable import nndash
import Foundation
import NNCharts
import Testing

/// `nndash lesson N`: every step is a command line nndash accepts, the dashboard says which step
/// it shows and what to look at, `--plain` prints every step, and `>` opens the next step.
@Suite struct LessonWalkTests {
    @Test func everyStepIsACommandNndashAccepts() throws {
        #expect(LessonPlan.all.map(\.number) == Array(0..<5))
        for plan in LessonPlan.all {
            #expect(!plan.steps.isEmpty)
            for step in plan.steps {
                #expect(throws: Never.self, "lesson \(plan.number): \(step.arguments)") {
                    _ = try Nndash.checkedCommand(step.arguments + ["--no-record"])
                }
                #expect(!step.look.isEmpty && !step.topic.isEmpty)
            }
        }
    }

    /// Lesson 001's training step says what the lesson's own printout gets wrong: its StepLR
    /// never fires in 10 epochs, and its "Valid" accuracy is the training accuracy.
    @Test func lessonOnesTrainingStepSaysWhereTheLessonsPrintoutIsWrong() throws {
        let plan = try #require(LessonPlan.lesson(1))
        let step = try #require(plan.steps.first { $0.arguments.first == "train" })
        #expect(step.look.contains("never fires"))
        #expect(step.look.contains("training accuracy"))
    }

    @Test func theDashboardNamesTheStepAndSaysWhatToLookAt() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "gd" })
        let plan = try #require(LessonPlan.lesson(1))
        let s = plan.steps[0]
        let walk = Walkthrough(lesson: 1, step: 1, count: plan.steps.count, topic: s.topic, look: s.look)
        for (width, height) in DashboardLegibilityTests.sizes {
            var buffer = Buffer(width: width, height: height)
            let frame = DashboardFrame(state: try dashboard.snapshot(), status: "finished", steps: 1, note: nil,
                                       view: ViewState(), unicode: true, colorMode: .palette256, walk: walk)
            DashboardRenderer(screen: dashboard.screen).render(frame, into: &buffer)
            let rows = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(rows[0].hasPrefix(" nndash lesson 1 1/\(plan.steps.count) gd"), "\(width)x\(height): \(rows[0])")
            #expect(rows[height - 1].contains("> next step") && !rows[height - 1].contains("< prev step"), "\(rows[height - 1])")
            let text = rows.joined(separator: "\n")
            if DashboardRenderer.sideWidth(width: width, zoomed: false) > 0 {
                #expect(text.contains("Lesson 1, step 1 of \(plan.steps.count):"))
            } else {
                // No side panel: the text is in the rows right under the header.
                #expect(rows[1].hasPrefix(String(s.look.prefix(20))), "\(rows[1])")
            }
            // The look text, wrapped (in the side panel, or above the charts): its first words are on a row.
            let start = String(s.look.prefix(20))
            #expect(text.contains(start), "no \(start)")
        }
    }

    @Test func plainPrintsEveryStepOfTheLessonInOrder() throws {
        let result = try Binary.run(["lesson", "4", "--plain", "--no-record"], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try #require(LessonPlan.lesson(4))
        var rest = result.stdout[...]
        for (i, s) in plan.steps.enumerated() {
            let header = "== lesson 4, step \(i + 1) of \(plan.steps.count): \(s.topic)"
            let at = try #require(rest.range(of: header), "missing \(header)")
            rest = rest[at.upperBound...]
            #expect(rest.contains("$ nndash " + s.arguments.joined(separator: " ")))
        }
        // The last step is the lesson's split: its printed line at epoch 3000.
        #expect(rest.contains("3000   3.1869   2.2012"))
    }

    @Test func aLessonOrStepThatDoesNotExistIsRefusedInOneLine() throws {
        for (arguments, words) in [(["lesson", "5"], "there is no lesson 5"), (["lesson", "0", "--step", "99"], "--step must be between 1 and \(LessonPlan.all[0].steps.count), got 99")] {
            let result = try Binary.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr == "nndash: \(words)\n" || result.stderr.hasPrefix("nndash: \(words)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func nextAndPreviousOpenTheNeighbouringSteps() throws {
        let session = try TmuxSession(width: 200, height: 60,
                                      command: "'\(Binary.url.path)' lesson 4 --no-record")
        try session.waitFor { $0.contains("nndash lesson 4 1/4 regression") && $0.contains("Lesson 4, step 1 of 4") }
        try session.send(">")
        let second = try session.waitFor { $0.contains("nndash lesson 4 2/4 regression") }
        #expect(second.contains("Lesson 4, step 2 of 4"))
        try session.send("<")
        try session.waitFor { $0.contains("nndash lesson 4 1/4 regression") }
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
