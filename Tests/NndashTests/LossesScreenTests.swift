import NNStudies
import Testing
@testable import nndash

/// The lesson loss examples as the losses screen shows them.
@Suite struct LossesScreenTests {
    @Test func everyLessonExampleHasARowWithItsReductionsAndTheDifferingValueIsMarked() throws {
        let examples = try LossExample.lessonExamples()
        let groups = LossesScreen.groups(examples)
        #expect(groups.map { $0.1.count } == [7, 13, 5])
        // Each group fits a 24-line terminal: title, header, rule and its rows in 22 lines.
        #expect(groups.allSatisfy { $0.1.count + 3 <= 22 })
        let rows = LossesScreen.rows(examples)
        #expect(rows.count == examples.count && rows.allSatisfy { $0.count == LossesScreen.columns.count })
        let crossEntropy003 = try #require(rows.last { $0[0] == "CrossEntropyLoss" })
        #expect(crossEntropy003[3] == "0.8966")
        #expect(crossEntropy003[4] == "1.2466 (differs)")
        // Lesson 003's BCE: the element-wise matrix, its sum and its mean.
        let bce = try #require(rows.last)
        #expect(bce[1] == "[[2.303], [0.2231], [0.3567]]")
        #expect(bce[2] == "2.882" && bce[3] == "0.9608")
        #expect(rows.filter { $0[4].contains("differs") }.count == 1)
    }

    @Test func findingsSayWhyTheLessonDiffers() throws {
        var gallery = LossGallery(.init(points: 3))
        while try gallery.step() != nil {}
        let text = LossesScreen().findings(of: gallery.snapshot, unicode: true).map(\.text).joined(separator: "\n")
        #expect(text.contains("1.2465587854385376") && text.contains("0.89656") && text.contains("targets [1, 2]"))
        #expect(text.contains("MarginRankingLoss:") && text.contains("CosineEmbeddingLoss:"))
    }

    /// `i` types one's own example: every key edits the line until Enter computes it (the study
    /// restarts with it) or Esc leaves the example as it was; a refused line stays, with why.
    @Test func typingAnExampleRestartsTheStudyWithIt() throws {
        let screen = LossesScreen()
        #expect(screen.handle(.character("x")) == nil)
        #expect(screen.handle(.character("i")) == .redraw)
        for c in "MSELoss; [1, 2]; [3, 5]" { #expect(screen.handle(.character(c)) == .redraw) }
        #expect(screen.title(for: nil).contains("MSELoss; [1, 2]; [3, 5]"))
        #expect(screen.handle(.enter) == .restart)
        let typed = LossRequest(loss: "MSELoss", inputs: ["[1, 2]"], target: "[3, 5]", options: [])
        #expect(screen.settings.value.configuration.own == typed)
        #expect(screen.settings.value.line == nil)

        #expect(screen.handle(.character("i")) == .redraw)
        #expect(screen.settings.value.line == "MSELoss; [1, 2]; [3, 5]")
        // While typing, the study's keys are the only keys: q is text, not quit.
        let typing = DashboardKeys.table(.live, screen: screen, panels: [], width: 80, view: ViewState())
        #expect(typing.action(for: .character("q")) == KeyAction.study(.redraw))
        #expect(typing.action(for: .enter) == KeyAction.study(.restart))
        #expect(screen.handle(.character("q")) == .redraw)
        #expect(screen.handle(.enter) == .redraw)
        #expect(screen.title(for: nil).contains("[3, 5]q"), "\(screen.title(for: nil))")
        #expect(screen.handle(.backspace) == .redraw)
        #expect(screen.handle(.escape) == .redraw)
        #expect(screen.settings.value.line == nil && screen.settings.value.configuration.own == typed)
        var gallery = LossGallery(screen.settings.value.configuration)
        _ = try gallery.step()
        #expect(gallery.examples.first?.outcome("sum")?.values == [13])
    }
}
