/// The options of the Adam family (Adam, AdamW, Adamax, NAdam, RAdam, SparseAdam) for one group;
/// an option an optimizer does not take reads 0 or false.
public struct AdamOptions: GroupOptions {
    public let learningRate, beta1, beta2, momentumDecay: Double
    public let eps: Float
    public let amsgrad: Bool
    /// The sign and weight decay of the gradient, decoupled when the group asks (Adam, NAdam, RAdam).
    public let terms: GradientTerms
    /// The sign and L2 weight decay of the gradient (Adamax, which has no decoupled decay).
    public let l2Terms: GradientTerms
    /// `1 - beta1`, `beta2` and `1 - beta2` as the moment updates use them.
    let w1, b2, w2: Float

    public init(_ group: ParamGroup) {
        learningRate = group.learningRate
        (beta1, beta2) = group.pair("betas")
        momentumDecay = group.number("momentum_decay")
        eps = Float(group.number("eps"))
        amsgrad = group.flag("amsgrad")
        terms = GradientTerms(group, decouples: true)
        l2Terms = GradientTerms(group)
        w1 = Float(1 - beta1)
        b2 = Float(beta2)
        w2 = Float(1 - beta2)
    }

    /// Moves the first moment `m` and the second `v` towards gradient `g` (PyTorch's `lerp_` and `addcmul_`).
    @inline(__always)
    func moments(_ m: inout Float, _ v: inout Float, _ g: Float) {
        m += w1 * (g - m)
        v = v * b2 + w2 * g * g
    }
}
