import NNCharts

/// The watch view's charts in pages, as TensorBoard lays out its cards: grouped by tag prefix
/// under a heading per group, the pinned charts first on every page, each chart at least
/// `minimumWidth` by `minimumHeight` cells so that its legend and axes stay readable. A page
/// holds the rows that fit; the rows of a page share out the height left over.
struct WatchPages: Equatable {
    /// A group of charts: its heading (empty: none is drawn) and its charts, as indices into
    /// the view's panels.
    struct Section: Equatable {
        var name: String
        var panels: [Int]
    }

    /// One page: where each chart and each heading goes.
    struct Page: Equatable {
        var charts: [(panel: Int, rect: Rect)] = []
        var headings: [(text: String, rect: Rect)] = []

        static func == (a: Page, b: Page) -> Bool {
            a.charts.elementsEqual(b.charts) { $0.panel == $1.panel && $0.rect == $1.rect }
                && a.headings.elementsEqual(b.headings) { $0.text == $1.text && $0.rect == $1.rect }
        }
    }

    /// The smallest chart drawn: room for a title row, a plot of five rows with its y labels,
    /// and the x axis with its labels.
    static let minimumWidth = 36
    static let minimumHeight = 10

    private(set) var pages: [Page] = []

    /// Lays out `pinned` (on every page) and `sections` in `area`. Headings are drawn when
    /// there is more than one section, or pinned charts beside others.
    /// - Parameter grid: the rows and columns of charts on a page (already fitted to `area`);
    ///   nil: as many as fit at `minimumWidth` by `minimumHeight`.
    init(pinned: [Int], sections: [Section], area: Rect, grid: WatchGrid? = nil) {
        var sections = sections.filter { !$0.panels.isEmpty }
        let largest = ([pinned.count] + sections.map(\.panels.count)).max() ?? 0
        guard largest > 0, area.width > 0, area.height > 0 else {
            pages = [Page()]
            return
        }
        let columns = grid?.columns ?? max(1, min(largest, Layout.columns(fitting: area.width, cellWidth: Self.minimumWidth)))
        let headed = sections.count + (pinned.isEmpty ? 0 : 1) > 1
        let heading = headed ? 1 : 0
        func rows(_ count: Int) -> Int { (count + columns - 1) / columns }
        // The pinned charts stay on every page while they leave a row for the others;
        // otherwise they lead the first page like any group.
        var pinnedBlock: Section?
        if !pinned.isEmpty {
            let height = heading + rows(pinned.count) * Self.minimumHeight
            let leavesARow = grid.map { rows(pinned.count) < $0.rows } ?? (height + heading + Self.minimumHeight <= area.height)
            if sections.isEmpty || leavesARow {
                pinnedBlock = Section(name: "pinned", panels: pinned)
            } else {
                sections.insert(Section(name: "pinned", panels: pinned), at: 0)
            }
        }
        let pinnedHeight = pinnedBlock.map { heading + rows($0.panels.count) * Self.minimumHeight } ?? 0

        // Each page: its lines, a heading or a row of charts, in order.
        enum Line { case heading(String), row([Int]) }
        var lines: [[Line]] = [[]]
        var used = pinnedHeight
        // With a grid, a page holds its rows of charts, the pinned ones' among them.
        let pinnedRows = pinnedBlock.map { rows($0.panels.count) } ?? 0
        var rowsOnPage = pinnedRows
        for section in sections {
            let sectionRows = stride(from: 0, to: section.panels.count, by: columns).map {
                Array(section.panels[$0..<min($0 + columns, section.panels.count)])
            }
            for (r, row) in sectionRows.enumerated() {
                let needsHeading = headed && (r == 0 || lines[lines.count - 1].isEmpty)
                let height = (needsHeading ? heading : 0) + Self.minimumHeight
                let full = grid.map { rowsOnPage >= $0.rows } ?? (used + height > area.height)
                if full && !lines[lines.count - 1].isEmpty {
                    lines.append([])
                    used = pinnedHeight
                    rowsOnPage = pinnedRows
                }
                if headed && (r == 0 || lines[lines.count - 1].isEmpty) {
                    let count = section.panels.count
                    lines[lines.count - 1].append(.heading("\(section.name) · \(count) \(count == 1 ? "chart" : "charts")"))
                    used += heading
                }
                lines[lines.count - 1].append(.row(row))
                used += Self.minimumHeight
                rowsOnPage += 1
            }
        }
        if let pinnedBlock {
            let pinnedLines = [Line.heading("pinned · \(pinnedBlock.panels.count)")] .filter { _ in headed }
                + stride(from: 0, to: pinnedBlock.panels.count, by: columns).map {
                    Line.row(Array(pinnedBlock.panels[$0..<min($0 + columns, pinnedBlock.panels.count)]))
                }
            lines = lines.map { pinnedLines + $0 }
        }

        pages = lines.map { page in
            // The rows share the height the headings leave, the first ones a row more.
            let headings = page.filter { if case .heading = $0 { true } else { false } }.count
            let chartRows = page.count - headings
            let free = max(0, area.height - headings)
            var result = Page()
            var y = area.y, r = 0
            // A grid keeps its rows' height and its columns' width on a page not full.
            let shares = max(1, grid?.rows ?? chartRows)
            for line in page {
                switch line {
                case .heading(let text):
                    result.headings.append((text, Rect(x: area.x, y: y, width: area.width, height: 1)))
                    y += 1
                case .row(let panels):
                    let height = free / shares + (r < free % shares ? 1 : 0)
                    let across = grid?.columns ?? panels.count
                    let row = Rect(x: area.x, y: y, width: area.width, height: min(height, area.maxY - y))
                    for (c, panel) in panels.enumerated() { result.charts.append((panel, row.column(c, of: across, gap: Layout.panelGap))) }
                    y += height
                    r += 1
                }
            }
            return result
        }
    }

    /// The page that shows `panel` (a pinned one is on every page: the first), or nil.
    func page(of panel: Int) -> Int? {
        pages.firstIndex { $0.charts.contains { $0.panel == panel } }
    }
}
