import NNCharts
import NNRuns
import NNStudies
import NNText
import Testing
@testable import nndash

/// Panels of every kind rendered into a buffer, and the studies' keys.
@Suite struct PanelRenderingTests {
    func render(_ panel: Panel, width: Int = 60, height: Int = 16, unicode: Bool = true) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        ChartPanel(panel: panel, view: ViewState(), selected: false, unicode: unicode, colorMode: .none)
            .render(in: buffer.area, into: &buffer)
        return buffer
    }

    @Test func tableShowsTitleColumnsAndRows() {
        let text = render(Panel(title: "gains", content: .table(columns: ["name", "gain"], rows: [["tanh", "1.6667"], ["relu", "1.4142"]]))).plainText
        let lines = text.split(separator: "\n").map(String.init)
        // One blank column on each side keeps a table apart from the panels beside it.
        #expect(lines[0].hasPrefix(" gains"))
        #expect(lines.allSatisfy { $0.first == " " && ($0.count < 60 || $0.last == " ") })
        #expect(lines.contains { $0.contains("tanh") && $0.contains("1.6667") })
        #expect(lines.contains { $0.contains("relu") && $0.contains("1.4142") })
    }

    @Test func barsShowEveryLabelAndValue() {
        let text = render(Panel(title: "std", content: .bars([.init(label: "a", value: 2), .init(label: "b", value: -1)]))).plainText
        #expect(text.contains("std"))
        #expect(text.contains("a") && text.contains("b"))
        #expect(text.contains("-1"))
    }

    @Test func heatmapDrawsItsPathsInBraille() {
        let heat = HeatmapContent(values: (0..<20).map { r in (0..<40).map { c in Double(r * c + 1) } },
                                  xRange: -1...1, yRange: -1...1, logValues: true)
        let path = Series(label: "Adam", x: [-0.9, 0, 0.9], y: [-0.9, 0.5, 0.9])
        let text = render(Panel(title: "paths", series: [path], content: .heatmap(heat))).plainText
        #expect(text.contains("paths"))
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    @Test func hiddenPathsAreNotDrawn() {
        let heat = HeatmapContent(values: [[1, 2], [3, 4]], xRange: 0...1, yRange: 0...1, logValues: false)
        let path = Series(label: "SGD", x: [0.1, 0.9], y: [0.1, 0.9])
        var view = ViewState()
        view.hiddenSeries = [0: [0]]
        var buffer = Buffer(width: 40, height: 12)
        ChartPanel(panel: Panel(title: "p", series: [path], content: .heatmap(heat)), view: view, selected: false,
                   unicode: true, colorMode: .none).render(in: buffer.area, into: &buffer)
        #expect(!buffer.plainText.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    @Test func diagramDrawsBoxesArrowsAndLabels() {
        let diagram = Diagram(boxes: [.init(title: "in", lines: ["0.05"], column: 0), .init(title: "out", lines: ["0.75"], column: 1)],
                              arrows: [.init(from: 0, to: 1, labels: ["w=0.4"])])
        let buffer = render(Panel(title: "net", content: .diagram(diagram)), width: 50, height: 9)
        let lines = buffer.lines
        #expect(lines[0].hasPrefix("net"))
        let row = lines.first { $0.contains("0.05") && $0.contains("0.75") } ?? ""
        #expect(row.contains("w=0.4▶"))
        #expect(buffer.plainText.contains("╭ in ╮"))
        #expect(buffer.plainText.contains("╭ out ╮"))
    }

    @Test func diagramFallsBackToASCII() {
        let diagram = Diagram(boxes: [.init(title: "a", lines: ["1"], column: 0), .init(title: "b", lines: ["2"], column: 1)],
                              arrows: [.init(from: 0, to: 1)])
        let text = render(Panel(title: "net", content: .diagram(diagram)), width: 30, height: 6, unicode: false).plainText
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains(">"))
    }

    @Test func helpOverlayListsTheStudysKeys() {
        let settings = LiveSettings(GradientDescent.Configuration())
        var view = ViewState()
        view.showHelp = true
        let frame = DashboardFrame(state: nil, status: "running", steps: 0, note: nil, view: view, unicode: true, colorMode: .none)
        var buffer = Buffer(width: 100, height: 36)
        DashboardRenderer(screen: GradientDescentScreen(settings: settings)).render(frame, into: &buffer)
        #expect(buffer.plainText.contains("Keys of gd"))
        #expect(buffer.plainText.contains("seed's learning rates"))
        #expect(buffer.plainText.contains("pause / resume"))
    }

    @Test func gdKeysWalkTheSeedsLearningRates() {
        let settings = LiveSettings(GradientDescent.Configuration(lr: 0.2))
        let screen = GradientDescentScreen(settings: settings)
        #expect(screen.handle(.character("]")) == .restart)
        #expect(settings.value.lr == 0.125)
        #expect(screen.handle(.character("[")) == .restart)
        #expect(screen.handle(.character("[")) == .restart)
        #expect(settings.value.lr == 0.5)
        #expect(screen.handle(.character("q")) == nil)
    }

    @Test func momentumKeysChangeTheSelectedRun() {
        let settings = LiveSettings(MomentumScreen.Settings(configuration: .init()))
        let screen = MomentumScreen(settings: settings)
        #expect(screen.handle(.character("n")) == .redraw)
        #expect(settings.value.selected == 1)
        #expect(screen.handle(.character("}")) == .restart)
        #expect(abs(settings.value.configuration.runs[1].momentum - 0.05) < 1e-12)
        #expect(screen.handle(.character("]")) == .restart)
        #expect(abs(settings.value.configuration.runs[1].lr - 0.03 * 1.25) < 1e-12)
        #expect(settings.value.configuration.runs[0] == MomentumComparison.Configuration.seedRuns[0])
        // Nesterov (the last of five) keeps a positive momentum.
        for _ in 0..<4 { _ = screen.handle(.character("n")) }
        #expect(settings.value.selected == 0)
        for _ in 0..<4 { _ = screen.handle(.character("n")) }
        for _ in 0..<30 { _ = screen.handle(.character("{")) }
        #expect(settings.value.configuration.runs[4].nesterov)
        #expect(settings.value.configuration.runs[4].momentum == 0.05)
    }

    /// Each β has one number (key, colour) in the three panels of averages, and the noisy
    /// sequence they average is a dim background line under them, with the last number.
    @Test func momentumAveragesShareTheirNumbersAndTheDataIsBackground() throws {
        let snapshot = LessonViewTests.momentum
        let screen = MomentumScreen(settings: LiveSettings(.init(configuration: snapshot.configuration)))
        let panels = screen.panels(for: snapshot)
        let betas = snapshot.configuration.betas.map { "beta=\(NumberFormat.short($0))" }
        let weights = try #require(panels.first { $0.title.hasPrefix("weight") })
        #expect(weights.series.map(\.label) == betas)
        for panel in panels where panel.title.hasPrefix("average") || panel.title.hasPrefix("bias-corrected") {
            #expect(panel.series.map(\.label) == betas + ["theta"], "\(panel.title)")
            #expect(panel.backgroundSeries == [betas.count] && panel.pointSeries.isEmpty, "\(panel.title)")
            let chart = ChartPanel(panel: panel, view: ViewState(), selected: false, unicode: true, colorMode: .palette256).lineChart
            #expect(chart.series.map(\.isBackground) == betas.map { _ in false } + [true])
        }
    }

    /// Rows of the grid share the height by their panels' weights: momentum's loss and x
    /// are taller than the averages that explain them, the rows still tile the area.
    @Test func gridRowsShareTheHeightByWeight() {
        let area = Rect(x: 0, y: 1, width: 80, height: 34)
        let equal = Layout.grid(area, count: 5)
        #expect(DashboardRenderer.weighted(equal, weights: [1, 1, 1, 1, 1]) == equal)
        let cells = DashboardRenderer.weighted(equal, weights: [3, 3, 2, 2, 2])
        #expect(cells.map(\.x) == equal.map(\.x) && cells.map(\.width) == equal.map(\.width))
        let rows = Array(Set(cells.map { [$0.y, $0.height] })).sorted { $0[0] < $1[0] }
        #expect(rows.first?[0] == area.y && rows.last.map { $0[0] + $0[1] } == area.maxY)
        for (a, b) in zip(rows, rows.dropFirst()) { #expect(a[0] + a[1] == b[0], "rows \(a) \(b) do not meet") }
        #expect(rows.map { $0[1] } == [15, 10, 9])
        // The momentum dashboard at 120x36: loss by iteration at least half as tall again as an average's panel.
        let snapshot = LessonViewTests.momentum
        let screen = MomentumScreen(settings: LiveSettings(.init(configuration: snapshot.configuration)))
        let frame = DashboardFrame(state: snapshot, status: "finished", steps: 100, note: nil, view: ViewState(),
                                   unicode: true, colorMode: .palette256)
        let placed = DashboardRenderer(screen: screen).placements(frame, width: 120, height: 36)
        let loss = placed.first { $0.panel.panel.title == "loss by iteration" }?.rect.height ?? 0
        let average = placed.first { $0.panel.panel.title.hasPrefix("average") }?.rect.height ?? 0
        #expect(loss >= 14 && 2 * loss >= 3 * average, "loss \(loss) rows, average \(average)")
    }

    /// At 80 columns the momentum dashboard puts its runs' charts two a row, each at least half
    /// the width less the blank column between them, not three (26 columns each); so at 120 (80
    /// of charts) and 200 columns.
    @Test(arguments: [(80, 24), (120, 36), (200, 60)])
    func momentumRunsChartsGetHalfTheWidth(_ size: (width: Int, height: Int)) {
        let snapshot = LessonViewTests.momentum
        let screen = MomentumScreen(settings: LiveSettings(.init(configuration: snapshot.configuration)))
        let frame = DashboardFrame(state: snapshot, status: "finished", steps: 100, note: nil, view: ViewState(),
                                   unicode: true, colorMode: .palette256)
        let placed = DashboardRenderer(screen: screen).placements(frame, width: size.width, height: size.height)
        let charts = size.width - DashboardRenderer.sideWidth(width: size.width, zoomed: false)
        for title in ["loss by iteration", "x by iteration"] {
            let rect = placed.first { $0.panel.panel.title == title }?.rect
            #expect((rect?.width ?? 0) >= MomentumScreen.runsChartWidth && 2 * (rect?.width ?? 0) >= charts - 2,
                    "\(size): \(title) in \(String(describing: rect))")
        }
    }

    @Test func optimizersKeyCyclesTheFunctions() {
        let settings = LiveSettings(OptimizerPaths.Configuration())
        let screen = OptimizersScreen(settings: settings)
        var seen: [SurfaceFunction] = []
        for _ in SurfaceFunction.allCases {
            #expect(screen.handle(.character("f")) == .restart)
            seen.append(settings.value.function)
        }
        #expect(Set(seen) == Set(SurfaceFunction.allCases))
        #expect(settings.value.function == .rosenbrock)
    }

    @Test func backpropScreenLaysTheNetworkOut() throws {
        var study = Backprop222(.init(lr: 0.5, steps: 1))
        _ = try study.step()
        let panels = BackpropScreen().panels(for: try #require(study.snapshot as? Backprop222.Snapshot))
        guard case .diagram(let diagram) = panels[0].content else {
            Issue.record("the first panel is not a diagram")
            return
        }
        #expect(diagram.boxes.count == 6)
        #expect(diagram.arrows.count == 8)
        // Mazur's example: w5 goes from h1 to o1 and starts at 0.40.
        let w5 = try #require(diagram.arrows.first { $0.labels.last == "w5" })
        #expect(w5.from == 2 && w5.to == 4)
        #expect(w5.labels.first?.hasPrefix("w5=0.40 ∂") == true)
    }
}
