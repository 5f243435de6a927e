import NNEngine

/// The loss examples of lessons 002 (the 18 losses) and 003 (the worked regression and
/// classification examples), with the lessons' inputs and the values they print.
extension LossExample {
    /// Every example, lesson 002's in its order, then lesson 003's.
    public static func lessonExamples() throws -> [LossExample] {
        try lesson002() + lesson003()
    }

    static func lesson002() throws -> [LossExample] {
        let scores = Tensor([1, 2, 1, 3, 1, 3], shape: [3, 2])
        let classes: IntTensor = [0, 1, 1]
        let scoreInputs = [Operand("input", scores), Operand("target", [0, 1, 1])]
        let logits = Tensor([1, 2, 2, 2, 3, 4, 4, 5], shape: [4, 2])
        let labels = Tensor([1, 0, 1, 0, 0, 1, 0, 1], shape: [4, 2])
        let unit = Tensor([1, 1])
        var examples: [LossExample] = [
            try LossExample(lesson: 2, loss: "CrossEntropyLoss", inputs: scoreInputs,
                            printed: [(.none, 0, "1.3133", nil)]) { try crossEntropy(scores, classes, reduction: $0) },
            try LossExample(
                lesson: 2, loss: "CrossEntropyLoss", options: "weight=[1, 2]", inputs: scoreInputs,
                printed: [(.none, 0, "1.3133", nil)]
            ) { try crossEntropy(scores, classes, weight: Tensor([1, 2]), reduction: $0) },
            try LossExample(lesson: 2, loss: "CrossEntropyLoss", options: "weight=[0.7, 0.3]", inputs: scoreInputs) {
                try crossEntropy(scores, classes, weight: Tensor([0.7, 0.3]), reduction: $0)
            },
            try LossExample(
                lesson: 2, loss: "NLLLoss", options: "weight=[1, 1]", inputs: scoreInputs,
                printed: [(.none, 0, "-1", nil), (.none, 1, "-3", nil)]
            ) { try nllLoss(scores, classes, weight: unit, reduction: $0) },
            try LossExample(
                lesson: 2, loss: "BCELoss", options: "weight=[1, 1]",
                inputs: [Operand(name: "input", shape: [4, 2], values: logits.sigmoid().toArray().map(Double.init),
                                 summary: "sigmoid([[1, 2], [2, 2], [3, 4], [4, 5]])"),
                         Operand("target", labels)]
            ) { try binaryCrossEntropy(logits.sigmoid(), labels, weight: unit, reduction: $0) },
            try LossExample(lesson: 2, loss: "BCEWithLogitsLoss", options: "weight=[1, 1]",
                            inputs: [Operand("input", logits), Operand("target", labels)]) {
                try binaryCrossEntropyWithLogits(logits, labels, weight: unit, reduction: $0)
            },
            try LossExample(
                lesson: 2, loss: "BCEWithLogitsLoss", options: "weight=[1, 1], pos_weight=[3]",
                inputs: [Operand("input", logits), Operand("target", labels)],
                printed: [(.none, 0, "0.9398", nil)]
            ) { try binaryCrossEntropyWithLogits(logits, labels, weight: unit, posWeight: Tensor([3]), reduction: $0) },
        ]
        let ones = Tensor.ones([2, 2]), threes = Tensor.full([2, 2], 3)
        examples += [
            try LossExample(lesson: 2, loss: "L1Loss", inputs: [Operand("input", ones), Operand("target", threes)]) {
                try l1Loss(ones, threes, reduction: $0)
            },
            try LossExample(lesson: 2, loss: "MSELoss", inputs: [Operand("input", ones), Operand("target", threes)]) {
                try mseLoss(ones, threes, reduction: $0)
            },
        ]
        // torch.randn(2, 2) twice after torch.manual_seed(1), the lesson's seed.
        let rates = Tensor([0.6613521575927734, 0.266924113035202, 0.06167725846171379, 0.6213173270225525], shape: [2, 2])
        let counts = Tensor([-0.4519059658050537, -0.16613022983074188, -1.522768497467041, 0.38168391585350037], shape: [2, 2])
        examples.append(try LossExample(
            lesson: 2, loss: "PoissonNLLLoss", options: "log_input=True, full=False",
            inputs: [Operand("input", rates), Operand("target", counts)]
        ) { try poissonNLLLoss(rates, counts, logInput: true, full: false, reduction: $0) })
        let logQ = Tensor([0.5, 0.3, 0.2, 0.2, 0.3, 0.5], shape: [2, 3]).log()
        let p = Tensor([0.9, 0.05, 0.05, 0.1, 0.7, 0.2], shape: [2, 3])
        examples.append(try LossExample(
            lesson: 2, loss: "KLDivLoss", inputs: [Operand(name: "input", shape: [2, 3], values: logQ.toArray().map(Double.init),
                                                            summary: "log([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])"),
                                                    Operand("target", p)],
            reductions: [.none, .sum, .mean, .batchmean]
        ) { try klDiv(logQ, p, reduction: $0) })
        let x1 = Tensor([1, 2, 3]), x2 = Tensor([2, 2, 2]), y = Tensor([1, 1, -1])
        examples.append(try LossExample(
            lesson: 2, loss: "MarginRankingLoss", options: "margin=0",
            inputs: [Operand("input1", x1), Operand("input2", x2), Operand("target", y)],
            note: "The lesson passes x1 and x2 of shape (3, 1) with a target of shape (3,), which old PyTorch "
                + "broadcast to a 3×3 loss; current PyTorch refuses inputs of different dimensions, so they are vectors here."
        ) { try marginRankingLoss(x1, x2, y, margin: 0, reduction: $0) })
        let scores4 = Tensor([0.1, 0.2, 0.4, 0.8], shape: [1, 4])
        let labelList = try IntTensor([0, 3, -1, 1], shape: [1, 4])
        examples.append(try LossExample(
            lesson: 2, loss: "MultiLabelMarginLoss",
            inputs: [Operand("input", scores4), Operand("target", [0, 3, -1, 1], shape: [1, 4])]
        ) { try multilabelMarginLoss(scores4, labelList, reduction: $0) })
        let soft = Tensor([0.3, 0.7, 0.5, 0.5], shape: [2, 2]), signs = Tensor([-1, 1, 1, -1], shape: [2, 2])
        examples.append(try LossExample(lesson: 2, loss: "SoftMarginLoss",
                                        inputs: [Operand("input", soft), Operand("target", signs)]) {
            try softMarginLoss(soft, signs, reduction: $0)
        })
        let multi = Tensor([0.3, 0.7, 0.8], shape: [1, 3]), multiTarget = Tensor([0, 1, 1], shape: [1, 3])
        examples.append(try LossExample(lesson: 2, loss: "MultiLabelSoftMarginLoss",
                                        inputs: [Operand("input", multi), Operand("target", multiTarget)]) {
            try multilabelSoftMarginLoss(multi, multiTarget, reduction: $0)
        })
        let hinge = Tensor([0.1, 0.2, 0.7, 0.2, 0.5, 0.3], shape: [2, 3])
        let hingeTarget: IntTensor = [1, 2]
        examples.append(try LossExample(lesson: 2, loss: "MultiMarginLoss",
                                        inputs: [Operand("input", hinge), Operand("target", [1, 2])]) {
            try multiMarginLoss(hinge, hingeTarget, reduction: $0)
        })
        let anchor = Tensor([1], shape: [1, 1]), positive = Tensor([2], shape: [1, 1]), negative = Tensor([0.5], shape: [1, 1])
        examples.append(try LossExample(
            lesson: 2, loss: "TripletMarginLoss", options: "margin=1.0, p=1",
            inputs: [Operand("anchor", anchor), Operand("positive", positive), Operand("negative", negative)]
        ) { try tripletMarginLoss(anchor: anchor, positive: positive, negative: negative, margin: 1, p: 1, reduction: $0) })
        let distances = Tensor([1, 0.8, 0.5], shape: [1, 3]), similar = Tensor([1, 1, -1], shape: [1, 3])
        examples.append(try LossExample(lesson: 2, loss: "HingeEmbeddingLoss", options: "margin=1",
                                        inputs: [Operand("input", distances), Operand("target", similar)]) {
            try hingeEmbeddingLoss(distances, similar, margin: 1, reduction: $0)
        })
        let a = Tensor([0.3, 0.5, 0.7, 0.3, 0.5, 0.7], shape: [2, 3]), b = Tensor([0.1, 0.3, 0.5, 0.1, 0.3, 0.5], shape: [2, 3])
        let pairs = Tensor([1, -1])
        examples.append(try LossExample(
            lesson: 2, loss: "CosineEmbeddingLoss", options: "margin=0",
            inputs: [Operand("input1", a), Operand("input2", b), Operand("target", pairs)],
            note: "The lesson's target has shape (1, 2); current PyTorch takes one label per pair, shape (2,)."
        ) { try cosineEmbeddingLoss(a, b, pairs, margin: 0, reduction: $0) })
        examples.append(try ctcExample())
        return examples
    }

    /// The lesson's CTC batch: T = 50 steps, C = 20 classes, N = 16 sequences, targets of 10 to 29
    /// labels, drawn from seed 1 as the lesson draws them.
    static func ctcExample() throws -> LossExample {
        let (steps, classes, batch, longest, shortest) = (50, 20, 16, 30, 10)
        let generator = Generator(seed: 1)
        let logProbs = Tensor.randn([steps, batch, classes], generator: generator).logSoftmax(dim: 2)
        let targets = try IntTensor(Tensor.randint(1, classes, [batch, longest], generator: generator).toArray().map { Int($0) },
                                    shape: [batch, longest])
        let inputLengths = [Int](repeating: steps, count: batch)
        let targetLengths = Tensor.randint(shortest, longest, [batch], generator: generator).toArray().map { Int($0) }
        return try LossExample(
            lesson: 2, loss: "CTCLoss", options: "blank=0",
            inputs: [
                Operand(name: "log_probs", shape: [steps, batch, classes], values: [],
                        summary: "randn(50, 16, 20).log_softmax(2), seed 1"),
                Operand(name: "targets", shape: [batch, longest], values: [], summary: "randint(1, 20, (16, 30))"),
                Operand("input_lengths", inputLengths),
                Operand("target_lengths", targetLengths),
            ]
        ) {
            try ctcLoss(logProbs: logProbs, targets: targets, inputLengths: inputLengths, targetLengths: targetLengths,
                        reduction: $0)
        }
    }

    static func lesson003() throws -> [LossExample] {
        let truth = Tensor([3.0, 5.0, 2.5]), prediction = Tensor([4.5, 5.0, 2.0])
        let regression = [Operand("input", prediction), Operand("target", truth)]
        let scores = Tensor([0.5, 0.3, 0.2, 0.3, 0.6, 0.1], shape: [2, 3])
        let classes: IntTensor = [0, 1]
        let probabilities = Tensor([0.1, 0.2, 0.7], shape: [3, 1]), labels = Tensor([1, 0, 1], shape: [3, 1])
        return [
            try LossExample(lesson: 3, loss: "L1Loss", inputs: regression,
                            printed: [(.mean, 0, "0.6666666865348816", nil)]) { try l1Loss(prediction, truth, reduction: $0) },
            try LossExample(lesson: 3, loss: "MSELoss", inputs: regression,
                            printed: [(.mean, 0, "0.8333333134651184", nil)]) { try mseLoss(prediction, truth, reduction: $0) },
            try LossExample(lesson: 3, loss: "SmoothL1Loss", inputs: regression, printed: [(.mean, 0, "0.375", nil)]) {
                try smoothL1Loss(prediction, truth, reduction: $0)
            },
            try LossExample(
                lesson: 3, loss: "CrossEntropyLoss", inputs: [Operand("input", scores), Operand("target", [0, 1])],
                printed: [(.mean, 0, "1.2465587854385376",
                           "that is the loss for targets [1, 2]: the lesson's check takes -log 0.3199 and -log 0.2584, "
                           + "the softmax probabilities of classes 1 and 2, one class past its targets [0, 1]")]
            ) { try crossEntropy(scores, classes, reduction: $0) },
            try LossExample(
                lesson: 3, loss: "BCELoss", inputs: [Operand("input", probabilities), Operand("target", labels)],
                printed: [(.mean, 0, "0.9608011841773987", nil)]
            ) { try binaryCrossEntropy(probabilities, labels, reduction: $0) },
        ]
    }
}
