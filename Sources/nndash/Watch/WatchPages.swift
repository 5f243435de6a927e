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
    init(pinned: [Int], sections: [Section], area: Rect) {
        var sections = sections.filter { !$0.panels.isEmpty }
        let largest = ([pinned.count] + sections.map(\.panels.count)).max() ?? 0
        guard largest > 0, area.width > 0, area.height > 0 else {
            pages = [Page()]
            return
        }
        let columns = max(1, min(largest, area.width / Self.minimumWidth))
        let headed = sections.count + (pinned.isEmpty ? 0 : 1) > 1
        let heading = headed ? 1 : 0
        func rows(_ count: Int) -> Int { (count + columns - 1) / columns }
        // The pinned charts stay on every page while they leave a row for the others;
        // otherwise they lead the first page like any group.
        var pinnedBlock: Section?
        if !pinned.isEmpty {
            let height = heading + rows(pinned.count) * Self.minimumHeight
            if sections.isEmpty || height + heading + Self.minimumHeight <= area.height {
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
        for section in sections {
            let sectionRows = stride(from: 0, to: section.panels.count, by: columns).map {
                Array(section.panels[$0..<min($0 + columns, section.panels.count)])
            }
            for (r, row) in sectionRows.enumerated() {
                let needsHeading = headed && (r == 0 || lines[lines.count - 1].isEmpty)
                let height = (needsHeading ? heading : 0) + Self.minimumHeight
                if used + height > area.height && !lines[lines.count - 1].isEmpty {
                    lines.append([])
                    used = pinnedHeight
                }
                if headed && (r == 0 || lines[lines.count - 1].isEmpty) {
                    let count = section.panels.count
                    lines[lines.count - 1].append(.heading("\(section.name) · \(count) \(count == 1 ? "chart" : "charts")"))
                    used += heading
                }
                lines[lines.count - 1].append(.row(row))
                used += Self.minimumHeight
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
            for line in page {
                switch line {
                case .heading(let text):
                    result.headings.append((text, Rect(x: area.x, y: y, width: area.width, height: 1)))
                    y += 1
                case .row(let panels):
                    let height = free / max(1, chartRows) + (r < free % max(1, chartRows) ? 1 : 0)
                    for (c, panel) in panels.enumerated() {
                        let x0 = area.x + area.width * c / panels.count, x1 = area.x + area.width * (c + 1) / panels.count
                        result.charts.append((panel, Rect(x: x0, y: y, width: x1 - x0, height: min(height, area.maxY - y))))
                    }
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
