@testable import nndash
import NNCharts
import NNStudies
import Testing

/// Architecture rule 12 on the losses dashboard, read back from what it drew: each panel drawn
/// gets at least its minimum size, the others fold and the row under the charts counts them,
/// tab brings each back, and a table shows its kept columns whole in its header, its cells as
/// the data has them (or cut with `…`), rows told apart, and says what it left out.
@Suite struct PanelFoldingTests {
    static let sizes = DashboardLegibilityTests.sizes + [(40, 12)]

    static func losses() throws -> (any StudyScreen, any StudySnapshot) {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "losses" })
        return (dashboard.screen, try dashboard.snapshot())
    }

    /// `line`'s characters from `x`, `count` of them (blanks past its end).
    static func slice(_ line: String, x: Int, count: Int) -> String {
        let chars = Array(line)
        return String((x..<x + count).map { $0 < chars.count ? chars[$0] : " " })
    }

    /// Whether `drawn` (trimmed) is `text`, or a start of it ending in `…`.
    static func shows(_ drawn: String, _ text: String) -> Bool {
        let drawn = drawn.trimmingCharacters(in: .whitespaces)
        if drawn == text { return true }
        return drawn.hasSuffix("…") && !drawn.dropLast().isEmpty && text.hasPrefix(String(drawn.dropLast()))
    }

    @Test func tabBringsBackEveryFoldedPanelAndEachDrawnPanelHasItsRoom() throws {
        let (screen, state) = try Self.losses()
        let panels = screen.panels(of: state)
        let renderer = DashboardRenderer(screen: screen)
        for (width, height) in Self.sizes {
            var view = ViewState()
            for _ in panels.indices {
                let frame = DashboardFrame(state: state, status: "finished", steps: 7, note: nil, view: view, unicode: true,
                                           colorMode: .none)
                let placed = renderer.placements(frame, width: width, height: height)
                let shown = placed.map(\.panel.index)
                #expect(shown.contains(view.selectedPanel), "\(width)x\(height): panel \(view.selectedPanel) selected but not drawn")
                if width >= 80 { #expect(shown.count >= 2, "\(width)x\(height): only \(shown) drawn") }
                if shown.count > 1 {
                    for (rect, panel) in placed {
                        let least = panel.panel.minimumSize
                        #expect(rect.width >= least.width && rect.height >= least.height,
                                "\(width)x\(height): \(panel.panel.title) in \(rect.width)x\(rect.height), needs \(least)")
                    }
                }
                var buffer = Buffer(width: width, height: height)
                renderer.render(frame, into: &buffer)
                let lines = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let folded = panels.count - shown.count
                if folded > 0 {
                    #expect(lines.contains { $0.hasPrefix(" +\(folded) folded (tab") },
                            "\(width)x\(height): no row says \(folded) panels are folded")
                }
                for (rect, panel) in placed { try Self.checkTable(panel, in: rect, lines: lines, size: "\(width)x\(height)") }
                // tab, as the key table has it, selects the next panel.
                let keys = renderer.keys(frame, width: width)
                _ = view.handle(.tab, table: keys, panelCount: panels.count, series: .selected(view.selectedPanel, of: panels))
            }
            #expect(view.selectedPanel == 0, "tab went through every panel and back to the first")
        }
    }

    /// A table panel drawn in `rect`: its kept columns' titles whole in the header, every cell
    /// drawn as the data has it or cut with `…`, first cells told apart, rows left out counted.
    static func checkTable(_ drawn: ChartPanel, in rect: Rect, lines: [String], size: String) throws {
        guard case .table(let columns, let rows) = drawn.panel.content else { return }
        let table = ChartPanel.table(columns: columns, rows: rows, priorities: drawn.panel.columnPriorities, dotGrid: .braille)
        let layout = table.layout(fitting: rect.width - 2)
        let left = columns.count - layout.count
        let title = lines[rect.y]
        #expect(left == 0 || title.contains("(+\(left) column"), "\(size): \(drawn.panel.title) leaves out \(left) columns unsaid")
        #expect(layout.first?.column == 0)
        var x = rect.x + 1
        var cells: [(column: Int, x: Int, width: Int)] = []
        for (c, width) in layout {
            cells.append((c, x, width))
            x += width + 1
        }
        for (c, x, width) in cells {
            #expect(Self.slice(lines[rect.y + 1], x: x, count: width).trimmingCharacters(in: .whitespaces) == columns[c],
                    "\(size): \(drawn.panel.title) header of \(columns[c])")
        }
        let room = rect.height - 3
        let shown = rows.count <= room ? rows.count : room - 1
        var firsts: [String] = []
        for r in 0..<max(0, shown) {
            for (c, x, width) in cells {
                let text = Self.slice(lines[rect.y + 3 + r], x: x, count: width)
                #expect(Self.shows(text, rows[r][c]), "\(size): \(drawn.panel.title) row \(r) \(columns[c]) drew \"\(text)\" for \"\(rows[r][c])\"")
                if c == 0 { firsts.append(text) }
            }
        }
        #expect(Set(firsts).count == Set(rows.prefix(max(0, shown)).map { $0[0] }).count,
                "\(size): \(drawn.panel.title) rows cannot be told apart: \(firsts)")
        if shown < rows.count {
            #expect(lines[rect.y + 3 + shown].contains("+\(rows.count - shown) more rows"), "\(size): \(drawn.panel.title) rows left out unsaid")
        }
    }
}
