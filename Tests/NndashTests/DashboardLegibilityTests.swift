@testable import nndash
import Foundation
import NNCharts
import NNStudies
import Testing

/// Every dashboard at the four terminal sizes people use: the key line shows `? help` whole,
/// and what `s`/`S`, `l`, a digit and `z` set is written in the panel's title, read back
/// from the drawn rows.
@Suite struct DashboardLegibilityTests {
    /// A study's screen and a finished snapshot of a small run of it.
    struct Dashboard: CustomTestStringConvertible, Sendable {
        var screen: any StudyScreen
        var make: @Sendable () throws -> any Study
        var testDescription: String { screen.study }

        func snapshot() throws -> any StudySnapshot { try StudyLauncher.runToEnd(make()) }
    }

    static let dashboards: [Dashboard] = [
        Dashboard(screen: SweepScreen()) { LearningRateSweep(.init(num: 10, iterations: 40)) },
        Dashboard(screen: GradientDescentScreen(settings: LiveSettings(GradientDescent.Configuration()))) {
            GradientDescent(.init())
        },
        Dashboard(screen: MomentumScreen(settings: LiveSettings(.init(configuration: .init())))) {
            MomentumComparison(.init(iterations: 30))
        },
        Dashboard(screen: OptimizersScreen(settings: LiveSettings(OptimizerPaths.Configuration()))) {
            OptimizerPaths(.init(iterations: 500))
        },
        Dashboard(screen: InitScreen(layers: 20)) { InitializationDepth(.init(layers: 20, width: 32, batch: 8, seed: 5)) },
        Dashboard(screen: LRFindScreen()) {
            var c = TrainingConfiguration()
            c.model = .mlp
            (c.data, c.optimizer, c.hidden, c.seed) = (.blobs, .Adam, 16, 3)
            var range = LRFinder.Range()
            (range.startLR, range.endLR, range.numIter) = (1e-4, 10, 30)
            return try LRFinder(c, range: range)
        },
        Dashboard(screen: RegressionScreen()) {
            TemperatureRegression(.init(runs: [.init(optimizer: .SGD, lr: 1e-2, inputScale: 0.1),
                                               .init(optimizer: .Adam, lr: 0.05, inputScale: 0.1)],
                                        epochs: 50, validationFraction: 0.3, seed: 4))
        },
        Dashboard(screen: ActivationsScreen()) { ActivationGallery(.init()) },
        Dashboard(screen: LossesScreen()) { LossGallery(.init(points: 9)) },
        Dashboard(screen: TrainScreen()) {
            var c = TrainingConfiguration()
            c.model = .mlp
            (c.data, c.epochs, c.batchSize, c.hidden) = (.moons, 2, 100, 8)
            return try Training(c)
        },
        Dashboard(screen: BackpropScreen()) { Backprop222(.init(lr: 0.9, steps: 5)) },
        Dashboard(screen: OptimizerSessionScreen(settings: LiveSettings(OptimizerSession.Configuration()))) {
            var c = OptimizerSession.Configuration(actions: OptimizerSession.Configuration.lessonActions + [.load])
            c.optimizer = .Adam
            return OptimizerSession(c)
        },
        Dashboard(screen: ConceptsScreen()) { LossConcepts(.init(points: 51)) },
        Dashboard(screen: DeadReLUScreen(settings: LiveSettings(DeadUnits.Configuration(hidden: 16, steps: 40)))) {
            DeadUnits(.init(hidden: 16, steps: 40))
        },
    ]

    static let sizes = [(80, 24), (100, 30), (120, 36), (200, 60)]

    static func render(_ screen: any StudyScreen, _ state: any StudySnapshot, view: ViewState,
                       width: Int, height: Int, note: String? = nil) -> [String] {
        var buffer = Buffer(width: width, height: height)
        let frame = DashboardFrame(state: state, status: "finished", steps: 40, note: note, view: view,
                                   unicode: true, colorMode: .palette256)
        DashboardRenderer(screen: screen).render(frame, into: &buffer)
        return buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The states in `panel`'s drawn title, which is selected or shown alone: the words in
    /// parentheses right after its name (whole, or cut with `…`, or left out), on the row of
    /// the selection mark (else the first row under the header); nil when no row has the title.
    static func states(of panel: Panel, in rows: [String]) -> [String]? {
        let title: Substring
        if let row = rows.first(where: { $0.contains("▸ ") }), let mark = row.range(of: "▸ ") {
            title = row[mark.upperBound...]
        } else if rows.count > 1 {
            title = rows[1].drop(while: { $0 == " " })
        } else {
            return nil
        }
        let states: Substring
        if title.hasPrefix(panel.title) {
            let rest = title.dropFirst(panel.title.count)
            guard rest.hasPrefix(" (") else { return [] }
            states = rest.dropFirst(2)
        } else if title.hasPrefix("(") {
            states = title.dropFirst()
        } else if let cut = title.firstIndex(of: "…"), panel.title.hasPrefix(title[..<cut]) {
            let rest = title[title.index(after: cut)...]
            guard rest.hasPrefix(" (") else { return [] }
            states = rest.dropFirst(2)
        } else {
            return nil
        }
        guard let close = states.firstIndex(of: ")") else { return nil }
        return states[..<close].components(separatedBy: ", ")
    }

    @Test(arguments: dashboards)
    func keyLineShowsHelpWholeAtEverySize(_ dashboard: Dashboard) throws {
        let state = try dashboard.snapshot()
        for (width, height) in Self.sizes {
            for note in [nil, "exported to nndash-\(dashboard.screen.study)-20261202-110203.txt in a folder of a long name"] {
                let rows = Self.render(dashboard.screen, state, view: ViewState(), width: width, height: height, note: note)
                let footer = rows[height - 1].replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
                #expect(footer.hasSuffix("  ? help"), "\(width)x\(height): \(footer)")
                #expect(footer.hasPrefix(" q quit") || footer.contains("·  q quit") || footer.contains("· q quit"),
                        "\(width)x\(height): \(footer)")
                #expect(footer.count <= width)
                if let note { #expect(footer.contains(String(note.prefix(8))), "\(width)x\(height): \(footer)") }
            }
        }
    }

    /// Presses `keys` as the app does and returns the states the selected panel's title shows.
    static func statesAfter(_ keys: [Key], _ dashboard: Dashboard, _ state: any StudySnapshot, panel: Int,
                            width: Int, height: Int) -> [String]? {
        let panels = dashboard.screen.panels(of: state)
        var controls = DashboardControls(screen: dashboard.screen)
        controls.view.selectedPanel = panel
        for key in keys {
            #expect(dashboard.screen.handle(key) == nil, "\(key) is the study's own key")
            _ = controls.handle(key, state: state, width: width)
        }
        return states(of: panels[panel], in: render(dashboard.screen, state, view: controls.view, width: width, height: height))
    }

    @Test(arguments: dashboards)
    func eachViewKeyShowsItsStateInTheTitle(_ dashboard: Dashboard) throws {
        let state = try dashboard.snapshot()
        let panels = dashboard.screen.panels(of: state)
        for (width, height) in Self.sizes {
            let size = "\(dashboard.screen.study) \(width)x\(height)"
            // A chart of lines, if the dashboard has one: smoothing, log scale and hidden series.
            if let lines = panels.firstIndex(where: { if case .lines = $0.content { true } else { false } }) {
                let drawn = Self.statesAfter([], dashboard, state, panel: lines, width: width, height: height)
                let before = try #require(drawn, "\(size): no title of \(panels[lines].title)")
                #expect(!before.contains { $0.hasPrefix("smooth") }, "\(size)")
                #expect(before.contains("log y") == panels[lines].logY, "\(size): \(before)")
                let smoothable = panels[lines].series.indices.contains { !panels[lines].pointSeries.contains($0) }
                if smoothable {
                    let more = Self.statesAfter([.character("S"), .character("S"), .character("S")], dashboard, state,
                                                panel: lines, width: width, height: height)
                    #expect(more?.contains("smooth 0.3") == true, "\(size): \(more ?? [])")
                    let less = Self.statesAfter([.character("S"), .character("S"), .character("s")], dashboard, state,
                                                panel: lines, width: width, height: height)
                    #expect(less?.contains("smooth 0.1") == true, "\(size): \(less ?? [])")
                }
                let log = Self.statesAfter([.character("l")], dashboard, state, panel: lines, width: width, height: height)
                #expect(log?.contains("log y") == !panels[lines].logY, "\(size): \(log ?? [])")
                if panels[lines].series.count >= 2 {
                    let hidden = Self.statesAfter([.character("1"), .character("2")], dashboard, state, panel: lines,
                                                  width: width, height: height)
                    #expect(hidden?.contains("2 hidden") == true, "\(size): \(hidden ?? [])")
                }
            }
            // `z` works where it has something to hide: other panels, or the side panel.
            let zoomable = DashboardControls(screen: dashboard.screen).keys(for: state, width: width)
                .contains { $0.footer == "z zoom" }
            #expect(zoomable == (panels.count > 1 || width >= 100), "\(size)")
            let zoomed = Self.statesAfter([.character("z")], dashboard, state, panel: 0, width: width, height: height)
            #expect(zoomed?.contains("zoomed") == zoomable, "\(size): \(zoomed ?? [])")
        }
    }
}

/// Defects found in review: one spelling of sweep's function, no "last value" of measured
/// points in a legend, sweep's side table one row a line.
@Suite struct ReviewedLayoutTests {
    static func sweep(lrMax: Double = 0.3) throws -> LearningRateSweep.Snapshot {
        try #require(try StudyLauncher.runToEnd(LearningRateSweep(.init(lrMax: lrMax, num: 10, iterations: 100)))
            as? LearningRateSweep.Snapshot)
    }

    @Test func sweepWritesItsFunctionOneWayInHeaderAndFindings() throws {
        let state = try Self.sweep()
        let rows = DashboardLegibilityTests.render(SweepScreen(), state, view: ViewState(), width: 200, height: 60)
        let text = rows.joined(separator: "\n")
        #expect(rows[0].contains("f(x) = (2x)²"))
        #expect(text.components(separatedBy: "f(x) = (2x)²").count == 3, "header and Why")
        #expect(!text.contains("^2"))
    }

    @Test(arguments: DashboardLegibilityTests.sizes.map { [$0.0, $0.1] })
    func measuredReadingsHaveNoLastValueInTheLegend(_ size: [Int]) throws {
        let c = TemperatureRegression.Configuration(runs: [.init(optimizer: .SGD, lr: 1e-2, inputScale: 0.1)], epochs: 20)
        let state = try StudyLauncher.runToEnd(TemperatureRegression(c))
        let rows = DashboardLegibilityTests.render(RegressionScreen(), state, view: ViewState(), width: size[0], height: size[1])
        // At 80 columns the narrow panel's legend is only "+N more".
        guard let legend = rows.first(where: { $0.contains(" data") }) else {
            #expect(size[0] < 100, "\(size): no legend entry of the readings")
            return
        }
        let after = legend[legend.range(of: " data")!.upperBound...]
        #expect(after.isEmpty || after.hasPrefix("  ") || after.hasPrefix(" │") || after.hasPrefix(" +"),
                "\(size): \(legend)")
        // The fitted lines keep theirs.
        #expect(legend.contains { $0.isNumber })
    }

    @Test(arguments: [[100, 30], [120, 36], [200, 60]])
    func sweepTableRowsAreOneLineEach(_ size: [Int]) throws {
        for lrMax in [0.3, 0.2] {
            let state = try Self.sweep(lrMax: lrMax)
            let rows = DashboardLegibilityTests.render(SweepScreen(), state, view: ViewState(), width: size[0], height: size[1])
            // The side panel: the columns right of its separator.
            let separator = size[0] - min(44, size[0] / 3)
            let side = rows.dropFirst().dropLast().map { String($0.dropFirst(separator + 1)).trimmingCharacters(in: .whitespaces) }
            let header = try #require(side.firstIndex { $0.hasPrefix("lr ") && $0.contains("verdict") }, "\(size)")
            #expect(side[header].contains("verdict"))
            for (i, run) in state.analysis.runs.enumerated() {
                let name = String(state.labels[i].dropFirst(3))
                let line = side[header + 1 + i]
                #expect(line.hasPrefix(name + " ") && line.contains(run.verdict.text), "\(size): row \(i) reads \(line)")
            }
            // No fragment of a row on a line of its own after the table.
            #expect(side.dropFirst(header + 1 + state.analysis.runs.count).allSatisfy { $0.isEmpty }, "\(size)")
        }
    }
}
