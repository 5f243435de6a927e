import NNCharts
import NNRuns
import NNStudies

/// A study's result as text: each chart, then its findings.
struct PlainReport {
    let screen: any StudyScreen
    var width = 100
    var chartHeight = 24

    func text(for state: any StudySnapshot, unicode: Bool) -> String {
        var out = "nndash \(screen.study) · \(screen.title(of: state))\n\n"
        for panel in screen.panels(of: state) {
            var buffer = Buffer(width: width, height: height(of: panel))
            ChartPanel(panel: panel, view: ViewState(), selected: false,
                       unicode: unicode, colorMode: .none)
                .render(in: buffer.area, into: &buffer)
            out += Self.trimmingBlankRows(buffer.plainText) + "\n\n"
        }
        for line in screen.findings(of: state, unicode: unicode).lines(width: .max) {
            out += line.text + "\n"
        }
        return out
    }

    /// The rows `panel` takes: a chart `chartHeight`; a table its title, header, rule and every
    /// row (text has no screen to fill, and no row is left to a "+N more rows" line).
    func height(of panel: Panel) -> Int {
        switch panel.content {
        case .table(_, let rows): return rows.count + 3
        case .lines, .heatmap, .bars, .diagram: return chartHeight
        }
    }

    /// `text` without the blank rows under what a panel drew (a diagram or bars shorter than
    /// the chart height).
    static func trimmingBlankRows(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
