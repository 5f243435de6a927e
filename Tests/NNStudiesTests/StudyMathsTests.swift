import Foundation
import NNEngine
import NNRuns
import NNStudies
import Testing

/// The studies without a PyTorch reference, checked against mathematics.
@Suite struct StudyMathsTests {
    static func run<S: Study>(_ study: S) throws -> StudyReport {
        var study = study
        while try study.step() != nil {}
        return study.report
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The derivative of each activation, by hand.
    static let derivatives: [String: @Sendable (Double) -> Double] = [
        "sigmoid": { sigmoid($0) * (1 - sigmoid($0)) },
        "tanh": { 1 - tanh($0) * tanh($0) },
        "relu": { $0 > 0 ? 1 : 0 },
        "leaky_relu": { $0 > 0 ? 1 : 0.1 },
        "elu": { $0 > 0 ? 1 : exp($0) },
        "softplus": { sigmoid($0) },
        "softsign": { 1 / ((1 + abs($0)) * (1 + abs($0))) },
        "silu": { sigmoid($0) * (1 + $0 * (1 - sigmoid($0))) },
        "logsigmoid": { 1 - sigmoid($0) },
        "tanhshrink": { tanh($0) * tanh($0) },
        "hardtanh": { abs($0) < 1 ? 1 : 0 },
        "relu6": { $0 > 0 && $0 < 6 ? 1 : 0 },
    ]

    @Test func activationGradientsEqualTheirDerivatives() throws {
        // An even count keeps 0 and the kinks off the grid.
        let report = try Self.run(ActivationGallery(.init(low: -4, high: 4, points: 40)))
        for (name, derivative) in Self.derivatives {
            let grad = try #require(report.series.first { $0.panel == name && $0.label == "d/dx" }, "\(name)")
            for (x, g) in zip(grad.x, grad.y) {
                #expect(abs(g - derivative(x)) < 1e-5, "\(name)'(\(x)) = \(g), expected \(derivative(x))")
            }
        }
    }

    @Test func softmaxSummedGradientIsZeroAndItsJacobianIsSofmaxTimesDeltaMinusSoftmax() throws {
        let report = try Self.run(ActivationGallery(.init(points: 11, softmaxInput: [1, 2, 3, 4])))
        let grad = try #require(report.series.first { $0.panel == "softmax" && $0.label == "d/dx" })
        #expect(grad.y.allSatisfy { abs($0) < 1e-6 })
        let rows = try #require(report.summary["softmax_jacobian"]?.arrayValue)
        let jacobian = rows.compactMap { $0.doubleArray }
        let e = [1.0, 2, 3, 4].map { exp($0) }
        let s = e.map { $0 / e.reduce(0, +) }
        #expect(jacobian.count == 4)
        for i in 0..<4 {
            for j in 0..<4 {
                let expected = s[i] * ((i == j ? 1 : 0) - s[j])
                #expect(abs(jacobian[i][j] - expected) < 1e-6, "J[\(i)][\(j)]")
            }
            #expect(abs(jacobian[i].reduce(0, +)) < 1e-6)
        }
    }

    @Test func standardNormalWeightsGrowTheStdSixteenfoldALayerUntilOverflow() throws {
        let report = try Self.run(InitializationDepth(.init(layers: 40, seed: 3)))
        let std = try #require(report.series.first { $0.label == "normal(0,1)" }).y
        // Var(Wx) = n·Var(w)·Var(x) with n = 256: the std grows by √256 = 16 a layer.
        for k in 1..<10 {
            #expect(abs(std[k] / std[k - 1] / 16 - 1) < 0.1, "layer \(k + 1): ratio \(std[k] / std[k - 1])")
        }
        // std() sums the 16 x 256 float32 values in float32 for its mean, as PyTorch does: about
        // 64 · 16^k passes 3.4e38 near layer 31, and the std is NaN or infinite from there.
        let schemes = try #require(report.summary["schemes"]?.arrayValue)
        let overflow = try #require(schemes[0]["overflow_layer"]?.intValue)
        #expect((30...34).contains(overflow))
        // 1/√n weights keep the std near 1.
        let scaled = try #require(report.series.first { $0.label == "normal/sqrt(n)" }).y
        #expect(scaled.allSatisfy { $0 > 0.5 && $0 < 2 })
        #expect(schemes[1]["overflow_layer"] == .null)
    }

    @Test func gainTableIsCalculateGainAndTheMeasuredRatiosAreTheirKnownValues() throws {
        let gains = try InitializationDepth.gains(seed: 1)
        let byName = Dictionary(uniqueKeysWithValues: gains.map { ($0.nonlinearity, $0) })
        #expect(byName["tanh"]?.gain == 5.0 / 3)
        #expect(byName["relu"]?.gain == 2.0.squareRoot())
        // std(relu(x)) for x ~ N(0,1) is √(1/2 − 1/(2π)) ≈ 0.5838.
        #expect(abs((byName["relu"]?.stdRatio ?? 0) - (0.5 - 1 / (2 * Double.pi)).squareRoot()) < 0.01)
        #expect(abs((byName["linear"]?.stdRatio ?? 0) - 1) < 1e-9)
    }

    @Test func lossWorkedExamplesHaveTheirAnalyticValues() throws {
        let report = try Self.run(LossGallery(.init(points: 5)))
        let examples = (report.summary["examples"]?.arrayValue ?? []).compactMap(LossExample.init(json:))
        #expect(examples.count == 25)
        func example(_ lesson: Int, _ title: String) -> LossExample? { examples.first { $0.lesson == lesson && $0.title == title } }
        let a = log(1 + exp(1.0)), b = log(1 + exp(-2.0))
        let plain = try #require(example(2, "CrossEntropyLoss"))
        #expect(close(plain.outcome("none")?.values[0] ?? 0, a))
        #expect(close(plain.outcome("sum")?.values[0] ?? 0, a + 2 * b))
        #expect(close(plain.outcome("mean")?.values[0] ?? 0, (a + 2 * b) / 3))
        // Class weights [1, 2]: the mean divides by the summed weights of the targets, 1 + 2 + 2.
        #expect(close(example(2, "CrossEntropyLoss(weight=[1, 2])")?.outcome("mean")?.values[0] ?? 0, (a + 4 * b) / 5))
        #expect(example(2, "L1Loss")?.outcome("mean")?.values == [2])
        #expect(example(2, "MSELoss")?.outcome("mean")?.values == [4])
        // Lesson 003's BCE: the element-wise losses -log 0.1, -log 0.8, -log 0.7, their sum and mean.
        let bce = try #require(example(3, "BCELoss"))
        #expect(bce.outcome("none")?.shape == [3, 1])
        let terms = [-log(0.1), -log(0.8), -log(0.7)]
        for (v, e) in zip(bce.outcome("none")?.values ?? [], terms) { #expect(close(v, e, rtol: 1e-5)) }
        #expect(close(bce.outcome("sum")?.values[0] ?? 0, terms.reduce(0, +), rtol: 1e-5))
    }

    @Test func lossCurvesHaveTheirAnalyticGradients() throws {
        let report = try Self.run(LossGallery(.init(points: 7)))
        let mse = try #require(report.series.first { $0.panel?.hasPrefix("MSELoss") == true && $0.label == "d/dpred" })
        #expect(zip(mse.x, mse.y).allSatisfy { abs($1 - 2 * $0) < 1e-5 })
        let bce = try #require(report.series.first { $0.panel?.hasPrefix("BCELoss") == true && $0.label == "d/dpred" })
        #expect(zip(bce.x, bce.y).allSatisfy { close($1, -1 / $0, rtol: 1e-4) })
        let logits = try #require(report.series.first { $0.panel?.hasPrefix("BCEWithLogitsLoss") == true && $0.label == "d/dpred" })
        #expect(zip(logits.x, logits.y).allSatisfy { abs($1 - (Self.sigmoid($0) - 1)) < 1e-5 })
        let ce = try #require(report.series.first { $0.panel?.hasPrefix("CrossEntropyLoss") == true && $0.label == "loss" })
        #expect(zip(ce.x, ce.y).allSatisfy { close($1, log(1 + exp(-$0)), rtol: 1e-4) })
    }

    @Test func weightedAverageFollowsItsRecurrence() {
        let theta = [10.0, 20, 30]
        let raw = MomentumComparison.exponentiallyWeightedAverage(theta, beta: 0.9, biasCorrection: false)
        #expect(zip(raw, [1.0, 2.9, 5.61]).allSatisfy { abs($0 - $1) < 1e-12 })
        let corrected = MomentumComparison.exponentiallyWeightedAverage(theta, beta: 0.9, biasCorrection: true)
        // The first corrected value is θ_1 itself.
        #expect(abs(corrected[0] - 10) < 1e-12)
        #expect(abs(corrected[1] - 2.9 / 0.19) < 1e-12)
    }

    @Test func everySweepFunctionHasItsStatedMinimum() {
        for function in SweepFunction.allCases {
            let x = Tensor(Float(function.argmin))
            #expect(abs(Double(function(x).item()) - function.minimum) < 1e-6, "\(function)")
            #expect(abs(function.value(function.argmin) - function.minimum) < 1e-12)
            for dx in [-0.3, 0.2, 1.5] {
                #expect(function.value(function.argmin + dx) > function.minimum, "\(function) at +\(dx)")
                let t = Double(function(Tensor(Float(function.argmin + dx))).item())
                #expect(close(t, function.value(function.argmin + dx), rtol: 1e-5), "\(function): \(t)")
            }
        }
    }

    @Test func logScaleSpacesLearningRatesGeometrically() {
        let sweep = LearningRateSweep(.init(lrMin: 0.001, lrMax: 0.1, num: 3, function: .quartic, scale: .log))
        #expect(zip(sweep.learningRates, [0.001, 0.01, 0.1]).allSatisfy { close($0, $1, rtol: 1e-12) })
    }

    @Test func shiftedQuadraticLandsInOneStepAtASixth() throws {
        // f = 3(x − 1)² + 0.5: f″ = 6, so lr = 1/6 jumps to x = 1 and the excess loss is 0.
        let report = try Self.run(LearningRateSweep(.init(lrMin: 1.0 / 6, lrMax: 1.0 / 6, num: 1, iterations: 3, function: .shifted)))
        let y = try #require(report.series.first?.y)
        #expect(close(y[0], 3))
        #expect(abs(y[1]) < 1e-6)
    }

    @Test func sgdOnTheIllConditionedQuadraticShrinksEachCoordinateByItsFactor() throws {
        let report = try Self.run(OptimizerPaths(.init(function: .illConditioned, lr: 0.05, iterations: 4, optimizers: [.plain(.SGD)])))
        let path = try #require(report.series.first { $0.panel == "path" })
        // x ← (1 − lr·1)·x and y ← (1 − lr·25)·y.
        for k in 1..<path.x.count {
            #expect(close(path.x[k], 0.95 * path.x[k - 1], rtol: 1e-5))
            #expect(close(path.y[k], -0.25 * path.y[k - 1], rtol: 1e-5))
        }
    }

    @Test func everyOptimizerStepsOnEverySurface() throws {
        for function in SurfaceFunction.allCases {
            let report = try Self.run(OptimizerPaths(.init(function: function, iterations: 3)))
            let paths = report.series.filter { $0.panel == "path" }
            #expect(paths.count == OptimizerPaths.Choice.all.count)
            #expect(paths.allSatisfy { $0.x.count == 3 && $0.x[0] == Double(Float(function.start.x)) })
            let m = function.minimum
            #expect(abs(function.value(m.x, m.y) - m.value) < 1e-12, "\(function)")
        }
    }

    @Test func regressionSplitIsSeededAndValidationNeedsNoGradient() throws {
        let a = TemperatureRegression(.init(epochs: 1, seed: 7)), b = TemperatureRegression(.init(epochs: 1, seed: 7))
        #expect(a.validationIndices == b.validationIndices)
        #expect(a.validationIndices.count == 2)
        #expect(Set(a.validationIndices + a.trainingIndices) == Set(0..<11))
        let report = try Self.run(TemperatureRegression(.init(epochs: 3, seed: 7)))
        let validation = try #require(report.series.first { $0.label == "validation" })
        #expect(validation.y.count == 3)
        #expect(validation.y.allSatisfy { $0.isFinite })
    }
}
