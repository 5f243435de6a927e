import NNEngine
import NNRuns

/// Each loss against the prediction for a fixed target, with its gradient from autograd (one
/// loss a step), and the loss examples of lessons 002 and 003 (`LossExample`), after one with
/// one's own inputs when asked (`LossRequest`).
public struct LossGallery: Study {
    public static let name = "losses"

    /// One loss curve: the predictions swept, the fixed target, and the unreduced loss of the
    /// predictions with the leaf tensor the gradient lands in (and its column, for logits).
    struct Curve {
        var name: String
        var target: String
        var predictions: [Double]
        var loss: (Tensor) throws -> (loss: Tensor, leaf: Tensor, column: Int?)
    }

    public struct Configuration: Hashable, Sendable {
        public var points: Int
        /// An example with one's own inputs, shown before the lessons'.
        public var own: LossRequest?
        public init(points: Int = 121, own: LossRequest? = nil) {
            self.points = points
            self.own = own
        }
    }

    public let configuration: Configuration
    private var drawn: [LossCurve] = []
    /// The lessons' loss examples, computed on the first step.
    public private(set) var examples: [LossExample] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public var params: JSONValue { configuration.params }

    var curves: [Curve] {
        let n = configuration.points
        let symmetric = linspace(-3, 3, count: n)
        let zeros = Tensor.zeros([n]), ones = Tensor.ones([n])
        func leafOf(_ values: [Double]) -> Tensor { Tensor(values.map { Float($0) }, requiresGrad: true) }
        return [
            Curve(name: "MSELoss", target: "0", predictions: symmetric) { x in (try mseLoss(x, zeros, reduction: .none), x, nil) },
            Curve(name: "L1Loss", target: "0", predictions: symmetric) { x in (try l1Loss(x, zeros, reduction: .none), x, nil) },
            Curve(name: "SmoothL1Loss", target: "0", predictions: symmetric) { x in
                (try smoothL1Loss(x, zeros, reduction: .none, beta: 1), x, nil)
            },
            Curve(name: "HuberLoss delta=2", target: "0", predictions: symmetric) { x in
                (try huberLoss(x, zeros, reduction: .none, delta: 2), x, nil)
            },
            Curve(name: "BCELoss", target: "1", predictions: linspace(0.01, 0.99, count: n)) { x in
                (try binaryCrossEntropy(x, ones, reduction: .none), x, nil)
            },
            Curve(name: "BCEWithLogitsLoss", target: "1", predictions: linspace(-5, 5, count: n)) { x in
                (try binaryCrossEntropyWithLogits(x, ones, reduction: .none), x, nil)
            },
            Curve(name: "CrossEntropyLoss", target: "class 0 of logits (z, 0)", predictions: linspace(-5, 5, count: n)) { z in
                let logits = leafOf(z.toArray().flatMap { [Double($0), 0] })
                let input = logits.reshape([n, 2])
                let target = try IntTensor(Array(repeating: 0, count: n))
                return (try crossEntropy(input, target, reduction: .none), logits, 0)
            },
        ]
    }

    /// One step per loss; its records hold every point of the curve and its gradient (`step`
    /// counts the points of all losses so far, so replay grows them in order).
    public mutating func step() throws -> [MetricRecord]? {
        if drawn.isEmpty && examples.isEmpty {
            examples = (try configuration.own.map { [try $0.example()] } ?? []) + (try LossExample.lessonExamples())
        }
        let curves = self.curves
        guard drawn.count < curves.count else { return nil }
        let curve = curves[drawn.count]
        let x = Tensor(curve.predictions.map { Float($0) }, requiresGrad: true)
        let (loss, leaf, column) = try curve.loss(x)
        let values = loss.toArray().map(Double.init)
        // Summed, each element's gradient is the derivative of its own loss.
        try loss.sum().backward()
        var grads = (leaf.grad?.toArray() ?? []).map { Double($0) }
        if let column { grads = stride(from: column, to: grads.count, by: 2).map { grads[$0] } }
        let drawnCurve = LossCurve(name: curve.name, target: curve.target, prediction: curve.predictions, loss: values, grad: grads)
        let first = drawn.count * configuration.points
        drawn.append(drawnCurve)
        return drawnCurve.prediction.indices.map { j in
            MetricRecord(series: curve.name, params: j == 0 ? ["target": .string(curve.target)] : nil, step: first + j,
                         values: ["prediction": drawnCurve.prediction[j], "loss": drawnCurve.loss[j], "grad": drawnCurve.grad[j]])
        }
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, curves: drawn, examples: examples) }
}
