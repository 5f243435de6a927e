import NNCharts
import NNRuns
import NNStudies
import NNTerminal

/// How one study is shown: its panels, the findings beside them, and its own keys. Every
/// part is a projection of the study's typed snapshot: no screen reads JSON.
protocol StudyScreen: Sendable {
    /// The snapshot the study publishes.
    associatedtype Snapshot: StudySnapshot
    /// The subcommand name, e.g. `sweep`.
    var study: String { get }
    /// The header line, e.g. `learning-rate sweep on f(x) = (2x)²`; nil before the first snapshot.
    func title(for snapshot: Snapshot?) -> String
    /// The panels, in the order tab moves through them.
    func panels(for snapshot: Snapshot) -> [Panel]
    /// The side panel's lines: what the study has found so far, in words.
    func findings(for snapshot: Snapshot, unicode: Bool) -> [Finding]
    /// A sentence or two about the selected panel (`panel` indexes `panels(for:)`), shown at the
    /// top of the side panel, or above the charts when there is no side panel; nil for none.
    func caption(for snapshot: Snapshot, panel: Int) -> String?
    /// The study's own keys, for the footer and the `?` help; each press names what `handle` returns.
    var keys: [KeyBinding<StudyAction>] { get }
    /// Applies one of the study's own keys; nil when `key` is not one of them.
    func handle(_ key: Key) -> StudyAction?
    /// Whether the study is taking typed text: its `keys` are then the only keys.
    var isTyping: Bool { get }
    /// What the footer should say about a new snapshot (`old` is the one shown before), such
    /// as a checkpoint saved; nil for nothing.
    func news(since old: Snapshot?, now new: Snapshot) -> String?
}

extension StudyScreen {
    var keys: [KeyBinding<StudyAction>] { [] }
    func handle(_ key: Key) -> StudyAction? { nil }
    var isTyping: Bool { false }
    func caption(for snapshot: Snapshot, panel: Int) -> String? { nil }
    func news(since old: Snapshot?, now new: Snapshot) -> String? { nil }

    /// The news of any published snapshot; none for a snapshot of another study.
    func news(since old: (any StudySnapshot)?, now new: any StudySnapshot) -> String? {
        (new as? Snapshot).flatMap { news(since: old as? Snapshot, now: $0) }
    }

    /// The header line for any published snapshot (one of another study counts as none).
    func title(of state: (any StudySnapshot)?) -> String { title(for: state as? Snapshot) }

    /// The panels of any published snapshot; none for a snapshot of another study.
    func panels(of state: (any StudySnapshot)?) -> [Panel] { (state as? Snapshot).map { panels(for: $0) } ?? [] }

    /// The caption of the selected panel of any published snapshot; none for another study's.
    func caption(of state: (any StudySnapshot)?, panel: Int) -> String? {
        (state as? Snapshot).flatMap { caption(for: $0, panel: panel) }
    }

    /// The findings of any published snapshot; none for a snapshot of another study.
    func findings(of state: (any StudySnapshot)?, unicode: Bool) -> [Finding] {
        (state as? Snapshot).map { findings(for: $0, unicode: unicode) } ?? []
    }
}

/// What a study's own key asks of the app.
enum StudyAction: Equatable, Sendable {
    /// Only the view changed: draw again.
    case redraw
    /// The study's settings changed: start it again with them.
    case restart
    /// Only the view changed, and the footer says `message` (e.g. a checkpoint asked for).
    case message(String)
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
    /// Whether y values are fractions shown as percentages (accuracy).
    var yPercent = false
    /// Indices in `series` of measured data, drawn as points rather than joined by lines.
    var pointSeries: Set<Int> = []
    /// Indices in `series` of background lines: drawn dim and under the others (the data
    /// the others average).
    var backgroundSeries: Set<Int> = []
    var content: Content = .lines
    /// Where the study found a series (by index) diverged: its line ends there with a cross.
    var divergedAt: [Int: Double] = [:]
    /// Named points drawn over the lines, with no legend entry (the findings say what each marks).
    var callouts: [Callout] = []
    /// The panel's share of the height in its row of the grid, against the other rows' (1: an
    /// equal share): a study's main charts weigh more than the ones that explain them.
    var heightWeight = 1
    /// The palette entry of a series (by index) that does not take its own index's colour: the
    /// run's, when recorded runs are overlaid (one colour per run).
    var colorIndex: [Int: Int] = [:]
    /// Which panels stay when the dashboard cannot give each its `minimumSize`: the lowest
    /// priorities fold first (tab reaches them), among equals the later panels.
    var priority = 0
    /// The columns and rows below which the panel cannot be read; nil: its kind's (`minimumSize`).
    var minimumWidth: Int? = nil
    var minimumHeight: Int? = nil
    /// A table's columns by priority (higher stays, the first column always does) when the
    /// table is too wide for its panel; empty: columns further right are left out first.
    var columnPriorities: [Int] = []
}

extension Panel {
    /// The least room the panel is drawn in: a chart needs room for its axes and a few rows of
    /// plot; a table its title, header and five rows (or all it has) in its first column and
    /// the next one kept, readable.
    var minimumSize: (width: Int, height: Int) {
        switch content {
        case .table(let columns, let rows):
            let table = ChartPanel.table(columns: columns, rows: rows, priorities: columnPriorities, marker: .ascii)
            // A blank column each side keeps the table apart from the panels beside it.
            return (minimumWidth ?? table.minimumWidth + 2,
                    minimumHeight ?? 3 + Swift.min(rows.count, 5) + (rows.count > 5 ? 1 : 0))
        case .diagram(let diagram):
            return (minimumWidth ?? Swift.max(16, diagram.minimumWidth), minimumHeight ?? 5)
        case .lines, .heatmap, .bars:
            return (minimumWidth ?? 16, minimumHeight ?? 5)
        }
    }
}

/// A function sampled on a grid, for `Panel.Content.heatmap`.
struct HeatmapContent: Sendable {
    /// `values[row][column]`, row 0 at the top (the largest y).
    var values: [[Double]]
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    /// Colours by log10 of the value (for values that span decades).
    var logValues: Bool
    /// Fixed ends of the colour scale, which is then not drawn (a blank grid under paths); nil fits the values.
    var valueRange: ClosedRange<Double>? = nil
    /// Class names when the values are class numbers (a legend replaces the colour scale).
    var classes: [String] = []
}

/// A line of the side panel: words, or a row of a table.
struct Finding: Sendable, Equatable {
    enum Tone: Sendable { case plain, heading, good, bad, dim }
    var text: String
    var tone: Tone = .plain
    /// A table row's cells (`text` then joins them); consecutive rows are laid out as one
    /// table, columns sized to their content (see `[Finding].lines(width:)`).
    var cells: [String]? = nil

    /// A row of a table; columns further right are left out first when the table does not fit.
    static func row(_ cells: [String], tone: Tone = .plain) -> Finding {
        Finding(text: cells.joined(separator: "  "), tone: tone, cells: cells)
    }
}
