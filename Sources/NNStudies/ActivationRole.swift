/// Where an activation goes in a network, as lesson 003 teaches it: ReLU and tanh in hidden
/// layers, sigmoid at the output of a binary classifier, softmax at the output of a multi-class
/// one, and no activation at the output of a regression.
public struct ActivationRole: Hashable, Sendable {
    /// The layers it belongs in, e.g. `hidden layers` or `output layer, binary classification`.
    public var layers: String
    /// Why, in a sentence: what its values and its gradient do there.
    public var why: String
    /// Whether lesson 003 teaches this activation (the others are the engine's extras).
    public var inLesson: Bool

    public init(layers: String, why: String, inLesson: Bool = true) {
        self.layers = layers
        self.why = why
        self.inLesson = inLesson
    }

    /// The role of the activation PyTorch names `name` (`relu`, `softmax`, ...); nil for a name
    /// the gallery does not draw.
    public static func of(_ name: String) -> ActivationRole? { byName[name] }

    /// Each output the lesson names, with its activation and the loss that goes with it.
    public static let outputs: [(task: String, activation: String, loss: String)] = [
        ("binary classification", "sigmoid", "BCELoss"),
        ("multi-class classification", "softmax", "CrossEntropyLoss"),
        ("regression", "none (linear)", "L1Loss, MSELoss, SmoothL1Loss"),
    ]

    /// The activations the lesson puts in hidden layers.
    public static let hidden = ["relu", "tanh"]

    private static let extra = "not in lesson 003; a hidden-layer activation"

    private static let byName: [String: ActivationRole] = [
        "sigmoid": ActivationRole(
            layers: "output layer, binary classification",
            why: "maps a score into (0, 1), one probability, with BCELoss; in hidden layers its gradient "
                + "(at most 0.25, near 0 for large |x|) fades layer by layer."),
        "tanh": ActivationRole(
            layers: "hidden layers",
            why: "maps into (−1, 1) centred on 0, so it converges faster than sigmoid; it still saturates "
                + "for large |x|."),
        "relu": ActivationRole(
            layers: "hidden layers (the usual choice)",
            why: "gradient 1 for x > 0, nothing saturates; 0 for x ≤ 0: sparse, but units can die "
                + "(nndash dead-relu)."),
        "leaky_relu": ActivationRole(
            layers: "hidden layers",
            why: "the slope below 0 (0.1 here) keeps a gradient, so units do not die (nndash dead-relu); "
                + "the slope has to be chosen."),
        "softmax": ActivationRole(
            layers: "output layer, multi-class classification",
            why: "turns the classes' scores into probabilities that sum to 1, with CrossEntropyLoss (which "
                + "applies log-softmax itself, so the model outputs raw scores)."),
        "elu": ActivationRole(layers: "hidden layers", why: extra + " (ReLU with a smooth negative part).", inLesson: false),
        "selu": ActivationRole(layers: "hidden layers", why: extra + " (scaled ELU).", inLesson: false),
        "celu": ActivationRole(layers: "hidden layers", why: extra + " (ELU, continuously differentiable).", inLesson: false),
        "gelu": ActivationRole(layers: "hidden layers", why: extra + " (transformers use it).", inLesson: false),
        "silu": ActivationRole(layers: "hidden layers", why: extra + " (x·sigmoid(x)).", inLesson: false),
        "mish": ActivationRole(layers: "hidden layers", why: extra + " (x·tanh(softplus(x))).", inLesson: false),
        "softplus": ActivationRole(layers: "hidden layers", why: extra + " (a smooth ReLU).", inLesson: false),
        "softsign": ActivationRole(layers: "hidden layers", why: extra + " (like tanh, with slower tails).", inLesson: false),
        "hardtanh": ActivationRole(layers: "hidden layers", why: extra + " (tanh cut to straight lines).", inLesson: false),
        "relu6": ActivationRole(layers: "hidden layers", why: extra + " (ReLU capped at 6, for mobile nets).", inLesson: false),
        "hardsigmoid": ActivationRole(layers: "hidden layers (gates)", why: "not in lesson 003; a cheap "
            + "piecewise-linear sigmoid, used inside gates of mobile nets.", inLesson: false),
        "hardswish": ActivationRole(layers: "hidden layers", why: extra + " (x·hardsigmoid(x)).", inLesson: false),
        "logsigmoid": ActivationRole(layers: "output, inside a loss", why: "not in lesson 003; log(sigmoid(x)), "
            + "the stable form a binary loss takes from raw scores.", inLesson: false),
        "tanhshrink": ActivationRole(layers: "hidden layers (rare)", why: "not in lesson 003; x − tanh(x).",
                                     inLesson: false),
    ]
}
