import NNText
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
                let train = NumberFormat.fixed(line.train, decimals: 4), validation = NumberFormat.fixed(line.validation, decimals: 4)
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
            let f = { (v: Double) in NumberFormat.short(v, digits: 6) }
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
        #expect(text.contains("∂L/∂w = \(NumberFormat.short(raw[0]))"))
    }

    static let momentum: MomentumComparison.Snapshot = {
        var study = MomentumComparison(.init())
        while try! study.step() != nil {}
        return study.snapshot as! MomentumComparison.Snapshot
    }()

    @Test func momentumDrawsEachRunsStepsAndFactorAndTheWeightSums() throws {
        let snapshot = Self.momentum
        let screen = MomentumScreen(settings: LiveSettings(.init(configuration: snapshot.configuration)))
        for (width, height) in [(100, 30), (200, 60)] {
            let rows = DashboardLegibilityTests.render(screen, snapshot, view: ViewState(), width: width, height: height)
            // The side panel: right of the last separator of each row.
            let side = rows.compactMap { row -> String? in row.range(of: "│ ", options: .backwards).map { String(row[$0.upperBound...]) } }
            for (i, run) in snapshot.configuration.runs.enumerated() {
                // The run's row: its label, then steps to 1%, steps to 1e-6 (or the verdict), the factor, the crossings.
                // The table row: the label padded by at least the two spaces between columns.
                guard let row = side.first(where: {
                    $0.hasPrefix(run.label + "  ") && $0.dropFirst(run.label.count).drop(while: { $0 == " " }).first?.isLetter == false
                }) else {
                    Issue.record("\(width)x\(height): no row for \(run.label)\n\(side.joined(separator: "\n"))")
                    continue
                }
                let cells = row.dropFirst(run.label.count).split(separator: " ").map(String.init)
                #expect(cells.first == snapshot.stepsToNear[i].map { "\($0)" } ?? "–", "\(width)x\(height): \(row)")
                let tolerance = snapshot.analysis.runs[i].stepsToTolerance.map { "\($0)" } ?? snapshot.analysis.runs[i].verdict.name
                // A narrow side panel drops the table's right columns.
                if width == 200 {
                    #expect(cells.dropFirst().first == tolerance, "\(width)x\(height): \(row)")
                    #expect(cells.dropFirst(2).first == NumberFormat.fixed(snapshot.contractions[i], decimals: 3), "\(row)")

                }
            }
        }
        let text = screen.findings(for: snapshot, unicode: true).map(\.text).joined(separator: " ")
        let first = try #require(snapshot.firstNear)
        #expect(text.contains("First to 1% of the start: \(snapshot.configuration.runs[first].label)"))
        #expect(text.contains("β 0.9: \(NumberFormat.fixed(snapshot.weightSums[2], decimals: 5))"), "\(text)")
        #expect(text.contains("v = μ·v + g") && text.contains("x −= lr·v"))
        for (i, run) in snapshot.configuration.runs.enumerated() {
            #expect(text.contains("\(run.label) \(snapshot.crossings[i])×"), "\(run.label)")
        }
    }

    @Test func initCallsTheDriftingSchemesByTheirNamesAndDrawsTheirGradients() throws {
        var study = InitializationDepth(.init(layers: 60, width: 64, batch: 8, seed: 2))
        while try study.step() != nil {}
        let snapshot = try #require(study.snapshot as? InitializationDepth.Snapshot)
        let schemes = InitializationDepth.Scheme.allCases
        let text = InitScreen().findings(for: snapshot, unicode: true).map(\.text)
        for (i, scheme) in schemes.enumerated() {
            let o = snapshot.outcomes[i]
            if o.isShrinking { #expect(text.contains { $0.hasPrefix("\(scheme.rawValue): vanishing, std \(NumberFormat.short(o.finalStd!))") }) }
            if o.isGrowing { #expect(text.contains { $0.hasPrefix("\(scheme.rawValue): exploding, std \(NumberFormat.short(o.finalStd!))") }) }
        }
        #expect(snapshot.outcomes[schemes.firstIndex(of: .tanh)!].isShrinking)
        #expect(snapshot.outcomes[schemes.firstIndex(of: .reluXavier)!].isGrowing)
        // The gradient rows, as drawn at 200x60: layer 1 and the last layer of each scheme.
        let rows = DashboardLegibilityTests.render(InitScreen(), snapshot, view: ViewState(), width: 200, height: 60)
        for (i, scheme) in schemes.enumerated() where snapshot.outcomes[i].overflowLayer == nil {
            let g = snapshot.gradientStds[i]
            #expect(rows.contains { $0.contains("│ \(scheme.rawValue)  ") && $0.contains(NumberFormat.short(g[0])) && $0.contains(NumberFormat.short(g.last!)) },
                    "\(scheme.rawValue): \(g[0]) … \(g.last!)")
        }
        // The gain table: the lesson's std(x)/std(tanh(x)) beside calculate_gain.
        let tanh = try #require(snapshot.gains.first { $0.nonlinearity == "tanh" })
        #expect(rows.contains { $0.contains("tanh") && $0.contains(NumberFormat.fixed(tanh.inverseStdRatio, decimals: 4)) && $0.contains("1.6667") })
    }

    @Test func initExplainsWhyTanhXaviersFirstLayerGradientIsLarge() throws {
        // A made-up run: the gradient std 1 at layer 1 and 10^-3 at the last of 11 layers, so
        // 10^0.3 = 1.995× a layer going back.
        let schemes = InitializationDepth.Scheme.allCases
        let grads = schemes.map { scheme -> [Double] in
            scheme == .tanhXavier ? (0...10).map { Foundation.pow(10, -0.3 * Double($0)) }
                : scheme == .reluKaiming ? Array(repeating: 0.0026, count: 11) : [] }
        let snapshot = InitializationDepth.Snapshot(configuration: .init(layers: 11), stds: schemes.map { _ in Array(repeating: 0.6, count: 11) },
                                                    gradientStds: grads, gains: [])
        let growth = try #require(snapshot.gradientGrowthPerLayer(.tanhXavier))
        #expect(Swift.abs(growth - Foundation.pow(10, 0.3)) < 1e-12)
        let text = try #require(InitScreen.gradientText(snapshot))
        #expect(text.contains("is 1 at layer 1 and \(NumberFormat.short(grads[3].last!)) at the last"))
        #expect(text.contains("relu kaiming: 0.0026 at layer 1"))
        #expect(text.contains("\(NumberFormat.fixed(growth, decimals: 3))× a layer"))
        // A scheme whose gradient does not grow going back is not explained as growing.
        let flat = InitializationDepth.Snapshot(configuration: .init(layers: 11), stds: snapshot.stds,
                                                gradientStds: schemes.map { _ in Array(repeating: 0.01, count: 11) }, gains: [])
        #expect(InitScreen.gradientText(flat) == nil)
    }
}
