/// Dropout, as PyTorch's `nn.Dropout` (Srivastava et al., "Dropout: A Simple Way to Prevent
/// Neural Networks from Overfitting", JMLR 2014).
///
/// In training mode each element is zeroed with probability `p` and the others are scaled by
/// 1/(1-p) (inverted dropout), so the expected output equals the input; in evaluation mode the
/// input passes through unchanged.
public final class Dropout: Module {
    public let p: Double
    public let generator: Generator
    public var isTraining = true

    /// - Parameters:
    ///   - p: the probability of zeroing an element, in [0, 1].
    ///   - generator: the source of the masks.
    public init(p: Double = 0.5, generator: Generator = .default) {
        precondition((0...1).contains(p), "dropout probability has to be between 0 and 1, but got \(p)")
        (self.p, self.generator) = (p, generator)
    }

    public func forward(_ input: Tensor) -> Tensor {
        guard isTraining, p > 0 else { return input }
        guard p < 1 else { return input * 0 }
        let scale = Float(1 / (1 - p)), keep = Float(1 - p)
        let mask = Tensor.rand(input.shape, generator: generator).toArray().map { $0 < keep ? scale : 0 }
        return input * Tensor(mask, shape: input.shape)
    }
}
