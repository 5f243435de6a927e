import NNText
@testable import nndash
import NNCharts
import NNStudies
import Testing

/// backprop's diagram read back from the drawn buffer at every size: boxes apart, every box
/// of a layer showing the same rows, each value whole on its own row, arrows ending in a head
/// at their box, labels clear of the boxes.
@Suite struct BackpropDiagramTests {
    static let sizes = DashboardLegibilityTests.sizes + [(40, 12)]

    /// The diagram of a finished run of `steps` steps.
    static func diagram(steps: Int) throws -> Diagram {
        let state = try #require(try StudyLauncher.runToEnd(Backprop222(.init(lr: 0.9, steps: steps))) as? Backprop222.Snapshot)
        guard case .diagram(let diagram) = BackpropScreen().panels(for: state)[0].content else {
            Issue.record("the first panel is not a diagram")
            return Diagram(boxes: [], arrows: [])
        }
        return diagram
    }

    /// The diagram's area in the dashboard drawn `width`x`height`: below its panel's title, in
    /// the cell the renderer gave it (the other panels fold when there is no room for them).
    static func area(width: Int, height: Int, state: any StudySnapshot) -> Rect {
        let frame = DashboardFrame(state: state, status: "finished", steps: 1, note: nil, view: ViewState(), unicode: true,
                                   colorMode: .palette256)
        let placed = DashboardRenderer(screen: BackpropScreen()).placements(frame, width: width, height: height)
        return (placed.first { $0.panel.index == 0 }?.rect ?? Rect(x: 0, y: 0, width: 0, height: 0)).splitRows(at: 1).bottom
    }

    @Test(arguments: [1, 200])
    func boxesDoNotOverlapAndShowTheirValuesWhole(steps: Int) throws {
        let diagram = try Self.diagram(steps: steps)
        let state = try StudyLauncher.runToEnd(Backprop222(.init(lr: 0.9, steps: steps)))
        for (width, height) in Self.sizes {
            let rows = DashboardLegibilityTests.render(BackpropScreen(), state, view: ViewState(), width: width, height: height)
            let area = Self.area(width: width, height: height, state: state)
            let layout = diagram.layout(in: area)
            let at = "\(width)x\(height), \(steps) steps"
            for (i, a) in layout.frames.enumerated() {
                #expect(!a.isEmpty && a.intersection(area) == a, "\(at): box \(i) \(a) outside \(area)")
                for b in layout.frames[(i + 1)...] {
                    #expect(a.intersection(b).isEmpty, "\(at): boxes \(a) and \(b) overlap")
                }
            }
            // The boxes of a layer show the same rows: o1 has ∂b when o2 has it.
            for column in diagram.columns {
                #expect(Set(column.map { layout.shownLines[$0] }).count == 1, "\(at): column \(column) \(layout.shownLines)")
            }
            #expect(layout.shownLines[4] >= 2 || height < 24, "\(at): o1 shows \(layout.shownLines[4]) lines")
            // Each shown line is on its row, followed by the border or a blank: no value runs into another.
            for (i, box) in diagram.boxes.enumerated() {
                let frame = layout.frames[i]
                let inner = layout.bordered ? frame.inset(dx: 1, dy: 1) : frame
                let lines = (layout.bordered ? [] : [box.title]) + box.lines.prefix(layout.shownLines[i])
                for (k, line) in lines.enumerated() {
                    let row = Array(rows[inner.y + k])
                    let drawn = String(row[inner.x..<inner.maxX]).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
                    let whole = line.count <= inner.width
                    #expect(whole ? drawn == line : drawn.hasSuffix("…") && line.hasPrefix(drawn.dropLast()),
                            "\(at): box \(box.title) row \(k) drew \"\(drawn)\" for \"\(line)\"")
                    if inner.maxX < row.count, layout.bordered {
                        #expect(row[inner.maxX] == "│", "\(at): box \(box.title) row \(k) has no right border")
                    }
                }
                if layout.bordered {
                    #expect(rows[frame.y].dropFirst(frame.x).hasPrefix("╭ \(box.title) "), "\(at): box \(box.title)'s title")
                }
            }
            // Every arrow ends in a head right before its box, its label (if any) right before the head.
            for (k, a) in layout.arrows.enumerated() {
                let head = layout.heads[k], target = layout.frames[diagram.arrows[a].to]
                #expect(head.x == target.x - 1 && (target.y..<target.maxY).contains(head.y))
                #expect(Array(rows[head.y])[head.x] == "▶", "\(at): no head for arrow \(a)")
                if let label = layout.labels[k] {
                    #expect(diagram.arrows[a].labels.contains(label.text))
                    #expect(String(Array(rows[head.y])[label.x..<head.x]) == label.text, "\(at): label \(label.text)")
                    let rect = Rect(x: label.x, y: head.y, width: label.text.count, height: 1)
                    #expect(layout.frames.allSatisfy { $0.intersection(rect).isEmpty })
                }
            }
            // From 120 columns every weight is named on its arrow with its value and gradient.
            if width >= 120 {
                #expect(layout.labels.allSatisfy { $0 != nil && $0!.text.contains("∂") }, "\(at): \(layout.labels)")
            }
        }
    }

    /// With one step there is no curve: the loss is a number, not a dot on an axis around 0.
    @Test func oneStepShowsTheLossAsANumber() throws {
        let state = try #require(try StudyLauncher.runToEnd(Backprop222(.init(lr: 0.5, steps: 1))) as? Backprop222.Snapshot)
        let panel = try #require(BackpropScreen().panels(for: state).last)
        guard case .table(_, let rows) = panel.content else {
            Issue.record("one step's loss panel is not a table")
            return
        }
        #expect(rows == [["0", NumberFormat.fixed(state.losses[0], decimals: 6)]])
        let two = try #require(try StudyLauncher.runToEnd(Backprop222(.init(lr: 0.5, steps: 2))) as? Backprop222.Snapshot)
        guard case .lines = try #require(BackpropScreen().panels(for: two).last).content else {
            Issue.record("two steps' loss panel is not a chart")
            return
        }
    }
}
