@testable import nndash
import NNCharts
import NNStudies
import Testing

/// Issue 15's overlap check, begun: every dashboard at the four sizes, drawn into a buffer that
/// logs each text it is given, fails if a text is drawn over another's visible characters or
/// a label loses characters to its clip without ending in `…`. The log is exact, not a guess
/// from the screen.
@Suite struct DashboardOverlapTests {
    /// Texts of only rule, block or braille characters are lines and graphics, not labels.
    static func isGraphic(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy {
            $0 == " " || $0 == "-" || (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value)
        }
    }

    /// What is wrong with the texts of one frame, one line a problem.
    static func problems(_ log: TextSpanLog) -> [String] {
        var problems: [String] = []
        var seen = Set<[Int]>()
        for overlap in log.overlaps where seen.insert([overlap.under, overlap.over]).inserted {
            let under = log.entries[overlap.under], over = log.entries[overlap.over]
            guard !isGraphic(under.text) || !isGraphic(over.text) else { continue }
            problems.append("\"\(over.text)\" at \(over.x),\(over.y) covers \"\(under.text)\" at \(under.x),\(under.y)")
        }
        for entry in log.entries where entry.cutCharacters > 0 && !isGraphic(entry.text) {
            let shown = entry.text.dropFirst(max(0, entry.shown.lowerBound - entry.x)).prefix(entry.shown.count)
            guard !(shown.hasSuffix("…") || shown.hasSuffix("~")) else { continue }
            problems.append("\"\(entry.text)\" at \(entry.x),\(entry.y) is cut to \"\(shown)\"")
        }
        return problems
    }

    /// Dashboards this check finds faults in today, each a known issue until fixed (the check
    /// then fails for the entry left here). None now.
    static let knownFaulty: Set<String> = []

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func noTextCoversAnotherAndNoLabelIsCutSilently(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let state = try dashboard.snapshot()
        if Self.knownFaulty.contains(dashboard.screen.study) {
            withKnownIssue("issue 15: texts overlap or are cut in \(dashboard.screen.study)") {
                try Self.check(dashboard, state)
            }
        } else {
            try Self.check(dashboard, state)
        }
    }

    /// A step of `nndash lesson`: its header and side-panel text beside a study's own.
    @Test func aLessonStepCoversNoText() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "momentum" })
        let plan = try #require(LessonPlan.lesson(0))
        let index = try #require(plan.steps.firstIndex { $0.arguments == ["momentum"] })
        let s = plan.steps[index]
        try Self.check(dashboard, try dashboard.snapshot(),
                       walk: Walkthrough(lesson: 0, step: index + 1, count: plan.steps.count, topic: s.topic, look: s.look))
    }

    static func check(_ dashboard: DashboardLegibilityTests.Dashboard, _ state: any StudySnapshot,
                      walk: Walkthrough? = nil) throws {
        // As first shown, and with the value cursor's readout in the middle of the first chart.
        var cursor = ViewState()
        let steps = DashboardControls.cursorSteps(dashboard.screen.panels(of: state), view: cursor, selected: 0)
        cursor.cursor = steps.isEmpty ? nil : steps[steps.count / 2]
        for (width, height) in DashboardLegibilityTests.sizes {
          for view in [ViewState(), cursor] {
            var buffer = Buffer(width: width, height: height)
            buffer.startSpanLog()
            let frame = DashboardFrame(state: state, status: "finished", steps: 40, note: nil, view: view,
                                       unicode: true, colorMode: .palette256, walk: walk)
            DashboardRenderer(screen: dashboard.screen).render(frame, into: &buffer)
            let log = try #require(buffer.spanLog)
            for problem in Self.problems(log) {
                Issue.record("\(dashboard.screen.study) \(width)x\(height)\(view.cursor == nil ? "" : " cursor"): \(problem)")
            }
          }
        }
    }
}
