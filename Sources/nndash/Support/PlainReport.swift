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
            var buffer = Buffer(width: width, height: chartHeight)
            ChartPanel(panel: panel, view: ViewState(), selected: false,
                       unicode: unicode, colorMode: .none)
                .render(in: buffer.area, into: &buffer)
            out += buffer.plainText + "\n\n"
        }
        for line in screen.findings(of: state, unicode: unicode).lines(width: .max) {
            out += line.text + "\n"
        }
        return out
    }
}
