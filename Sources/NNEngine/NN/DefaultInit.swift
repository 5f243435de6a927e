extension Init {
    /// PyTorch's default initialization of `nn.Linear` and `nn.Conv2d`: the weight by
    /// `kaiming_uniform(a: sqrt(5))`, which is U(±1/sqrt(fanIn)), computed as PyTorch does in
    /// double precision; the bias from U(±1/sqrt(fanIn)). Nothing is drawn when `fanIn` is 0.
    static func layerDefault(weight: Tensor, bias: Tensor?, fanIn: Int, generator: Generator) {
        guard fanIn > 0 else { return }
        let fan = Double(fanIn)
        let a = 5.0.squareRoot()
        let gain = (2 / (1 + a * a)).squareRoot()
        let weightBound = Float(3.0.squareRoot() * gain / fan.squareRoot())
        uniform(weight, a: -weightBound, b: weightBound, generator: generator)
        let biasBound = Float(1 / fan.squareRoot())
        if let bias { uniform(bias, a: -biasBound, b: biasBound, generator: generator) }
    }
}
