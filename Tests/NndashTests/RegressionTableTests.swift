@testable import nndash
import Foundation
import NNCharts
import NNStudies
import Testing

/// Regression's table of gradients (grad_fn against autograd) read back from what the
/// dashboard wrote, cell by cell, at every size: each number the data's (with fewer digits
/// where its column is narrow), nothing cut by a clip, text cut only with `…`, columns apart.
@Suite struct RegressionTableTests {
    static let sizes = DashboardLegibilityTests.sizes + [(40, 12)]

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func gradientTableReadsAtEverySize(_ size: [Int]) throws {
        let (width, height) = (size[0], size[1])
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "regression" })
        let state = try dashboard.snapshot()
        let snapshot = try #require(state as? TemperatureRegression.Snapshot)
        let data = RegressionScreen.gradientRows(snapshot)
        try #require(!data.isEmpty)
        let panels = dashboard.screen.panels(of: state)
        let index = try #require(panels.firstIndex { $0.title == "grad_fn against autograd" })
        guard case .table(let titles, _) = panels[index].content else { Issue.record("not a table"); return }
        // Selected, so it never folds away.
        var view = ViewState()
        view.selectedPanel = index
        var buffer = Buffer(width: width, height: height)
        buffer.startSpanLog()
        DashboardRenderer(screen: dashboard.screen).render(
            DashboardFrame(state: state, status: "finished", steps: 1, view: view, unicode: true, colorMode: .none),
            into: &buffer)
        let log = try #require(buffer.spanLog)
        let at = "\(width)x\(height)"
        // The header: the titles of the columns shown, whole, left to right on one row.
        let first = try #require(log.entries.first { $0.text == titles[0] }, "\(at): no header\n\(buffer.plainText)")
        // Left of the side panel, when there is one.
        let charts = width - DashboardRenderer.sideWidth(width: width, zoomed: false)
        let header = log.entries.filter { $0.y == first.y && $0.x >= first.x && $0.x < charts && !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            .sorted { $0.x < $1.x }
        let shown = header.compactMap { titles.firstIndex(of: $0.text) }
        #expect(shown.count == header.count && shown.first == 0 && shown == shown.sorted(), "\(at): header \(header.map(\.text))")
        let right = try #require(header.last).shown.upperBound
        var rowsDrawn = 0
        for (i, row) in data.enumerated() {
            let y = first.y + 2 + i
            let cells = log.entries.filter { $0.y == y && $0.x >= first.x && $0.x < right }.sorted { $0.x < $1.x }
            if let more = cells.first, more.text.hasPrefix("+") {
                #expect(more.text == "+\(data.count - i) more rows", "\(at): \(more.text)")
                break
            }
            rowsDrawn += 1
            // Each column's cell: the data's (an empty one writes nothing visible).
            let drawn = cells.filter { !$0.shown.isEmpty }
            let wanted = shown.filter { !row[$0].isEmpty }
            #expect(drawn.count == wanted.count, "\(at) row \(i): \(drawn.map(\.text)) for \(row)")
            for (cell, c) in zip(drawn, wanted) {
                let want = row[c]
                #expect(cell.cutCharacters == 0, "\(at) row \(i): \(cell.text) cut by the clip")
                if let number = Double(want) {
                    let got = try #require(Double(cell.text), "\(at) row \(i): \(cell.text) for \(want)")
                    // Fewer significant digits at most: within half of the last digit kept.
                    let digits = cell.text.filter(\.isNumber).drop { $0 == "0" }.count
                    let tolerance = abs(number) * 5 * pow(10, -Double(max(1, digits))) + 1e-12
                    #expect(abs(got - number) <= tolerance, "\(at) row \(i): \(cell.text) for \(want)")
                } else {
                    #expect(cell.text == want || cell.text.hasSuffix("…") && want.hasPrefix(String(cell.text.dropLast())),
                            "\(at) row \(i): \(cell.text) for \(want)")
                }
            }
            // The columns stay apart: a blank column at least between two cells.
            for (a, b) in zip(drawn, drawn.dropFirst()) {
                #expect(a.shown.upperBound < b.shown.lowerBound, "\(at) row \(i): \(a.text)\(b.text) touch")
            }
        }
        #expect(rowsDrawn > 0, "\(at): no row of the table drawn\n\(buffer.plainText)")
        // Where the panel has room for every column, autograd stands beside grad_fn.
        if width >= 120 { #expect(shown == Array(titles.indices), "\(at): \(header.map(\.text))") }
        #expect(log.overlaps.isEmpty, "\(at): text over text")
    }
}
