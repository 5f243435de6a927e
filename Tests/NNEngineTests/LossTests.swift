import Foundation
import Testing

@testable import NNEngine

/// Losses beyond the reference file's sample: gradients against finite differences on other shapes
/// and parameters, values from the definitions, and the errors of bad arguments.
struct LossTests {
    static func random(_ shape: [Int], _ seed: UInt64, from: Float = -2, to: Float = 2) -> Tensor {
        Tensor.uniform(shape, from: from, to: to, generator: Generator(seed: seed))
    }

    /// Checks `f`'s gradients under each reduction.
    static func expectGradients(
        _ inputs: [Tensor], _ what: Comment, _ f: @escaping ([Tensor], Reduction) throws -> Tensor
    ) {
        for reduction in [Reduction.none, .sum, .mean] {
            let result = GradientCheck.check(inputs, eps: 1e-3, atol: 2e-3, rtol: 2e-2) { try! f($0, reduction) }
            #expect(result.passed, "\(what) (\(reduction)): \(result)")
        }
    }

    @Test func crossEntropyOnSpatialInputsWithWeightIgnoreAndSmoothing() {
        let target = try! IntTensor([0, 2, 1, 2, 1, 0, 2, 2], shape: [2, 2, 2])
        let weight = Tensor([0.5, 2, 1.5], shape: [3])
        for reduction in Reduction.allCases where reduction != .batchmean {
            let result = GradientCheck.check([Self.random([2, 3, 2, 2], 1)], eps: 1e-3, atol: 2e-3, rtol: 2e-2) {
                try! crossEntropy($0[0], target, weight: weight, ignoreIndex: 1, labelSmoothing: 0.2, reduction: reduction)
            }
            #expect(result.passed, "\(reduction): \(result)")
        }
    }

    /// Without class weights or smoothing the loss takes a path of its own; its loss and gradient
    /// equal, bit for bit, those of the general path (reached with weights of one), with ignored
    /// samples, batched and spatial inputs, summed and averaged.
    @Test(arguments: [[6, 5], [3, 4, 2], [7]])
    func crossEntropyWithoutWeightsEqualsTheGeneralPath(shape: [Int]) throws {
        let seed: UInt64 = 11
        let layout = try ClassLayout(shape, "test")
        let targets = (0..<layout.samples).map { k in k % 3 == 1 ? -100 : (k * 7 + 3) % layout.classes }
        let target = try IntTensor(targets, shape: layout.targetShape)
        let ones = Tensor([Float](repeating: 1, count: layout.classes))
        for reduction in [Reduction.mean, .sum] {
            let x = Self.random(shape, seed, from: -4, to: 4).detach()
            x.requiresGrad = true
            let fast = try crossEntropy(x, target, reduction: reduction)
            try fast.backward()
            let fastGrad = x.grad?.toArray()
            x.zeroGrad()
            let general = try crossEntropy(x, target, weight: ones, reduction: reduction)
            try general.backward()
            #expect(fast.item() == general.item(), "seed \(seed), \(shape), \(reduction)")
            #expect(fastGrad != nil && fastGrad == x.grad?.toArray(), "seed \(seed), \(shape), \(reduction)")
        }
    }

    @Test func crossEntropyOfEqualLogitsIsLogC() throws {
        let loss = try crossEntropy(Tensor([Float](repeating: 0.3, count: 8), shape: [2, 4]), [1, 3])
        #expect(abs(loss.item() - log(4)) < 1e-6)
        let unbatched = try crossEntropy(Tensor([1, 1, 1], shape: [3]), try IntTensor([2], shape: []))
        #expect(unbatched.shape == [])
        #expect(abs(unbatched.item() - log(3)) < 1e-6)
    }

    @Test func crossEntropyWithProbabilitiesEqualsIndicesForOneHotTargets() throws {
        let logits = Self.random([3, 4], 2)
        let oneHot = Tensor([0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0], shape: [3, 4])
        let byIndex = try crossEntropy(logits, [1, 3, 0], labelSmoothing: 0.1)
        let byProbability = try crossEntropy(logits, oneHot, labelSmoothing: 0.1)
        #expect(abs(byIndex.item() - byProbability.item()) < 1e-5)
        expectGradientsOfProbabilities(logits, oneHot)
    }

    func expectGradientsOfProbabilities(_ logits: Tensor, _ target: Tensor) {
        let weight = Tensor([1, 2, 0.5, 1], shape: [4])
        Self.expectGradients([logits], "cross entropy with probabilities") {
            try crossEntropy($0[0], target, weight: weight, labelSmoothing: 0.3, reduction: $1)
        }
    }

    @Test func nllLossUnbatchedAndSpatial() {
        Self.expectGradients([Self.random([4], 3)], "nll unbatched") {
            try nllLoss($0[0], try IntTensor([2], shape: []), reduction: $1)
        }
        let target = try! IntTensor([0, 1, 2, 1, 0, 0], shape: [2, 3])
        Self.expectGradients([Self.random([2, 3, 3], 4)], "nll spatial") {
            try nllLoss($0[0], target, weight: Tensor([1, 2, 3], shape: [3]), ignoreIndex: 2, reduction: $1)
        }
    }

    @Test func nllMeanDividesBySummedWeights() throws {
        let input = Tensor([-1, -2, -3, -4], shape: [2, 2])
        let loss = try nllLoss(input, [0, 1], weight: Tensor([1, 3], shape: [2]))
        #expect(abs(loss.item() - (1 * 1 + 3 * 4) / 4) < 1e-6)
    }

    @Test func binaryLosses() {
        let target = Tensor([0, 1, 1, 0, 0.3, 1], shape: [2, 3])
        let weight = Tensor([1, 2, 0.5], shape: [3])
        Self.expectGradients([Self.random([2, 3], 5, from: 0.05, to: 0.95)], "bce") {
            try binaryCrossEntropy($0[0], target, weight: weight, reduction: $1)
        }
        Self.expectGradients([Self.random([2, 3], 6)], "bce with logits") {
            try binaryCrossEntropyWithLogits(
                $0[0], target, weight: weight, posWeight: Tensor([3, 0.5, 1], shape: [3]), reduction: $1)
        }
    }

    @Test func bceWithLogitsEqualsBCEOfSigmoid() throws {
        let logits = Self.random([3, 2], 7)
        let target = Tensor([0, 1, 1, 0, 1, 1], shape: [3, 2])
        let a = try binaryCrossEntropyWithLogits(logits, target)
        let b = try binaryCrossEntropy(logits.sigmoid(), target)
        #expect(abs(a.item() - b.item()) < 1e-5)
    }

    @Test func regressionLosses() {
        let target = Self.random([3, 4], 8)
        let input = Self.random([3, 4], 9)
        Self.expectGradients([input, target], "l1") { try l1Loss($0[0], $0[1], reduction: $1) }
        Self.expectGradients([input, target], "mse") { try mseLoss($0[0], $0[1], reduction: $1) }
        Self.expectGradients([input, target], "smooth l1") { try smoothL1Loss($0[0], $0[1], reduction: $1, beta: 0.5) }
        Self.expectGradients([input, target], "huber") { try huberLoss($0[0], $0[1], reduction: $1, delta: 0.4) }
    }

    @Test func smoothL1WithBetaZeroIsL1AndHuberIsDeltaTimesSmoothL1() throws {
        let input = Self.random([5], 10), target = Self.random([5], 11)
        let smooth = try smoothL1Loss(input, target, reduction: .sum, beta: 0)
        #expect(abs(smooth.item() - (try l1Loss(input, target, reduction: .sum)).item()) < 1e-6)
        let huber = try huberLoss(input, target, reduction: .sum, delta: 0.7)
        let scaled = try smoothL1Loss(input, target, reduction: .sum, beta: 0.7)
        #expect(abs(huber.item() - 0.7 * scaled.item()) < 1e-5)
    }

    @Test func poissonAndKL() {
        let counts = Tensor([0, 1, 2, 5, 0.5, 3], shape: [2, 3])
        Self.expectGradients([Self.random([2, 3], 12)], "poisson log input") {
            try poissonNLLLoss($0[0], counts, full: true, reduction: $1)
        }
        Self.expectGradients([Self.random([2, 3], 13, from: 0.2, to: 3)], "poisson rates") {
            try poissonNLLLoss($0[0], counts, logInput: false, full: true, reduction: $1)
        }
        let logTarget = Self.random([2, 3], 14)
        Self.expectGradients([Self.random([2, 3], 15), logTarget], "kl log target") {
            try klDiv($0[0], $0[1], reduction: $1, logTarget: true)
        }
    }

    @Test func poissonStirlingTermOnlyAboveOne() throws {
        let input = Tensor([0, 0], shape: [2])
        let target = Tensor([1, 2], shape: [2])
        let plain = try poissonNLLLoss(input, target, reduction: .none).toArray()
        let full = try poissonNLLLoss(input, target, full: true, reduction: .none).toArray()
        #expect(full[0] == plain[0])
        let stirling = 2 * log(Float(2)) - 2 + 0.5 * log(2 * Float.pi * 2)
        #expect(abs(full[1] - plain[1] - stirling) < 1e-5)
    }

    @Test func klDivBatchmeanDividesByBatch() throws {
        let input = Self.random([4, 3], 16), target = Self.random([4, 3], 17, from: 0, to: 1)
        let sum = try klDiv(input, target, reduction: .sum).item()
        #expect(abs(try klDiv(input, target, reduction: .batchmean).item() - sum / 4) < 1e-5)
        #expect(abs(try klDiv(input, target, reduction: .mean).item() - sum / 12) < 1e-5)
        #expect(abs(try klDiv(input, input, reduction: .sum, logTarget: true).item()) < 1e-6)
    }

    @Test func marginAndEmbeddingLosses() {
        let sign = Tensor([1, -1, 1, -1], shape: [4])
        Self.expectGradients([Self.random([4], 18), Self.random([4], 19)], "margin ranking") {
            try marginRankingLoss($0[0], $0[1], sign, margin: 0.3, reduction: $1)
        }
        Self.expectGradients([Self.random([4], 20)], "hinge embedding") {
            try hingeEmbeddingLoss($0[0], sign, margin: 1.5, reduction: $1)
        }
        Self.expectGradients([Self.random([2, 2], 21)], "soft margin") {
            try softMarginLoss($0[0], Tensor([1, -1, -1, 1], shape: [2, 2]), reduction: $1)
        }
        Self.expectGradients([Self.random([4, 3], 22), Self.random([4, 3], 23)], "cosine embedding") {
            try cosineEmbeddingLoss($0[0], $0[1], sign, margin: -0.5, reduction: $1)
        }
        Self.expectGradients([Self.random([3, 4], 24)], "multilabel soft margin") {
            try multilabelSoftMarginLoss(
                $0[0], Tensor([1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0], shape: [3, 4]),
                weight: Tensor([1, 2, 0.5, 1], shape: [4]), reduction: $1)
        }
        Self.expectGradients([Self.random([2, 4], 25)], "multilabel margin") {
            try multilabelMarginLoss($0[0], try IntTensor([3, 0, -1, 1, 1, 2, 0, -1], shape: [2, 4]), reduction: $1)
        }
        Self.expectGradients([Self.random([3, 4], 26)], "multi margin p=2") {
            try multiMarginLoss(
                $0[0], [3, 0, 2], p: 2, margin: 0.8, weight: Tensor([1, 2, 3, 4], shape: [4]), reduction: $1)
        }
    }

    @Test func tripletWithSwapAndOtherNorms() {
        for p: Float in [1.5, 2, 3] {
            Self.expectGradients([Self.random([3, 4], 27), Self.random([3, 4], 28), Self.random([3, 4], 29)], "triplet p=\(p)") {
                try tripletMarginLoss(
                    anchor: $0[0], positive: $0[1], negative: $0[2], margin: 2, p: p, swap: true, reduction: $1)
            }
        }
    }

    @Test func gaussianNLLBroadcastsTheVariance() {
        let input = Self.random([3, 2], 30), target = Self.random([3, 2], 31)
        for varShape in [[3, 2], [3], [3, 1]] {
            Self.expectGradients([input, target, Self.random(varShape, 32, from: 0.3, to: 2)], "gaussian var \(varShape)") {
                try gaussianNLLLoss($0[0], $0[1], $0[2], full: true, reduction: $1)
            }
        }
    }

    @Test func gaussianNLLBroadcastsTheTargetAndTakesAScalarVariance() throws {
        let input = Self.random([3, 2], 40)
        Self.expectGradients([input, Self.random([3, 1], 41), Self.random([3, 2], 42, from: 0.3, to: 2)], "gaussian target") {
            try gaussianNLLLoss($0[0], $0[1], $0[2], reduction: $1)
        }
        let target = Self.random([3, 2], 43)
        let scalar = try gaussianNLLLoss(input, target, variance: 0.5, reduction: .sum).item()
        let d = zip(input.toArray(), target.toArray()).map { $0 - $1 }
        let expected = d.reduce(0) { $0 + 0.5 * (log(0.5) + $1 * $1 / 0.5) }
        #expect(abs(scalar - expected) < 1e-5)
        #expect(throws: LossError.self) { try gaussianNLLLoss(input, target, variance: -1) }
    }

    @Test func ctcGradientIsThatOfTheLogits() {
        // PyTorch's CTC gradient is the gradient with respect to the logits under log-softmax.
        let targets: IntTensor = [1, 2, 2, 3, 1]
        Self.expectGradients([Self.random([6, 2, 4], 33)], "ctc") { xs, reduction in
            try ctcLoss(
                logProbs: xs[0].logSoftmax(dim: 2), targets: targets, inputLengths: [6, 5], targetLengths: [3, 2],
                reduction: reduction)
        }
    }

    @Test func ctcOfOneFrameIsTheLabelsLogProbability() throws {
        let logProbs = Tensor([log(0.2), log(0.5), log(0.3)], shape: [1, 1, 3])
        let loss = try ctcLoss(logProbs: logProbs, targets: [1], inputLengths: [1], targetLengths: [1], reduction: .sum)
        #expect(abs(loss.item() + log(0.5)) < 1e-6)
        // Two frames, target [1]: alignments 1-1, blank-1, 1-blank.
        let two = Tensor([log(0.2), log(0.5), log(0.3), log(0.6), log(0.1), log(0.3)], shape: [2, 3])
        let unbatched = try ctcLoss(logProbs: two, targets: [1], inputLengths: [2], targetLengths: [1], reduction: .none)
        #expect(abs(unbatched.item() + log(0.5 * 0.1 + 0.2 * 0.1 + 0.5 * 0.6)) < 1e-6)
        let mean = try ctcLoss(logProbs: two, targets: [1, 1], inputLengths: [2], targetLengths: [2], reduction: .mean)
        #expect(mean.item().isInfinite)
        let zeroed = try ctcLoss(
            logProbs: two, targets: [1, 1], inputLengths: [2], targetLengths: [2], reduction: .mean, zeroInfinity: true)
        #expect(zeroed.item() == 0)
    }

    @Test func modulesApplyTheirHyperparameters() throws {
        let input = Self.random([2, 3], 34), target = Self.random([2, 3], 35)
        #expect(try HuberLoss(reduction: .sum, delta: 0.5)(input, target).item()
            == (try huberLoss(input, target, reduction: .sum, delta: 0.5)).item())
        #expect(try CrossEntropyLoss(labelSmoothing: 0.1)(input, [2, 0]).item()
            == (try crossEntropy(input, [2, 0], labelSmoothing: 0.1)).item())
    }

    @Test func badArgumentsThrowNamingTheProblem() {
        let logits = Self.random([2, 3], 36)
        #expect(throws: LossError.invalidValue("cross_entropy: Target 3 is out of bounds (3 classes)")) {
            try crossEntropy(logits, [0, 3])
        }
        #expect(throws: LossError.self) { try crossEntropy(logits, [0, 1, 2]) }
        #expect(throws: LossError.self) { try crossEntropy(logits, [0, 1], labelSmoothing: 1.5) }
        #expect(throws: LossError.self) { try nllLoss(logits, [0, 1], weight: Tensor([1, 2], shape: [2])) }
        #expect(throws: LossError.self) { try mseLoss(logits, Self.random([3, 2], 37)) }
        #expect(throws: LossError.invalidValue("all elements of input should be between 0 and 1")) {
            try binaryCrossEntropy(Tensor([0.5, 1.5], shape: [2]), Tensor([0, 1], shape: [2]))
        }
        #expect(throws: LossError.invalidValue("var has negative entry/entries")) {
            try gaussianNLLLoss(logits, logits, Tensor([1, -1], shape: [2, 1]))
        }
        #expect(throws: LossError.self) { try gaussianNLLLoss(logits, logits, Tensor([1, 1, 1, 1], shape: [2, 2])) }
        #expect(throws: LossError.self) {
            try ctcLoss(logProbs: Self.random([2, 1, 3], 38), targets: [1, 2, 1], inputLengths: [2], targetLengths: [3])
        }
        #expect(throws: LossError.self) {
            try ctcLoss(logProbs: Self.random([2, 1, 3], 39), targets: [1], inputLengths: [3], targetLengths: [1])
        }
        #expect(throws: LossError.self) { try multiMarginLoss(logits, [0, 1], p: 3) }
        #expect(throws: LossError.self) { try multilabelMarginLoss(logits, try IntTensor([0, 5, -1, 1, 1, 1], shape: [2, 3])) }
        #expect(throws: LossError.self) { try l1Loss(logits, logits, reduction: .batchmean) }
        #expect(throws: LossError.self) { try smoothL1Loss(logits, logits, beta: -1) }
        #expect(throws: LossError.self) { try huberLoss(logits, logits, delta: 0) }
        #expect(throws: LossError.self) { try IntTensor([1, 2, 3], shape: [2, 2]) }
    }
}
