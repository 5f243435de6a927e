import Foundation
@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// The sweep's chart, legend, table, `--plain` and `--json` say the same thing about every rate.
@Suite struct SweepPictureTests {
    static func run(_ configuration: LearningRateSweep.Configuration) throws -> LearningRateSweep.Snapshot {
        var study = LearningRateSweep(configuration)
        while try study.step() != nil {}
        return study.sweepSnapshot
    }

    /// Draws the loss panel with only series `index` shown.
    static func draw(_ snapshot: LearningRateSweep.Snapshot, only index: Int, width: Int = 120, height: Int = 30) -> Buffer {
        let panel = SweepScreen().panels(for: snapshot)[0]
        var view = ViewState()
        view.hiddenSeries = [0: Set(snapshot.learningRates.indices).subtracting([index])]
        var buffer = Buffer(width: width, height: height)
        ChartPanel(panel: panel, view: view, selected: false, unicode: true, colorMode: .none)
            .render(in: buffer.area, into: &buffer)
        return buffer
    }

    /// Issue 14, item 3: the cross of a diverged rate stands at the step the table names, and
    /// its line stops there; a rate the table calls converging has no cross.
    @Test func theDivergenceMarkStandsWhereTheTableSaysItDiverged() throws {
        let snapshot = try Self.run(.init(lrMax: 0.4))
        let runs = snapshot.analysis.runs
        #expect(runs.contains { $0.divergedAt != nil && $0.finalLoss.isFinite }, "a rate diverged without overflow")
        for (i, run) in runs.enumerated() {
            let buffer = Self.draw(snapshot, only: i)
            let chart = try #require(DrawnChart(buffer))
            let crosses = chart.cells("✕")
            let text = buffer.plainText
            if let step = run.divergedAt {
                #expect(crosses.count == 1, "\(snapshot.labels[i]): \(crosses.count) crosses")
                guard let expected = chart.column(ofX: Double(step)) else {
                    Issue.record("no x axis to read in:\n\(text)")
                    continue
                }
                let cross = try #require(crosses.first)
                #expect(abs(Double(cross.x) - expected) <= 1, "\(snapshot.labels[i]) cross at column \(cross.x), step \(step) at \(expected)")
                // Nothing of the line right of the cross.
                let past = (chart.plotTop..<chart.axisRow).contains { y in ((cross.x + 1)..<buffer.width).contains { chart.isBraille($0, y) } }
                #expect(!past, "\(snapshot.labels[i]) drawn past its divergence")
                #expect(text.contains("diverged at iteration \(step)"), "\(snapshot.labels[i]) legend")
                let rows = SweepScreen().findings(for: snapshot, unicode: true).compactMap(\.cells)
                #expect(rows.contains { $0.first == String(snapshot.labels[i].dropFirst(3)) && $0.contains("diverged at \(step)") })
            } else {
                #expect(crosses.isEmpty, "\(snapshot.labels[i]) has a cross but did not diverge")
            }
        }
    }

    /// Issue 14, item 11: labels carry the digits that tell the rates apart.
    @Test func labelsAreDistinctWithEnoughDigits() throws {
        let labels = LearningRateSweep.labels(linspace(1e-5, 2e-5, count: 10))
        #expect(Set(labels).count == 10, "\(labels)")
        for (label, lr) in zip(labels, linspace(1e-5, 2e-5, count: 10)) {
            let value = try #require(Double(label.dropFirst(3)))
            #expect(abs(value - lr) <= 0.01 * lr, "\(label) for \(lr)")
        }
        #expect(LearningRateSweep.labels([0.1, 0.1]) == ["lr=0.1", "lr=0.1 #2"])
    }

    /// Issue 14, item 4: on every function, a rate is fastest only if the verdicts agree, the
    /// rate is measured before float noise, and a flat oscillation is not convergence.
    @Test func verdictsAreRightOnEveryFunction() throws {
        for function in SweepFunction.allCases {
            let snapshot = try Self.run(.init(function: function))
            for (i, run) in snapshot.analysis.runs.enumerated() {
                let losses = snapshot.losses[i]
                switch run.verdict {
                case .converged(let step):
                    #expect(losses[step] <= losses[0] * SweepAnalysis.tolerance)
                    #expect(losses[..<step].allSatisfy { $0 > losses[0] * SweepAnalysis.tolerance })
                    // The factor per step reaches the tolerance within the steps it took.
                    if let factor = run.lossFactor, step > 0 {
                        #expect(pow(factor, Double(step)) <= SweepAnalysis.tolerance * 1.0001, "\(function) \(snapshot.labels[i])")
                    }
                case .converging:
                    let n = losses.count
                    #expect(losses[(3 * n / 4)...].min()! < 0.9 * losses[(n / 2)..<(3 * n / 4)].min()!, "\(function) \(snapshot.labels[i])")
                case .stalled(let loss):
                    #expect(loss == losses.last!)
                    #expect(run.lossFactor == nil)
                case .diverging, .diverged: break
                }
            }
        }
        // logcosh at 0.2 reaches 1e-6 of its start in a few steps: a tiny factor, not 0.834.
        let logcosh = try Self.run(.init(function: .logcosh))
        let best = try #require(logcosh.analysis.best)
        #expect(try #require(logcosh.analysis.runs[best].lossFactor) < 0.5)
        // |x|^1.5 at 0.2 oscillates at a fixed loss: stalled, not converging.
        let abs15 = try Self.run(.init(function: .abs15))
        let last = try #require(abs15.analysis.runs.last)
        #expect(last.learningRate == 0.2)
        guard case .stalled = last.verdict else {
            Issue.record("lr 0.2 on |x|^1.5 is \(last.verdict), not stalled")
            return
        }
    }
}
