import Foundation
import NNRuns
import NNText
import Testing
@testable import NNStudies

/// `nndash regression` against PyTorch running lesson 004's own code (`regression_split.py`):
/// the split's permutation and printed lines, and grad_fn against autograd.
@Suite struct RegressionSplitTests {
    static let reference: JSONValue = {
        let url = Golden.fixtures.appendingPathComponent("golden/regression_split.json")
        guard let data = try? Data(contentsOf: url), let value = try? JSONValue(parsing: data) else {
            fatalError("cannot read \(url.path)")
        }
        return value
    }()

    static let scaledSGD = TemperatureRegression.Run(optimizer: .SGD, lr: 1e-2, inputScale: 0.1)

    @Test func splitHoldsOutTheLastOfThePermutationAndPrintsPyTorchsLines() throws {
        let splits = try #require(Self.reference["splits"]?.arrayValue)
        #expect(splits.count == 2)
        for reference in splits {
            let seed = try #require(reference["seed"]?.intValue), epochs = try #require(reference["epochs"]?.intValue)
            print("regression split: seed \(seed), \(epochs) epochs")
            var study = TemperatureRegression(.init(runs: [Self.scaledSGD], epochs: epochs, seed: UInt64(seed)))
            #expect(study.trainingIndices == reference["train_indices"]?.doubleArray?.map { Int($0) })
            #expect(study.validationIndices == reference["validation_indices"]?.doubleArray?.map { Int($0) })
            while try study.step() != nil {}
            let snapshot = try #require(study.snapshot as? TemperatureRegression.Snapshot)
            let lines = try #require(snapshot.split?.lessonLines)
            let expected = try #require(reference["lines"]?.arrayValue)
            #expect(lines.map(\.epoch) == expected.compactMap { $0["epoch"]?.intValue })
            for (line, want) in zip(lines, expected) {
                let train = try #require(want["train_loss"]?.doubleValue), validation = try #require(want["validation_loss"]?.doubleValue)
                #expect(close(line.train, train, rtol: 1e-4, atol: 1e-5), "epoch \(line.epoch): train \(line.train), PyTorch \(train)")
                #expect(close(line.validation, validation, rtol: 1e-4, atol: 1e-5),
                        "epoch \(line.epoch): validation \(line.validation), PyTorch \(validation)")
                // The lesson prints four decimals: the same four where float32 rounding cannot tip
                // the last one (epoch 500's training loss is 7.31565, a tie at four decimals).
                guard abs(train * 1e4 - (train * 1e4).rounded(.down) - 0.5) > 0.01 else { continue }
                let printed = "Epoch \(line.epoch), Training loss \(NumberFormat.fixed(line.train, decimals: 4)), "
                    + "Validation loss \(NumberFormat.fixed(line.validation, decimals: 4))"
                #expect(printed == want["printed"]?.stringValue)
            }
        }
    }

    @Test func theLessonsSeedPrintsTheLessonsLines() throws {
        var study = TemperatureRegression(.init(runs: [Self.scaledSGD], epochs: 3000))
        while try study.step() != nil {}
        let snapshot = try #require(study.snapshot as? TemperatureRegression.Snapshot)
        let lines = try #require(snapshot.split?.lessonLines)
        // Lesson 004's last three printed lines.
        let printed = [(2000, "3.1950", "2.2072"), (2500, "3.1878", "2.2028"), (3000, "3.1869", "2.2012")]
        for (epoch, train, validation) in printed {
            let line = try #require(lines.first { $0.epoch == epoch })
            #expect(NumberFormat.fixed(line.train, decimals: 4) == train && NumberFormat.fixed(line.validation, decimals: 4) == validation,
                    "epoch \(epoch): \(line.train), \(line.validation)")
        }
    }

    @Test func gradFnAndAutogradMatchPyTorchAtTheStart() throws {
        let cases = try #require(Self.reference["gradients"]?.arrayValue)
        #expect(cases.count == 2)
        for reference in cases {
            let scale = try #require(reference["input_scale"]?.doubleValue)
            let run = TemperatureRegression.Run(optimizer: .SGD, lr: 1e-2, inputScale: scale)
            let check = TemperatureRegression.gradientCheck(run, w: 1, b: 0, indices: Array(0..<11))
            for (name, got) in [("grad_fn", check.manual), ("autograd", check.autograd)] {
                let want = try #require(reference[name]?.doubleArray)
                #expect(zip(got, want).allSatisfy { close($0, $1, rtol: 1e-4, atol: 1e-5) }, "scale \(scale) \(name): \(got) against \(want)")
            }
        }
    }

    @Test func gradModeScopesRecordTheGraphAsPyTorchDoes() {
        let mode = TemperatureRegression.GradModeCheck.measured()
        #expect(mode.plain && !mode.noGrad && !mode.disabled && mode.enabledInsideNoGrad)
    }
}
