import NNCharts
import NNRuns

/// Lays the watch view out in a buffer: header, the charts grid or the table, and a bottom
/// line of keys, a filter being typed, or a note. Pure: no terminal involved.
extension WatchScreen {
    /// Draws a whole frame.
    /// - Parameter note: shown on the bottom line (e.g. where an export went).
    mutating func render(into buffer: inout Buffer, unicode: Bool, colorMode: ColorMode, note: String? = nil) {
        guard let (header, body, footer) = DashboardRenderer.frameAreas(&buffer) else { return }
        switch view.mode {
        case .table:
            renderTable(in: body, into: &buffer, unicode: unicode, colorMode: colorMode)
        case .charts, .system:
            renderCharts(in: body, into: &buffer, unicode: unicode, colorMode: colorMode)
        }
        // After the charts, whose pages the header counts and the footer's keys depend on.
        renderHeader(in: header, body: body, into: &buffer)
        renderFooter(note: note, in: footer, into: &buffer, colorMode: colorMode)
        if let picker = view.picker {
            // Each run: pinned (`*`), its name and its config, as W&B's run list shows them.
            let names = curves.runs.enumerated().map { r, run in
                (view.pinnedRuns.contains(r) ? "* " : "") + run.name
                    + run.params.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }.joined()
            }
            picker.render("Runs", names: names, hidden: view.hiddenRuns, unicode: unicode, hint: WatchView.runListHint,
                          in: body, into: &buffer)
        }
        if view.showHelp {
            // Scrolling back answers at once after scrolling past the help's end.
            view.helpScroll = min(view.helpScroll, helpOverlay(unicode: unicode).maxScroll(in: body))
            helpOverlay(unicode: unicode).render(scroll: view.helpScroll, in: body, into: &buffer)
        }
    }

    /// The `?` help of the keys that work now.
    func helpOverlay(unicode: Bool) -> HelpOverlay {
        let runList: [HelpOverlay.Entry] = [.blank, .heading("Run list (0)")]
            + ["  ↑↓ PgUp PgDn Home End  move", "  space  show / hide", "  *  pin (first in every legend)", "  a  show all",
               "  f  filter", "  Enter Esc  close", ""].map { .text($0) }
        return HelpOverlay([("Keys", keys)], extra: runList + RunFilter.help.map { .text($0) }, unicode: unicode)
    }

    /// Only the selected panel, or the table, filling the buffer (for `e`, export as text).
    mutating func renderSelected(into buffer: inout Buffer, unicode: Bool) {
        if view.mode == .table {
            renderTable(in: buffer.area, into: &buffer, unicode: unicode, colorMode: .none)
            return
        }
        let panels = panels
        guard !panels.isEmpty else { return }
        widget(for: panels[min(view.selectedPanel, panels.count - 1)], selected: false, unicode: unicode, colorMode: .none)
            .render(in: buffer.area, into: &buffer)
    }

    private func renderHeader(in area: Rect, body: Rect, into buffer: inout Buffer) {
        buffer.fill(area, with: Cell(" ", style: .reverse))
        // Each part with its rank: what does not fit gives way, the lowest rank first.
        var left: [(text: String, rank: Int)] = [(" nndash watch", 10), (counted(curves.runs.count, "run"), 9),
                                                 (counted(curves.tags.count, "tag"), 8)]
        if curves.unreadRuns > 0 { left.append(("reading \(curves.unreadRuns) more…", 3)) }
        if !curves.systemTags.isEmpty {
            left.append((view.mode == .system ? "system metrics" : "m: \(curves.systemTags.count) system", view.mode == .system ? 7 : 2))
        }
        var right: [(text: String, rank: Int)] = []
        if let layout, layout.pages.count > 1, view.mode != .table, !view.zoomed {
            right.append(("page \(view.page + 1) of \(layout.pages.count)", 7))
        }
        if let grid = view.grid, view.mode != .table, !view.zoomed {
            let fits = grid.fitting(body)
            right.append(("grid \(grid)" + (fits == grid ? "" : " (\(fits) fit)"), 6))
        }
        var x = "x: \(view.xMode.name)"
        if view.xMode == .wall, let origin = curves.wallOrigin { x += " (s after \(XMode.clock(origin)) UTC)" }
        right.append((x, 5))
        if view.smoothing > 0 { right.append(("smoothing \(view.smoothing)", 4)) }
        if let filter = view.runFilter {
            right.append(("runs: \(filter.text) (\(curves.runs.count - view.hiddenRuns.count) of \(curves.runs.count) shown)", 6))
        }
        if let filter = view.tagFilter { right.append(("tags /\(filter.pattern)/", 6)) }
        if !view.chosenRuns.isEmpty { right.append(("\(view.chosenRuns.count) chosen", 5)) }
        func joined(_ parts: [(text: String, rank: Int)]) -> String { parts.map(\.text).joined(separator: " · ") }
        while joined(left).count + 2 + joined(right).count + 1 > area.width, left.count + right.count > 1 {
            let lowest = (left + right).map(\.rank).min()!
            if let i = right.lastIndex(where: { $0.rank == lowest }) { right.remove(at: i) } else {
                left.remove(at: left.lastIndex { $0.rank == lowest }!)
            }
        }
        let leftText = SeriesPicker.cut(joined(left), max(0, area.width - 1), true)
        buffer.write(leftText, x: area.x, y: area.y, style: [.reverse, .bold], clip: area)
        let room = area.width - leftText.count - 3
        guard room > 1, !right.isEmpty else { return }
        let rightText = SeriesPicker.cut(joined(right), room, true) + " "
        buffer.write(rightText, x: area.maxX - rightText.count, y: area.y, style: .reverse, clip: area)
    }

    private func renderFooter(note: String?, in area: Rect, into buffer: inout Buffer, colorMode: ColorMode) {
        if let prompt = view.prompt {
            let label = prompt.target == .tags ? "tag filter (regex): " : "run filter: "
            buffer.write(" " + label, x: area.x, y: area.y, style: .bold, clip: area)
            let x = area.x + 1 + label.count
            buffer.write(prompt.text, x: x, y: area.y, clip: area)
            buffer.write(" ", x: x + prompt.text.count, y: area.y, style: .reverse, clip: area)
            let syntax = prompt.target == .runs ? "lr>=0.05 optimizer=adam name-regex · " : ""
            let hint = prompt.error.map { "  \($0)" } ?? "  \(syntax)Enter apply · Esc cancel · Ctrl-U clear · Ctrl-W word"
            let hintX = x + prompt.text.count + 1
            buffer.write(SeriesPicker.cut(hint, max(0, area.maxX - hintX), true), x: hintX, y: area.y,
                         foreground: prompt.error == nil ? .gray : colorMode.resolve(.red), clip: area)
            return
        }
        let text = keys.keyLine().text(width: area.width, note: note)
        buffer.write(text, x: area.x, y: area.y, foreground: .gray, clip: area)
    }

    mutating func renderCharts(in area: Rect, into buffer: inout Buffer, unicode: Bool, colorMode: ColorMode) {
        let (pinned, groups) = chartGroups
        let panels = pinned + groups.flatMap(\.panels)
        drawn = []
        guard !panels.isEmpty else {
            layout = nil
            let text = curves.runs.isEmpty ? " waiting for runs…"
                : view.mode == .system && curves.systemTags.isEmpty ? " no system metrics (W&B's stats) in these runs"
                : " no tag matches the filters"
            buffer.write(text, x: area.x, y: area.y + 1, foreground: .gray, clip: area)
            return
        }
        let selected = min(view.selectedPanel, panels.count - 1)
        if view.zoomed || panels.count == 1 {
            let widget = widget(for: panels[selected], selected: panels.count > 1 && marksSelection, cursor: marksSelection,
                                unicode: unicode, colorMode: colorMode, chartWidth: area.width)
            widget.render(in: area, into: &buffer)
            drawn = [DrawnChart(panel: selected, rect: area, widget: widget, runs: runOrder(of: panels[selected]))]
            return
        }
        var sections: [WatchPages.Section] = []
        var next = pinned.count
        for group in groups {
            sections.append(WatchPages.Section(name: group.name.isEmpty ? "no prefix" : group.name,
                                               panels: Array(next..<next + group.panels.count)))
            next += group.panels.count
        }
        let layout = WatchPages(pinned: Array(0..<pinned.count), sections: sections, area: area,
                                grid: view.grid?.fitting(area))
        self.layout = layout
        if followsSelection, !view.pinnedPanels.contains(panels[selected]), let at = layout.page(of: selected) {
            view.page = at
        }
        followsSelection = false
        view.page = min(view.page, layout.pages.count - 1)
        let page = layout.pages[view.page]
        for heading in page.headings {
            Self.renderHeading(heading.text, in: heading.rect, into: &buffer, unicode: unicode)
        }
        let marks = marksSelection
        var widgets = page.charts.map {
            widget(for: panels[$0.panel], selected: marks && $0.panel == selected, cursor: marks && $0.panel == selected,
                   unicode: unicode, colorMode: colorMode, chartHeight: $0.rect.height, chartWidth: $0.rect.width - 1)
        }
        // Charts side by side (a row of the grid) list as many runs.
        for y in Set(page.charts.map(\.rect.y)) {
            let row = page.charts.indices.filter { page.charts[$0].rect.y == y }
            var shared = row.map { widgets[$0] }
            Self.shareLegendLength(&shared, rects: row.map { page.charts[$0].rect })
            for (i, widget) in zip(row, shared) { widgets[i] = widget }
        }
        drawn = []
        for (widget, chart) in zip(widgets, page.charts) {
            widget.render(in: chart.rect, into: &buffer)
            drawn.append(DrawnChart(panel: chart.panel, rect: chart.rect, widget: widget, runs: runOrder(of: panels[chart.panel])))
        }
    }

    /// Makes the line charts drawn side by side list the same number of legend entries: as
    /// many as the most crowded one holds, so that each says "+N more" of the same runs.
    static func shareLegendLength(_ widgets: inout [any Widget], rects: [Rect]) {
        var limit = Int.max
        while true {
            var fewest = limit
            for (widget, rect) in zip(widgets, rects) {
                guard var chart = widget as? LineChart else { continue }
                chart.legendLimit = limit == .max ? nil : limit
                let entries = chart.legendEntries(in: rect)
                if entries < chart.series.count { fewest = min(fewest, entries) }
            }
            guard fewest < limit else { break }
            limit = fewest
        }
        guard limit < .max else { return }
        for i in widgets.indices {
            guard var chart = widgets[i] as? LineChart else { continue }
            chart.legendLimit = limit
            widgets[i] = chart
        }
    }

    /// A group's heading across the charts: its name and count, then a rule.
    static func renderHeading(_ text: String, in area: Rect, into buffer: inout Buffer, unicode: Bool) {
        let label = SeriesPicker.cut(" \(text) ", area.width - 2, unicode)
        let rule = unicode ? "─" : "-"
        buffer.write(rule, x: area.x, y: area.y, foreground: .gray, clip: area)
        buffer.write(label, x: area.x + 1, y: area.y, style: .bold, clip: area)
        let rest = area.maxX - (area.x + 1 + label.count)
        if rest > 0 {
            buffer.write(String(repeating: rule, count: rest), x: area.maxX - rest, y: area.y, foreground: .gray, clip: area)
        }
    }

    private mutating func renderTable(in area: Rect, into buffer: inout Buffer, unicode: Bool, colorMode: ColorMode) {
        let table = table
        guard !table.rows.isEmpty else {
            buffer.write(" no curve matches the filters", x: area.x, y: area.y + 1, foreground: .gray, clip: area)
            return
        }
        // The cursor stays on a row, and the rows scroll to keep it in sight.
        view.tableCursor = min(view.tableCursor, table.rows.count - 1)
        let visible = max(1, area.height - 2)
        view.tableScroll = min(max(view.tableScroll, view.tableCursor - visible + 1), view.tableCursor)
        table.widget(sortedBy: view.sortColumn, descending: view.sortDescending, scroll: view.tableScroll,
                     cursor: view.tableCursor, chosen: view.chosenRuns,
                     colorMode: colorMode, palette: palette, dotGrid: DotGrid.preferred(utf8: unicode))
            .render(in: area.inset(dx: 1, dy: 0), into: &buffer)
    }
}
