import NNCharts
import NNRuns
import NNTerminal

/// Lays the watch view out in a buffer: header, the charts grid or the table, and a bottom
/// line of keys, a filter being typed, or a note. Pure: no terminal involved.
extension WatchScreen {
    /// Draws a whole frame.
    /// - Parameter note: shown on the bottom line (e.g. where an export went).
    mutating func render(into buffer: inout Buffer, unicode: Bool, colorMode: ColorMode, note: String? = nil) {
        let area = buffer.area
        guard area.width >= DashboardRenderer.minimumWidth, area.height >= DashboardRenderer.minimumHeight else {
            DashboardRenderer.renderTooSmall(into: &buffer)
            return
        }
        let (header, rest) = area.splitRows(at: 1)
        let (body, footer) = rest.splitRows(at: rest.height - 1)
        renderHeader(in: header, into: &buffer)
        renderFooter(note: note, in: footer, into: &buffer, colorMode: colorMode)
        switch view.mode {
        case .table:
            renderTable(in: body, into: &buffer, unicode: unicode, colorMode: colorMode)
        case .charts, .system:
            renderCharts(in: body, into: &buffer, unicode: unicode, colorMode: colorMode)
        }
        if let picker = view.picker {
            picker.render("Runs", names: curves.runs.map(\.name), hidden: view.hiddenRuns, unicode: unicode, in: body, into: &buffer)
        }
        if view.showHelp {
            DashboardRenderer.renderHelp(lines: ["Keys"] + keys.helpLines() + ["", "any key closes this help"],
                                         in: body, into: &buffer)
        }
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

    private func renderHeader(in area: Rect, into buffer: inout Buffer) {
        buffer.fill(area, with: Cell(" ", style: .reverse))
        let runs = curves.runs.count
        var left = " nndash watch · \(counted(runs, "run")) · \(counted(curves.tags.count, "tag"))"
        if curves.unreadRuns > 0 { left += " · reading \(curves.unreadRuns) more…" }
        if !curves.systemTags.isEmpty {
            left += view.mode == .system ? " · system metrics" : " · m: \(curves.systemTags.count) system"
        }
        buffer.write(left, x: area.x, y: area.y, style: [.reverse, .bold], clip: area)
        var parts = ["x: \(view.xMode.name)"]
        if view.xMode == .wall, let origin = curves.wallOrigin { parts[0] += " (s after \(XMode.clock(origin)) UTC)" }
        if view.smoothing > 0 { parts.append("smoothing \(view.smoothing)") }
        if let filter = view.runFilter { parts.append("runs /\(filter.pattern)/") }
        if let filter = view.tagFilter { parts.append("tags /\(filter.pattern)/") }
        if !view.chosenRuns.isEmpty { parts.append("\(view.chosenRuns.count) chosen") }
        let right = parts.joined(separator: " · ") + " "
        let x = max(area.x + left.count + 2, area.maxX - right.count)
        buffer.write(right, x: x, y: area.y, style: .reverse, clip: area)
    }

    private func renderFooter(note: String?, in area: Rect, into buffer: inout Buffer, colorMode: ColorMode) {
        if let prompt = view.prompt {
            let label = prompt.target == .tags ? "tag filter (regex): " : "run filter (regex): "
            buffer.write(" " + label, x: area.x, y: area.y, style: .bold, clip: area)
            let x = area.x + 1 + label.count
            buffer.write(prompt.text, x: x, y: area.y, clip: area)
            buffer.write(" ", x: x + prompt.text.count, y: area.y, style: .reverse, clip: area)
            let hint = prompt.error.map { "  \($0)" } ?? "  Enter apply · Esc cancel · Ctrl-U clear · Ctrl-W word"
            buffer.write(hint, x: x + prompt.text.count + 1, y: area.y,
                         foreground: prompt.error == nil ? .gray : colorMode.resolve(.red), clip: area)
            return
        }
        let text = keys.keyLine().text(width: area.width, note: note)
        buffer.write(text, x: area.x, y: area.y, foreground: .gray, clip: area)
    }

    private mutating func renderCharts(in area: Rect, into buffer: inout Buffer, unicode: Bool, colorMode: ColorMode) {
        let panels = panels
        guard !panels.isEmpty else {
            let text = curves.runs.isEmpty ? " waiting for runs…"
                : view.mode == .system && curves.systemTags.isEmpty ? " no system metrics (W&B's stats) in these runs"
                : " no tag matches the filters"
            buffer.write(text, x: area.x, y: area.y + 1, foreground: .gray, clip: area)
            return
        }
        let selected = min(view.selectedPanel, panels.count - 1)
        if view.zoomed || panels.count == 1 {
            widget(for: panels[selected], selected: panels.count > 1, unicode: unicode, colorMode: colorMode)
                .render(in: area, into: &buffer)
            return
        }
        for (i, rect) in DashboardRenderer.grid(area, count: panels.count).enumerated() {
            widget(for: panels[i], selected: i == selected, unicode: unicode, colorMode: colorMode)
                .render(in: rect, into: &buffer)
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
                     colorMode: colorMode, marker: Marker.preferred(utf8: unicode))
            .render(in: area.inset(dx: 1, dy: 0), into: &buffer)
    }
}
