import ChartReading
import NNText
@testable import nndash
import Foundation
import NNCharts
import NNStudies
import Testing

/// `nndash dead-relu` draws and writes the study's own counts: read back from the drawn chart,
/// the side panel's table and the caption, against the snapshot.
@Suite struct DeadReLUScreenTests {
    static let configuration = DeadUnits.Configuration(hidden: 16, steps: 60)
    static let screen = DeadReLUScreen(settings: LiveSettings(configuration))
    static let state = try! StudyLauncher.runToEnd(DeadUnits(configuration)) as! DeadUnits.Snapshot

    /// Each series of the dead-units chart drawn alone: its last dot stands at the row of its
    /// last value, read off the chart's own y labels.
    @Test(arguments: [0, 1])
    func theDeadUnitsChartEndsAtEachNetworksLastCount(_ series: Int) throws {
        let panel = Self.screen.panels(for: Self.state)[0]
        var view = ViewState()
        view.hiddenSeries = [0: [1 - series]]
        var buffer = Buffer(width: 100, height: 30)
        ChartPanel(panel: panel, view: view, selected: false, unicode: true, colorMode: .none)
            .render(in: buffer.area, into: &buffer)
        let plot = try #require(Drawing.linePlot(in: buffer, area: buffer.area))
        let labels = Drawing.yLabels(in: buffer, plot: plot, area: buffer.area)
        let top = try #require(labels.first), bottom = try #require(labels.last)
        let high = try #require(Drawing.number(top.label)), low = try #require(Drawing.number(bottom.label))
        let dots = Drawing.dots(in: plot, of: buffer)
        let right = try #require(dots.map(\.x).max())
        let rows = dots.filter { $0.x == right }.map(\.y)
        let last = try #require(Self.state.traces[series].dead.last)
        // The label rows' centres in dots (4 a row); the value's place between them.
        let topDot = Double(top.row * 4) + 1.5, bottomDot = Double(bottom.row * 4) + 1.5
        let expected = topDot + (high - last) / (high - low) * (bottomDot - topDot)
        #expect(rows.contains { abs(Double($0) - expected) <= 3 }, "dots \(rows) at the right end, \(last) at \(expected)")
    }

    @Test func theSidePanelTableHoldsTheCounts() throws {
        let rows = DashboardLegibilityTests.render(Self.screen, Self.state, view: ViewState(), width: 200, height: 60)
        for trace in Self.state.traces {
            let row = try #require(rows.compactMap { row -> [String]? in
                guard let bar = row.lastIndex(of: "│") else { return nil }
                let cells = row[row.index(after: bar)...].split(separator: " ").map(String.init)
                return cells.first == trace.label ? cells : nil
            }.first)
            #expect(row[1] == "\(Self.state.units(trace.dead.last!))", "\(row)")
            #expect(row[2] == "\(Self.state.units(trace.silent.last!))", "\(row)")
            #expect(row[3] == NumberFormat.short(trace.loss.last!), "\(row)")
        }
    }

    @Test func theCaptionAt80x24CountsTheDeadUnits() {
        let rows = DashboardLegibilityTests.render(Self.screen, Self.state, view: ViewState(), width: 80, height: 24)
        let caption = rows[1] + " " + rows[2]
        let relu = Self.state.traces[0], leaky = Self.state.traces[1]
        #expect(caption.hasPrefix("Dead now: relu \(Self.state.units(relu.dead.last!)) of 16 (0 ever came back), "
            + "\(leaky.label) \(Self.state.units(leaky.dead.last!))"), "\(caption)")
    }

    @Test func keysChangeTheLearningRateAndTheBiasAndRestart() {
        let settings = LiveSettings(DeadUnits.Configuration())
        let screen = DeadReLUScreen(settings: settings)
        #expect(screen.handle(.character("]")) == .restart)
        #expect(settings.value.lr == 9)
        #expect(screen.handle(.character("[")) == .restart)
        #expect(screen.handle(.character("[")) == .restart)
        #expect(settings.value.lr == 4)
        #expect(screen.handle(.character("{")) == .restart)
        #expect(settings.value.biasShift == -0.25)
        #expect(screen.handle(.character("x")) == nil)
    }
}
