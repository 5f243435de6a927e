@testable import nndash
import NNStudies
import Testing

/// `--plain` draws a table panel with the rows it has: every row, and no blank rows under it.
@Suite struct PlainTableTests {
    /// The losses study's plain text at two chart heights: each table is its title, header,
    /// rule and one line a row (read back by the row's first cell) then one blank line,
    /// whether the chart height is larger or smaller than the table; no run of blank lines.
    @Test func tablesTakeTheRowsTheyNeed() throws {
        var gallery = LossGallery(.init(points: 9))
        while try gallery.step() != nil {}
        let screen = LossesScreen()
        let panels = screen.panels(of: gallery.snapshot)
        let tables = panels.compactMap { panel -> (String, [[String]])? in
            if case .table(_, let rows) = panel.content { return (panel.title, rows) }
            return nil
        }
        #expect(tables.count >= 2 && tables.contains { $0.1.count > 6 })
        for chartHeight in [24, 6] {
            let text = PlainReport(screen: screen, width: 100, chartHeight: chartHeight)
                .text(for: gallery.snapshot, unicode: true)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var blankRun = 0
            for line in lines {
                blankRun = line.isEmpty ? blankRun + 1 : 0
                #expect(blankRun <= 1, "height \(chartHeight): a run of blank lines")
            }
            for (title, rows) in tables {
                guard let start = lines.firstIndex(of: " " + title) else {
                    Issue.record("height \(chartHeight): no table titled \(title)"); continue
                }
                let drawn = Array(lines[(start + 3)...].prefix { !$0.isEmpty })
                #expect(drawn.count == rows.count, "height \(chartHeight) \(title): \(drawn.count) of \(rows.count) rows")
                for (line, row) in zip(drawn, rows) {
                    #expect(line.dropFirst().hasPrefix(row[0].prefix(12)), "\(title): \(line) for \(row[0])")
                }
                #expect(!lines[start...].prefix(rows.count + 3).contains { $0.contains("more rows") })
            }
        }
    }
}
