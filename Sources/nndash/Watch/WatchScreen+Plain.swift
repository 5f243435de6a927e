import NNCharts
import NNRuns

/// `nndash watch --plain`: the runs as text, as the studies' `--plain` prints them.
extension WatchScreen {
    /// A heading, the charts, then the table of every curve: each chart `size` wide and high
    /// (with a grid, each page of the grid `size` wide and high), the system metrics' charts
    /// after the training's; no selection marked, no escape sequence, every name and tag
    /// display-safe (`WatchCurves` keeps them so; `Buffer.plainText` prints no control character).
    mutating func plainText(size: PlainSize, unicode: Bool) -> String {
        marksSelection = false
        var out = "nndash watch · \(counted(curves.runs.count, "run")) · \(counted(curves.tags.count, "tag"))"
        if !curves.systemTags.isEmpty { out += " · \(counted(curves.systemTags.count, "system metric"))" }
        out += "\n\n"
        let modes: [WatchView.Mode] = curves.systemTags.isEmpty ? [.charts] : [.charts, .system]
        for mode in modes {
            view.mode = mode
            let panels = panels
            guard !panels.isEmpty else { continue }
            let area = Rect(x: 0, y: 0, width: size.width, height: size.height)
            if view.grid == nil {
                for panel in panels {
                    var buffer = Buffer(width: size.width, height: size.height)
                    widget(for: panel, selected: false, unicode: unicode, colorMode: .none,
                           chartHeight: size.height, chartWidth: size.width - 1)
                        .render(in: area, into: &buffer)
                    out += buffer.plainText + "\n\n"
                }
            } else {
                // Each page of the grid, as the view draws it.
                view.page = 0
                while true {
                    var buffer = Buffer(width: size.width, height: size.height)
                    renderCharts(in: area, into: &buffer, unicode: unicode, colorMode: .none)
                    out += buffer.plainText + "\n\n"
                    guard let layout, view.page + 1 < layout.pages.count else { break }
                    view.page += 1
                }
            }
        }
        view.mode = .table
        let table = table
        if !table.rows.isEmpty {
            let widget = table.widget(sortedBy: view.sortColumn, descending: false, scroll: 0, colorMode: .none,
                                      dotGrid: DotGrid.preferred(utf8: unicode))
            var buffer = Buffer(width: size.width, height: table.rows.count + 2)
            widget.render(in: buffer.area, into: &buffer)
            out += buffer.plainText + "\n"
        }
        view.mode = .charts
        return out
    }
}
