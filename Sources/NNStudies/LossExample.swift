import Foundation
import NNEngine

/// One worked loss example of a lesson: its inputs, the loss under every reduction as the engine
/// computes it, and the values the lesson prints, with why a printed value differs where it does.
public struct LossExample: Sendable, Equatable {
    /// A named input tensor.
    public struct Operand: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        /// Row-major values (empty when the tensor is too large to show; `summary` says what it is).
        public var values: [Double]
        /// How the values were made, for inputs too large to list ("randn(50, 16, 20).log_softmax(2)").
        public var summary: String?
    }

    /// The loss under one reduction.
    public struct Outcome: Sendable, Equatable {
        /// PyTorch's name: "none", "sum", "mean" or "batchmean".
        public var reduction: String
        public var shape: [Int]
        public var values: [Double]
    }

    /// A number the lesson prints, and whether the engine's agrees with it.
    public struct Printed: Sendable, Equatable {
        /// The reduction it was printed for.
        public var reduction: String
        /// Which element of that outcome (0 for a scalar).
        public var index: Int
        /// As the lesson prints it.
        public var text: String
        /// The engine's value of the same element.
        public var computed: Double
        /// Why the lesson's value differs (nil when it agrees).
        public var why: String?

        /// Whether `computed` rounds to `text` at the digits the lesson prints (and within float32 rounding).
        public var agrees: Bool {
            guard let printed = Double(text) else { return false }
            let digits = text.split(separator: ".").dropFirst().first?.count ?? 0
            let tolerance = Swift.max(0.5 * pow(10, -Double(digits)), 1e-6 * Swift.abs(printed))
            return Swift.abs(computed - printed) <= tolerance
        }
    }

    /// The lesson it comes from (2 or 3); nil for an example with one's own inputs (`LossRequest`).
    public var lesson: Int?
    /// PyTorch's module name ("CrossEntropyLoss").
    public var loss: String
    /// Its arguments besides the reduction, as PyTorch spells them ("weight=[0.7, 0.3]"), or "".
    public var options: String
    public var inputs: [Operand]
    public var outcomes: [Outcome]
    public var printed: [Printed]
    /// What differs from the lesson's code, when current PyTorch refuses it as written.
    public var note: String?

    /// The example's one-line name: the loss and its options.
    public var title: String { options.isEmpty ? loss : "\(loss)(\(options))" }

    /// The outcome of `reduction`, if the example has it.
    public func outcome(_ reduction: String) -> Outcome? { outcomes.first { $0.reduction == reduction } }
}

extension LossExample {
    /// A lesson's example, computed now by `loss(reduction)` for each reduction.
    /// - Parameter printed: (reduction, element, the lesson's text, why it differs or nil).
    init(
        lesson: Int?, loss: String, options: String = "", inputs: [Operand],
        reductions: [Reduction] = [.none, .sum, .mean], printed: [(Reduction, Int, String, String?)] = [],
        note: String? = nil, _ compute: (Reduction) throws -> Tensor
    ) throws {
        self.lesson = lesson
        self.loss = loss
        self.options = options
        self.inputs = inputs
        self.note = note
        outcomes = try reductions.map { reduction in
            let value = try compute(reduction)
            return Outcome(reduction: reduction.rawValue, shape: value.shape, values: value.toArray().map(Double.init))
        }
        let outcomes = self.outcomes
        self.printed = printed.map { reduction, index, text, why in
            let values = outcomes.first { $0.reduction == reduction.rawValue }?.values ?? []
            return Printed(reduction: reduction.rawValue, index: index, text: text,
                           computed: values.indices.contains(index) ? values[index] : .nan, why: why)
        }
    }
}

extension LossExample.Operand {
    /// The operand `name` holding `tensor`'s values.
    init(_ name: String, _ tensor: Tensor) {
        self.init(name: name, shape: tensor.shape, values: tensor.toArray().map(Double.init), summary: nil)
    }

    /// The operand `name` holding the integers `values` of `shape`.
    init(_ name: String, _ values: [Int], shape: [Int]? = nil) {
        self.init(name: name, shape: shape ?? [values.count], values: values.map(Double.init), summary: nil)
    }
}
