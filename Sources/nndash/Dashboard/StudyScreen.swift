import NNCharts
import NNRuns
import NNTerminal

/// How one study is shown: its panels, the findings beside them, and its own keys.
protocol StudyScreen: Sendable {
    /// The subcommand name, e.g. `sweep`.
    var study: String { get }
    /// The header line, e.g. `Learning-rate sweep on f(x) = (2x)²`.
    var title: String { get }
    /// The panels, in the order tab moves through them.
    func panels(for report: StudyReport) -> [Panel]
    /// The side panel's lines: what the study has found so far, in words.
    func findings(for report: StudyReport, unicode: Bool) -> [Finding]
    /// The study's own keys as lines of the `?` overlay, e.g. `[ ]      lower / raise lr`.
    var keyHelp: [String] { get }
    /// Applies one of the study's own keys; nil when `key` is not one of them.
    func handle(_ key: Key) -> StudyAction?
}

extension StudyScreen {
    var keyHelp: [String] { [] }
    func handle(_ key: Key) -> StudyAction? { nil }
}

/// What a study's own key asks of the app.
enum StudyAction: Equatable, Sendable {
    /// Only the view changed: draw again.
    case redraw
    /// The study's settings changed: start it again with them.
    case restart
}

/// One panel of a dashboard: a line chart of `series`, or another kind of content.
struct Panel: Sendable {
    /// What a panel draws.
    enum Content: Sendable {
        /// `series` as lines.
        case lines
        /// A 2-D function as colours, with `series` drawn over it as paths (x against y).
        case heatmap(HeatmapContent)
        /// One horizontal bar a value.
        case bars([BarChart.Bar])
        /// Rows under column titles.
        case table(columns: [String], rows: [[String]])
        /// Boxes of text joined by arrows.
        case diagram(Diagram)
    }

    var title: String
    var xLabel = ""
    var yLabel = ""
    var series: [Series] = []
    /// Whether the y axis starts in log scale (`l` toggles it).
    var logY = false
    /// Whether the x axis is in log scale (learning rates).
    var logX = false
    var content: Content = .lines
}

/// A function sampled on a grid, for `Panel.Content.heatmap`.
struct HeatmapContent: Sendable {
    /// `values[row][column]`, row 0 at the top (the largest y).
    var values: [[Double]]
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    /// Colours by log10 of the value (for values that span decades).
    var logValues: Bool
}

/// A line of the side panel.
struct Finding: Sendable, Equatable {
    enum Tone: Sendable { case plain, heading, good, bad, dim }
    var text: String
    var tone: Tone = .plain
}
