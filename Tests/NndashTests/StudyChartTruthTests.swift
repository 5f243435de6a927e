import ChartReading
import Foundation
import NNCharts
import NNRuns
import NNStudies
import Testing

@testable import nndash

/// The train and regression dashboards draw what their numbers say, decoded from the
/// panels' cells; and learning rates down to the smallest subnormal draw without a trap.
@Suite struct StudyChartTruthTests {
    /// A finished training run of the MLP on the spiral (SGD 0.0125, StepLR every 7 epochs to 0.00125).
    static let trained: any StudySnapshot = {
        var c = TrainingConfiguration()
        (c.model, c.data, c.learningRate, c.stepSize, c.epochs, c.batchSize) = (.mlp, .spiral, 0.0125, 7, 10, 32)
        var training = try! Training(c)
        while try! training.step() != nil {}
        return training.snapshot
    }()

    func render(_ panel: Panel, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        ChartPanel(panel: panel, view: ViewState(), selected: false, unicode: true, colorMode: .palette256)
            .render(in: buffer.area, into: &buffer)
        return buffer
    }

    func panel(_ title: String, of screen: some StudyScreen, _ state: any StudySnapshot) throws -> Panel {
        try #require(screen.panels(of: state).first { $0.title.hasPrefix(title) })
    }

    static let sizes = [(40, 10), (60, 14), (80, 20), (100, 30), (200, 60)]

    @Test func accuracyReadsTheSameInTheChartAndTheFindings() throws {
        let screen = TrainScreen()
        let accuracy = try panel("accuracy", of: screen, Self.trained)
        let findings = screen.findings(of: Self.trained, unicode: true).map(\.text)
        let stated = try #require(findings.first { $0.hasPrefix("validation accuracy ") })
        let value = String(stated.dropFirst("validation accuracy ".count))
        var checked = 0
        defer { #expect(checked >= 2) }
        for (width, height) in Self.sizes {
            let buffer = render(accuracy, width: width, height: height)
            let text = buffer.lines.joined(separator: "\n")
            // Where the legend has room for it, it says what the findings say.
            if text.contains("validation accuracy") {
                checked += 1
                #expect(text.contains("validation accuracy \(value)"), "\(width)x\(height): the legend does not say \(value)\n\(text)")
            }
            if let plot = Drawing.linePlot(in: buffer, area: buffer.area) {
                let labels = Drawing.yLabels(in: buffer, plot: plot, area: buffer.area)
                #expect(labels.allSatisfy { $0.label.hasSuffix("%") }, "\(width)x\(height): \(labels)")
            }
        }
    }

    @Test func theLearningRateRowsAreLabelledWithTheirValues() throws {
        let lr = try panel("learning rate", of: TrainScreen(), Self.trained)
        let values = try #require(lr.series.first?.y)
        let (first, last) = (try #require(values.first), try #require(values.last))
        #expect(first != last)
        for (width, height) in Self.sizes + [(100, 12), (70, 9)] {
            let buffer = render(lr, width: width, height: height)
            guard let plot = Drawing.linePlot(in: buffer, area: buffer.area) else { continue }
            let dots = Drawing.dots(in: plot, of: buffer)
            let firstRows = Set(dots.filter { $0.x / 2 == 0 }.map { $0.y / 4 })
            let lastRows = Set(dots.filter { $0.x / 2 == plot.width - 1 }.map { $0.y / 4 })
            for (row, label) in Drawing.yLabels(in: buffer, plot: plot, area: buffer.area) {
                let named = try #require(Drawing.number(label), "\(label) is not a number")
                // A label on the row of the first or the last learning rate names it (to the
                // three digits of a label), not a round number near it.
                if firstRows.contains(row) {
                    #expect(abs(named - first) <= abs(first) * 5e-3, "\(width)x\(height): the row of \(first) says \(label)")
                }
                if lastRows.contains(row) {
                    #expect(abs(named - last) <= abs(last) * 5e-3, "\(width)x\(height): the row of \(last) says \(label)")
                }
            }
        }
    }

    @Test func decisionRegionsHaveAClassLegendNotAColourScale() throws {
        let regions = try panel("predicted class", of: TrainScreen(), Self.trained)
        let classes = Self.trained.report.summary["classes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(classes.count == 3)
        for (width, height) in [(60, 16), (100, 30)] {
            let lines = render(regions, width: width, height: height).lines
            // Each class named beside the map (below the title row), and no scale's midpoint.
            for name in classes {
                #expect(lines.dropFirst().contains { $0.contains(name) }, "\(width)x\(height): \(name) not in the legend")
            }
            // (A colour scale would end its middle row with its midpoint, 0.5.)
            #expect(!lines.dropFirst().contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix(" 0.5") },
                    "\(width)x\(height): a continuous scale")
        }
    }

    @Test func regressionReadingsArePointsNotALine() throws {
        var study = TemperatureRegression(.init(epochs: 200))
        while try study.step() != nil {}
        let fit = try panel("fitted lines", of: RegressionScreen(), study.snapshot)
        let readings = try #require(fit.series.first { $0.label == "data" })
        for (width, height) in [(80, 24), (200, 60)] {
            let buffer = render(fit, width: width, height: height)
            let plot = try #require(Drawing.linePlot(in: buffer, area: buffer.area))
            let points = (plot.y..<plot.maxY).flatMap { y in (plot.x..<plot.maxX).filter { buffer[$0, y].symbol == "●" } }
            // Eleven readings: a point each (two may share a cell in a small plot).
            #expect(points.count >= readings.x.count - 2 && points.count <= readings.x.count,
                    "\(width)x\(height): \(points.count) points for \(readings.x.count) readings")
        }
    }

    @Test(arguments: [
        ["train", "--lr", "1e-322", "--data", "spiral", "--epochs", "1", "--plain", "--no-record"],
        ["lr-find", "--start-lr", "4.9e-324", "--data", "spiral", "--plain", "--no-record"],
    ])
    func subnormalLearningRatesDraw(arguments: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr.prefix(300))")
        #expect(result.stdout.contains("nndash "))
    }
}
