@testable import nndash
import Foundation
import NNRuns
import NNStudies
import Testing

/// The lesson tables and texts the study dashboards draw, read back from the drawn rows and
/// compared with the snapshot they were drawn from, at 80x24 and 200x60.
@Suite struct LessonViewTests {
    static let sizes = [(80, 24), (200, 60)]

    /// Every run of digits, signs, dots and exponents in `row`, as numbers.
    static func numbers(in row: String) -> [Double] {
        row.split { !("0123456789.-+e".contains($0)) }.compactMap { Double($0) }
    }

    static let regression: TemperatureRegression.Snapshot = {
        var study = TemperatureRegression(.init(epochs: 1000))
        while try! study.step() != nil {}
        return study.snapshot as! TemperatureRegression.Snapshot
    }()

    @Test func regressionDrawsTheLessonsLinesAndTheGradientsOfItsSnapshot() throws {
        let snapshot = Self.regression
        let lines = try #require(snapshot.split?.lessonLines)
        #expect(lines.map(\.epoch) == [1, 2, 3, 500, 1000])
        // The side panel holds them from 100 columns; --plain prints them whole.
        for (width, height) in [(100, 30), (200, 60)] {
            let rows = DashboardLegibilityTests.render(RegressionScreen(), snapshot, view: ViewState(), width: width, height: height)
            // A drawn row of the lesson's table: the epoch, then its training and validation loss.
            var found = 0
            for line in lines {
                let train = formatFixed(line.train, digits: 4), validation = formatFixed(line.validation, digits: 4)
                let drawn = rows.filter { $0.contains(" \(train) ") && $0.contains(validation) }
                guard let row = drawn.first else { continue }
                found += 1
                let values = Self.numbers(in: String(row[row.range(of: " \(train) ")!.lowerBound...].prefix(40)))
                #expect(values.prefix(2) == [Double(train)!, Double(validation)!], "\(width)x\(height): \(row)")
                #expect(row.contains(" \(line.epoch) "), "\(width)x\(height): epoch \(line.epoch) not on \(row)")
            }
            #expect(found >= min(lines.count, 3), "\(width)x\(height): \(found) of the lesson's lines drawn\n\(rows.joined(separator: "\n"))")
        }
        // The gradient table at the wide size: each fit's grad_fn and autograd, as the snapshot has them.
        let rows = DashboardLegibilityTests.render(RegressionScreen(), snapshot, view: ViewState(), width: 200, height: 60)
        for (trace, check) in zip(snapshot.fits, snapshot.gradients) {
            let check = try #require(check)
            let f = { (v: Double) in formatShort(v, significant: 6) }
            let w = rows.filter { $0.contains(trace.run.label) && $0.contains("∂L/∂w") }
            #expect(w.contains { $0.contains(f(check.manual[0])) && $0.contains(f(check.autograd[0])) },
                    "\(trace.run.label): \(w)")
        }
    }

    @Test func regressionSaysWhatNoGradDidAsMeasured() {
        let snapshot = Self.regression
        let text = RegressionScreen().findings(for: snapshot, unicode: true).map(\.text).joined(separator: " ")
        #expect(text.contains("requires_grad is \(snapshot.gradMode.plain) outside a scope, \(snapshot.gradMode.noGrad) inside no_grad()"))
        #expect(text.contains("held out: readings \(snapshot.validationIndices.map(String.init).joined(separator: ", "))"))
        let raw = snapshot.startGradients[0].autograd
        #expect(text.contains("∂L/∂w = \(formatShort(raw[0]))"))
    }
}
