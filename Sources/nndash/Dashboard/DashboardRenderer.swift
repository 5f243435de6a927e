import NNCharts
import NNRuns
import NNStudies

/// Everything one frame of a dashboard shows.
struct DashboardFrame {
    /// The study's latest snapshot; nil before the first one.
    var state: (any StudySnapshot)?
    var status: String
    var steps: Int
    var note: String?
    /// The folder the run is recorded to (its name), shown in the header where the title leaves room.
    var recording: String? = nil
    /// Why the study stopped with an error, shown over its charts (the app keeps running).
    var failure: String? = nil
    var view: ViewState
    var unicode: Bool
    var colorMode: ColorMode
    /// The series' colours (`--palette`); `colorMode` is already none for `mono`.
    var palette = Palette.standard
    /// Whose keys the footer and the `?` overlay list.
    var keys = DashboardKeys.Kind.live
    /// The lesson step shown, when `nndash lesson` opened the dashboard.
    var walk: Walkthrough? = nil
}

/// Lays a study's dashboard out in a buffer: header, charts, findings, key line, help.
/// Pure: no terminal involved, so every frame can be tested as text.
struct DashboardRenderer {
    let screen: any StudyScreen
    /// The lines kept between the frames of a live dashboard (see `LineFeed`); nil builds each
    /// frame's lines from the whole curves.
    var feed: LineFeed? = nil

    /// Below this size the layout cannot be read; a notice says so instead.
    static let minimumWidth = 40
    static let minimumHeight = 12

    func render(_ frame: DashboardFrame, into buffer: inout Buffer) {
        guard let (header, body, footer) = Self.frameAreas(&buffer) else { return }
        renderHeader(frame, in: header, into: &buffer)
        renderFooter(frame, in: footer, into: &buffer)

        let panels = screen.panels(of: frame.state)
        if showsFindingsInPlace(frame, width: buffer.width) {
            // `w` on a terminal too narrow for the side panel: its findings fill the body.
            renderFindingsInPlace(sideFindings(frame, panels: panels), frame: frame, in: body, into: &buffer)
            if let failure = frame.failure { renderFailure(failure, in: body, into: &buffer) }
            if frame.view.showHelp { renderHelp(frame, in: body, into: &buffer) }
            return
        }
        let sideWidth = Self.sideWidth(width: body.width, zoomed: frame.view.zoomed)
        let (chartsArea, sideArea, _) = layOut(frame, panels: panels, body: body, into: &buffer)
        renderPanels(panels, frame: frame, in: chartsArea, into: &buffer)
        if let failure = frame.failure { renderFailure(failure, in: chartsArea, into: &buffer) }
        if sideWidth > 0 {
            renderFindings(sideFindings(frame, panels: panels), frame: frame, in: sideArea, into: &buffer)
        }
        if let picker = frame.view.picker, let shown = ViewState.SeriesScope.selected(frame.view.selectedPanel, of: panels).panels.first {
            picker.render("Series of \(panels[shown].title.displaySafe)", names: ViewState.names(panels[shown]),
                          hidden: frame.view.hidden(inPanel: shown), unicode: frame.unicode, in: body, into: &buffer)
        }
        if frame.view.showHelp { renderHelp(frame, in: body, into: &buffer) }
    }

    /// What the side panel lists: the lesson step's findings, the selected panel's caption,
    /// then the study's findings.
    func sideFindings(_ frame: DashboardFrame, panels: [Panel]) -> [Finding] {
        let caption = panels.isEmpty ? nil
            : screen.caption(of: frame.state, panel: min(frame.view.selectedPanel, panels.count - 1))
        return (frame.walk?.findings ?? []) + (caption.map { [Finding(text: $0, tone: .heading), Finding(text: "")] } ?? [])
            + screen.findings(of: frame.state, unicode: frame.unicode)
    }

    /// Whether `frame` drawn `width` columns wide shows the findings in place of the charts:
    /// asked for (`w`), too narrow for the side panel, and something to show.
    func showsFindingsInPlace(_ frame: DashboardFrame, width: Int) -> Bool {
        frame.view.showsFindings && !Self.sideFits(width: width)
            && !sideFindings(frame, panels: screen.panels(of: frame.state)).isEmpty
    }

    /// The findings in place of the charts in `area`: their lines, the rows shown, how far
    /// they scroll (the last row then says how).
    func findingsPage(_ findings: [Finding], in area: Rect) -> (lines: [Finding], rows: Int, maxScroll: Int) {
        let lines = findings.lines(width: max(1, area.width - 2))
        if lines.count <= area.height { return (lines, lines.count, 0) }
        let rows = max(1, area.height - 1)
        return (lines, rows, max(0, lines.count - rows))
    }

    /// How far the findings in place of the charts scroll in a `width`x`height` dashboard.
    func findingsMaxScroll(_ frame: DashboardFrame, width: Int, height: Int) -> Int {
        guard showsFindingsInPlace(frame, width: width) else { return 0 }
        return findingsPage(sideFindings(frame, panels: screen.panels(of: frame.state)),
                            in: Self.body(width: width, height: height)).maxScroll
    }

    private func renderFindingsInPlace(_ findings: [Finding], frame: DashboardFrame, in area: Rect, into buffer: inout Buffer) {
        let inner = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        let (lines, rows, maxScroll) = findingsPage(findings, in: area)
        let first = min(max(0, frame.view.findingsScroll), maxScroll)
        for (k, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            let (color, style) = Self.look(line.tone)
            buffer.write(line.text, x: inner.x, y: inner.y + k, foreground: color, style: style, clip: inner)
        }
        guard maxScroll > 0 else { return }
        let arrows = frame.unicode ? "↑↓" : "up/down"
        let span = "\(first + 1)\(frame.unicode ? "–" : "-")\(first + rows)"
        let hints = ["\(arrows) PgUp PgDn scroll · \(span) of \(lines.count) · w charts",
                     "\(arrows) PgUp PgDn scroll · \(span) of \(lines.count)", "\(arrows) scroll · \(span)"]
        let hint = hints.first { $0.count <= inner.width } ?? hints[hints.count - 1]
        buffer.write(hint, x: inner.x, y: inner.maxY - 1, foreground: .gray, clip: inner)
    }

    /// Splits the body into the charts' area and the side panel's, drawing the banners above
    /// the charts when there is no side panel; returns the selected panel's caption too.
    private func layOut(_ frame: DashboardFrame, panels: [Panel], body: Rect, into buffer: inout Buffer)
        -> (charts: Rect, side: Rect, caption: String?)
    {
        let sideWidth = Self.sideWidth(width: body.width, zoomed: frame.view.zoomed)
        var (chartsArea, sideArea) = body.splitColumns(at: body.width - sideWidth)
        let caption = panels.isEmpty ? nil
            : screen.caption(of: frame.state, panel: min(frame.view.selectedPanel, panels.count - 1))
        if sideWidth == 0 {
            // No side panel to say what to look at: the lesson's words and the selected panel's
            // caption go above the charts.
            if let walk = frame.walk { chartsArea = renderBanner(walk.look, rows: Self.lookRows, in: chartsArea, into: &buffer) }
            if let caption { chartsArea = renderBanner(caption, rows: Self.captionRows, in: chartsArea, into: &buffer) }
        }
        return (chartsArea, sideArea, caption)
    }

    /// Where each panel drawn in a `width` by `height` frame goes, with the panel as drawn:
    /// what a pointer is tested against.
    func placements(_ frame: DashboardFrame, width: Int, height: Int) -> [(rect: Rect, panel: ChartPanel)] {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return [] }
        var scratch = Buffer(width: width, height: height)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        let panels = screen.panels(of: frame.state)
        guard !panels.isEmpty, !showsFindingsInPlace(frame, width: width) else { return [] }
        let area = layOut(frame, panels: panels, body: body, into: &scratch).charts
        let selected = min(frame.view.selectedPanel, panels.count - 1)
        if frame.view.zoomed || panels.count == 1 {
            return [(area, ChartPanel(panel: panels[selected], view: frame.view, selected: panels.count > 1, index: selected,
                                      unicode: frame.unicode, colorMode: frame.colorMode, palette: frame.palette, zoomed: frame.view.zoomed))]
        }
        return Self.arrange(panels, selected: selected, in: area).shown.map { i, rect in
            (rect, ChartPanel(panel: panels[i], view: frame.view, selected: i == selected, index: i,
                              unicode: frame.unicode, colorMode: frame.colorMode, palette: frame.palette))
        }
    }

    /// Which panels a dashboard draws in its charts' area, and where.
    struct Arrangement {
        /// The panels drawn (by index, in their order) and their cells.
        var shown: [(index: Int, rect: Rect)]
        /// The panels folded away, by index; the row that names them.
        var folded: [Int] = []
        var note: Rect? = nil
    }

    /// Lays `panels` out in `area` as a grid, each panel given at least its `minimumSize`:
    /// where the grid cannot give every panel that much, the lowest priorities (among equals
    /// the later panels) fold, leaving the bottom row to name them. The selected panel never
    /// folds, so tab brings back each folded one (and `z` gives it the whole area).
    static func arrange(_ panels: [Panel], selected: Int, in area: Rect) -> Arrangement {
        guard !panels.isEmpty else { return Arrangement(shown: []) }
        let selected = min(max(0, selected), panels.count - 1)
        let others = panels.indices.filter { $0 != selected }.sorted { a, b in
            panels[a].priority != panels[b].priority ? panels[a].priority > panels[b].priority : a < b
        }
        let order = [selected] + others
        // The most panels that fit, in the grid's own shape or else in the first other number of columns that fits.
        func fit(_ count: Int, in rect: Rect) -> [(index: Int, rect: Rect)]? {
            let shown = order.prefix(count).sorted()
            let preferred = Layout.columns(rect, count: count)
            for columns in [preferred] + (1...count).filter({ $0 != preferred }) {
                // The rows share the height by their panels' weights (a study's main charts taller).
                let cells = Array(zip(shown, weighted(Layout.grid(rect, count: count, columns: columns, gap: Layout.panelGap),
                                                      weights: shown.map { panels[$0].heightWeight })))
                let fits = cells.allSatisfy { i, cell in
                    let least = panels[i].minimumSize
                    return cell.width >= least.width && cell.height >= least.height
                }
                if fits { return cells.map { (index: $0.0, rect: $0.1) } }
            }
            return nil
        }
        if let all = fit(panels.count, in: area) { return Arrangement(shown: all) }
        let (charts, note) = area.splitRows(at: max(0, area.height - 1))
        let shown = stride(from: panels.count - 1, through: 1, by: -1).lazy.compactMap { fit($0, in: charts) }.first
            ?? [(index: selected, rect: charts)]
        let drawn = Set(shown.map(\.index))
        return Arrangement(shown: shown, folded: panels.indices.filter { !drawn.contains($0) }, note: note)
    }

    /// The row under a dashboard's charts that names its folded panels: how many, that tab shows
    /// them, and their titles as far as they fit (cut with `…`).
    static func foldedNote(_ titles: [String], width: Int, unicode: Bool) -> String {
        let ellipsis = unicode ? "…" : "~"
        let head = " +\(titles.count) folded (tab shows each): "
        let text = head + titles.joined(separator: " · ")
        guard text.count > width else { return text }
        let short = " +\(titles.count) folded (tab)"
        guard head.count + 2 <= width else {
            return short.count <= width ? short : String(short.prefix(max(0, width - 1))) + ellipsis
        }
        return String(text.prefix(max(0, width - 1))) + ellipsis
    }

    /// The side panel's width in a dashboard `width` columns wide: none when narrow or zoomed
    /// (a zoomed panel takes the whole body, the side panel's too).
    static func sideWidth(width: Int, zoomed: Bool) -> Int {
        sideFits(width: width) && !zoomed ? min(44, width / 3) : 0
    }

    /// Whether a dashboard `width` columns wide has room for the side panel beside its charts.
    static func sideFits(width: Int) -> Bool { width >= 100 }

    /// The keys that work in `frame` drawn `width` columns wide: what its footer and help list.
    func keys(_ frame: DashboardFrame, width: Int) -> [KeyBinding<KeyAction>] {
        let panels = screen.panels(of: frame.state)
        return DashboardKeys.table(frame.keys, screen: screen, panels: panels, width: width, view: frame.view, walk: frame.walk,
                                   findings: !sideFindings(frame, panels: panels).isEmpty)
    }

    /// The selected panel of `frame`, nil when there is none.
    func selectedPanel(_ frame: DashboardFrame) -> Panel? {
        let panels = screen.panels(of: frame.state)
        return panels.isEmpty ? nil : panels[min(frame.view.selectedPanel, panels.count - 1)]
    }

    /// Only the selected panel, filling the buffer (for `e`, export as text).
    func renderSelectedPanel(_ frame: DashboardFrame, into buffer: inout Buffer) {
        let panels = screen.panels(of: frame.state)
        guard !panels.isEmpty else { return }
        let index = min(frame.view.selectedPanel, panels.count - 1)
        ChartPanel(panel: panels[index], view: frame.view, selected: false, index: index,
                   unicode: frame.unicode, colorMode: frame.colorMode, palette: frame.palette)
            .render(in: buffer.area, into: &buffer)
    }

    /// Exports the selected panel of `frame` (`e`) drawn `width` x `height` as text, with its
    /// data as CSV and SVG when it is a chart of lines; returns the footer's message.
    func export(_ frame: DashboardFrame, width: Int, height: Int) -> String {
        var frame = frame
        frame.colorMode = .none
        var buffer = Buffer(width: width, height: height)
        renderSelectedPanel(frame, into: &buffer)
        let index = min(frame.view.selectedPanel, max(0, screen.panels(of: frame.state).count - 1))
        return PanelExport.write(buffer, chart: selectedPanel(frame)?.chartData(view: frame.view, index: index, palette: frame.palette),
                                 study: screen.study, palette: frame.palette)
    }

    /// The notice drawn instead of a layout that cannot be read.
    /// A frame's header (its first row), body and footer (its last row); nil, with the notice
    /// drawn, when `buffer` is below the minimum size.
    static func frameAreas(_ buffer: inout Buffer) -> (header: Rect, body: Rect, footer: Rect)? {
        let area = buffer.area
        guard area.width >= minimumWidth, area.height >= minimumHeight else {
            renderTooSmall(into: &buffer)
            return nil
        }
        let (header, rest) = area.splitRows(at: 1)
        let (body, footer) = rest.splitRows(at: rest.height - 1)
        return (header, body, footer)
    }

    static func renderTooSmall(into buffer: inout Buffer) {
        let lines = ["terminal too small", "need \(Self.minimumWidth)x\(Self.minimumHeight)"]
        let top = max(0, buffer.height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let text = String(line.prefix(buffer.width))
            buffer.write(text, x: max(0, (buffer.width - text.count) / 2), y: top + i,
                         style: i == 0 ? .bold : [])
        }
    }

    private func renderHeader(_ frame: DashboardFrame, in area: Rect, into buffer: inout Buffer) {
        buffer.fill(area, with: Cell(" ", style: .reverse))
        // The status stays whole and the title gives way, cut with an ellipsis, down to the
        // study's name; then a long status (a failure's message) is cut instead.
        var right = "\(frame.status) · step \(frame.steps) "
        let name = frame.walk.map { " nndash lesson \($0.lesson) \($0.step)/\($0.count) \(screen.study)" }
            ?? " nndash \(screen.study)"
        var left = name + " · \(screen.title(of: frame.state))"
        // The recording's folder only where the whole title still fits beside it: the footer
        // says it for a few seconds when a run starts, and the keys keep the footer.
        if let folder = frame.recording?.displaySafe {
            let withFolder = "\(frame.status) · step \(frame.steps) · rec \(folder) "
            if left.count + 1 + withFolder.count <= area.width { right = withFolder }
        }
        let room = area.width - right.count - 1
        if left.count > room {
            if room > name.count + 1 {
                left = String(left.prefix(room - 1)) + "…"
            } else {
                left = name
                let rest = area.width - name.count - 2
                right = rest > 1 ? String(right.prefix(rest - 1)) + "… " : ""
            }
        }
        buffer.write(left, x: area.x, y: area.y, style: [.reverse, .bold], clip: area)
        let x = max(area.x + left.count + 1, area.maxX - right.count)
        buffer.write(right, x: x, y: area.y, style: .reverse, clip: area)
    }

    private func renderFooter(_ frame: DashboardFrame, in area: Rect, into buffer: inout Buffer) {
        let text = keys(frame, width: area.width).keyLine().text(width: area.width, note: frame.note)
        buffer.write(text, x: area.x, y: area.y, foreground: .gray, clip: area)
    }

    private func renderPanels(_ panels: [Panel], frame: DashboardFrame, in area: Rect, into buffer: inout Buffer) {
        guard !panels.isEmpty else {
            buffer.write(" waiting for the first step…", x: area.x, y: area.y + 1, foreground: .gray, clip: area)
            return
        }
        let selected = min(frame.view.selectedPanel, panels.count - 1)
        if frame.view.zoomed || panels.count == 1 {
            ChartPanel(panel: panels[selected], view: frame.view, selected: panels.count > 1, index: selected,
                       unicode: frame.unicode, colorMode: frame.colorMode, palette: frame.palette, zoomed: frame.view.zoomed,
                       feed: feed)
                .render(in: area, into: &buffer)
            feed?.keep(seriesCounts: panels.map(\.series.count))
            return
        }
        let arrangement = Self.arrange(panels, selected: selected, in: area)
        for (i, rect) in arrangement.shown {
            ChartPanel(panel: panels[i], view: frame.view, selected: i == selected, index: i,
                       unicode: frame.unicode, colorMode: frame.colorMode, palette: frame.palette, feed: feed)
                .render(in: rect, into: &buffer)
        }
        feed?.keep(seriesCounts: panels.map(\.series.count))
        if let note = arrangement.note, !arrangement.folded.isEmpty {
            let text = Self.foldedNote(arrangement.folded.map { panels[$0].title.displaySafe }, width: note.width - 1,
                                       unicode: frame.unicode)
            buffer.write(text, x: note.x, y: note.y, foreground: .gray, clip: note)
        }
    }

    /// The study's error across the top of its charts: what went wrong and what to do.
    private func renderFailure(_ message: String, in area: Rect, into buffer: inout Buffer) {
        let (line, _) = area.splitRows(at: 1)
        buffer.fill(line, with: Cell(" ", background: .red))
        let text = " experiment failed: \(message.displaySafe)  · r restart  q quit"
        buffer.write(text, x: line.x, y: line.y, foreground: .white, background: .red, style: .bold, clip: line)
    }

    /// `cells` (a grid's, row by row) with the rows' heights shared out by `weights` (one a
    /// cell; a row weighs as its heaviest cell), each row at least one row tall; as they are
    /// when the weights are all equal.
    static func weighted(_ cells: [Rect], weights: [Int]) -> [Rect] {
        guard Set(weights).count > 1, cells.count == weights.count, let top = cells.first?.y else { return cells }
        let starts = Array(Set(cells.map(\.y))).sorted()
        let bottom = cells.map(\.maxY).max() ?? top
        let rowWeights = starts.map { y in zip(cells, weights).filter { $0.0.y == y }.map { max(1, $0.1) }.max() ?? 1 }
        let total = rowWeights.reduce(0, +), height = bottom - top
        guard height >= starts.count else { return cells }
        // Each row's share, rounded down, then the rows left over to the heaviest first.
        var heights = rowWeights.map { max(1, height * $0 / total) }
        var left = height - heights.reduce(0, +)
        for i in rowWeights.indices.sorted(by: { rowWeights[$0] > rowWeights[$1] }) where left > 0 {
            heights[i] += 1
            left -= 1
        }
        var y = top
        var placed: [Int: (y: Int, height: Int)] = [:]
        for (i, start) in starts.enumerated() {
            placed[start] = (y, heights[i])
            y += heights[i]
        }
        return cells.map { cell in
            let row = placed[cell.y] ?? (cell.y, cell.height)
            return Rect(x: cell.x, y: row.y, width: cell.width, height: row.height)
        }
    }

    /// Up to `rows` rows of `text` (what a lesson step asks the learner to look at, a panel's
    /// caption) above the charts, the last cut with an ellipsis when there is more; returns the
    /// area left below them.
    private func renderBanner(_ text: String, rows: Int, in area: Rect, into buffer: inout Buffer) -> Rect {
        guard area.height >= 12 + rows, area.width > 10 else { return area }
        var lines = [Finding(text: text)].lines(width: area.width - 1).map(\.text)
        if lines.count > rows {
            lines = Array(lines.prefix(rows))
            lines[lines.count - 1] = String(lines[lines.count - 1].prefix(area.width - 2)) + "…"
        }
        let (banner, rest) = area.splitRows(at: lines.count)
        for (y, line) in zip(banner.y..<banner.maxY, lines) {
            buffer.write(line, x: banner.x, y: y, foreground: .default, style: [], clip: banner)
        }
        return rest
    }

    /// The most rows a lesson step's text takes above the charts on a narrow terminal.
    static let lookRows = 3
    /// The most rows the selected panel's caption takes above the charts on a narrow terminal.
    static let captionRows = 2

    private func renderFindings(_ findings: [Finding], frame: DashboardFrame, in area: Rect, into buffer: inout Buffer) {
        let inner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 3, height: area.height - 1)
        for x in area.x..<area.x + 1 {
            for y in area.y..<area.maxY {
                buffer[x, y] = Cell(frame.unicode ? "│" : "|", foreground: .gray)
            }
        }
        for (y, line) in zip(inner.y..<inner.maxY, findings.lines(width: inner.width)) {
            let (color, style) = Self.look(line.tone)
            buffer.write(line.text, x: inner.x, y: y, foreground: color, style: style, clip: inner)
        }
    }

    static func look(_ tone: Finding.Tone) -> (Color, TextStyle) {
        switch tone {
        case .plain: return (.default, [])
        case .heading: return (.default, .bold)
        case .good: return (.green, .bold)
        case .bad: return (.red, .bold)
        case .dim: return (.gray, [])
        }
    }

    /// Breaks `text` into lines at most `width` long, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if text.isEmpty { return [""] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty { current = word }
            else if current.count + 1 + word.count <= width { current += " " + word }
            else { lines.append(current); current = word }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The `?` overlay: the keys of this view, the study's own under a heading of their own.
    func helpOverlay(_ frame: DashboardFrame, width: Int) -> HelpOverlay {
        let keys = keys(frame, width: width)
        let own = keys.filter { if case .study = $0.presses.first?.action { true } else { false } }
        let shared = keys.filter { binding in !own.contains { $0.footer == binding.footer } }
        return HelpOverlay([("Keys", shared), ("Keys of \(screen.study)", own)], unicode: frame.unicode)
    }

    /// The help's lines unwrapped: headings, blanks, and one `KeyBinding.helpLine` a key.
    func helpLines(_ frame: DashboardFrame, width: Int) -> [String] {
        helpOverlay(frame, width: width).lines(width: .max / 2).map(\.text)
    }

    /// The part of a `width`x`height` dashboard between its header and its footer.
    static func body(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    private func renderHelp(_ frame: DashboardFrame, in area: Rect, into buffer: inout Buffer) {
        helpOverlay(frame, width: buffer.width).render(scroll: frame.view.helpScroll, in: area, into: &buffer)
    }
}
