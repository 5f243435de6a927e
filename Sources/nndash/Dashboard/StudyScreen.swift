import NNCharts
import NNRuns

/// How one study is shown: its charts and the findings beside them.
protocol StudyScreen: Sendable {
    /// The subcommand name, e.g. `sweep`.
    var study: String { get }
    /// The header line, e.g. `Learning-rate sweep on f(x) = (2x)²`.
    var title: String { get }
    /// The charts, in the order tab moves through them.
    func panels(for report: StudyReport) -> [Panel]
    /// The side panel's lines: what the study has found so far, in words.
    func findings(for report: StudyReport, unicode: Bool) -> [Finding]
}

/// One chart of a dashboard.
struct Panel: Sendable {
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Whether the y axis starts in log scale (`l` toggles it).
    var logY = false
}

/// A line of the side panel.
struct Finding: Sendable, Equatable {
    enum Tone: Sendable { case plain, heading, good, bad, dim }
    var text: String
    var tone: Tone = .plain
}
