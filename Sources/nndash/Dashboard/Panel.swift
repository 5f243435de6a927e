import NNCharts
import NNRuns

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
    /// Whether x counts steps (iterations, epochs, layers): every x of every series a whole
    /// number, so a zoomed axis is labelled 35, 36 and not 35.0, 37.5.
    var countsSteps: Bool {
        !logX && series.contains { !$0.x.isEmpty } && series.allSatisfy(\.x.isIntegral)
    }

    /// The least room the panel is drawn in: a chart needs room for its axes and a few rows of
    /// plot; a table its title, header and five rows (or all it has) in its first column and
    /// the next one kept, readable.
    var minimumSize: (width: Int, height: Int) {
        switch content {
        case .table(let columns, let rows):
            let table = ChartPanel.table(columns: columns, rows: rows, priorities: columnPriorities, dotGrid: .ascii)
            // A blank column either side sets the table in from the panel's edges (`ChartPanel`).
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
